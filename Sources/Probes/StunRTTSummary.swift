import Diagnosis

/// Round-trip times in milliseconds: min, median, max over ``samples`` unambiguous measurements.
public struct StunRTTSummary: Codable, Hashable, Sendable {
    public var min: Double
    public var median: Double
    public var max: Double
    public var samples: Int

    /// Nil for an empty list. The median of an even count is the mean of the middle two.
    /// Values are rounded to microseconds (3 decimals).
    public init?(milliseconds values: [Double]) {
        let sorted = values.filter { $0.isFinite }.sorted()
        guard let first = sorted.first, let last = sorted.last, let median = SampleStatistics.median(sorted) else { return nil }
        self.min = StunRTTSummary.round(first)
        self.median = StunRTTSummary.round(median)
        self.max = StunRTTSummary.round(last)
        self.samples = sorted.count
    }

    /// Rounds to 3 decimals (microseconds when the unit is milliseconds): ``ReportNumber/milliseconds(_:)``.
    public static func round(_ value: Double) -> Double {
        ReportNumber.milliseconds(value)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeMilliseconds(min, forKey: .min)
        try container.encodeMilliseconds(median, forKey: .median)
        try container.encodeMilliseconds(max, forKey: .max)
        try container.encode(samples, forKey: .samples)
    }
}
