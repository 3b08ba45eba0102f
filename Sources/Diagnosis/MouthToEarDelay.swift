/// One-way mouth-to-ear delay split into the terms of `MouthToEarModel`, in milliseconds (each
/// kept to ``ReportNumber/milliseconds(_:)``, so a report round-trips through JSON unchanged).
public struct MouthToEarDelay: Sendable, Equatable, Codable {
    public let networkMs: Double
    public let jitterBufferMs: Double
    public let codecMs: Double
    public let deviceMs: Double

    public init(networkMs: Double, jitterBufferMs: Double, codecMs: Double, deviceMs: Double) {
        self.networkMs = ReportNumber.milliseconds(networkMs)
        self.jitterBufferMs = ReportNumber.milliseconds(jitterBufferMs)
        self.codecMs = ReportNumber.milliseconds(codecMs)
        self.deviceMs = ReportNumber.milliseconds(deviceMs)
    }

    public var totalMs: Double { networkMs + jitterBufferMs + codecMs + deviceMs }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeMilliseconds(networkMs, forKey: .networkMs)
        try container.encodeMilliseconds(jitterBufferMs, forKey: .jitterBufferMs)
        try container.encodeMilliseconds(codecMs, forKey: .codecMs)
        try container.encodeMilliseconds(deviceMs, forKey: .deviceMs)
    }

    /// The G.114 band of the total.
    public var g114: G114Band? { G114Band(oneWayDelayMs: totalMs) }
}
