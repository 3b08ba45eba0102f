/// One-way mouth-to-ear delay split into the terms of `MouthToEarModel`, in milliseconds.
public struct MouthToEarDelay: Sendable, Equatable, Codable {
    public let networkMs: Double
    public let jitterBufferMs: Double
    public let codecMs: Double
    public let deviceMs: Double

    public init(networkMs: Double, jitterBufferMs: Double, codecMs: Double, deviceMs: Double) {
        self.networkMs = networkMs
        self.jitterBufferMs = jitterBufferMs
        self.codecMs = codecMs
        self.deviceMs = deviceMs
    }

    public var totalMs: Double { networkMs + jitterBufferMs + codecMs + deviceMs }

    /// The G.114 band of the total.
    public var g114: G114Band? { G114Band(oneWayDelayMs: totalMs) }
}
