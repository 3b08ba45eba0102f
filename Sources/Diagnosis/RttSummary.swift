/// Round-trip time figures of one region, in milliseconds (see `SampleStatistics` for the
/// definitions).
public struct RttSummary: Sendable, Equatable, Codable {
    public let min: Double
    public let median: Double
    public let p95: Double

    public init(min: Double, median: Double, p95: Double) {
        self.min = ReportNumber.milliseconds(min)
        self.median = ReportNumber.milliseconds(median)
        self.p95 = ReportNumber.milliseconds(p95)
    }

    public init(_ statistics: SampleStatistics) {
        self.init(min: statistics.min, median: statistics.median, p95: statistics.p95)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeMilliseconds(min, forKey: .min)
        try container.encodeMilliseconds(median, forKey: .median)
        try container.encodeMilliseconds(p95, forKey: .p95)
    }
}
