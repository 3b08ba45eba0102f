/// Round-trip time figures of one region, in milliseconds (see `SampleStatistics` for the
/// definitions).
public struct RttSummary: Sendable, Equatable, Codable {
    public let min: Double
    public let median: Double
    public let p95: Double

    public init(min: Double, median: Double, p95: Double) {
        self.min = min
        self.median = median
        self.p95 = p95
    }

    public init(_ statistics: SampleStatistics) {
        self.init(min: statistics.min, median: statistics.median, p95: statistics.p95)
    }
}
