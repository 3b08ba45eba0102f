/// What the latency probe saw of one region: the raw round-trip times (in the order the requests
/// were sent) and how many requests went out. Turned into a `RegionResult` by `CheckFactsBuilder`.
public struct RegionLatencyObservation: Sendable, Equatable {
    public var region: String
    public var server: String
    public var resolvedAddress: String?
    /// RTTs of answered requests, ms, in sending order.
    public var rttSamplesMs: [Double]
    public var sent: Int
    /// Distinct requests answered (equals `rttSamplesMs.count`).
    public var received: Int
    /// One flag per request sent, in sending order: answered or not (`answered.count == sent`).
    public var answered: [Bool]
    /// The planned pause between requests, ms.
    public var spacingMs: Double
    /// The mapped address the region saw (for NAT detection), if any answer carried one.
    public var mappedAddress: String?
    /// Named error when the probe could not run or stopped early (`dns`, `refused`, `unreachable`...).
    public var error: String?
    public var durationMs: Double

    public init(region: String, server: String, resolvedAddress: String? = nil, rttSamplesMs: [Double] = [],
                sent: Int = 0, received: Int = 0, answered: [Bool] = [], spacingMs: Double = 0, mappedAddress: String? = nil, error: String? = nil, durationMs: Double = 0) {
        self.region = region
        self.server = server
        self.resolvedAddress = resolvedAddress
        self.rttSamplesMs = rttSamplesMs
        self.sent = sent
        self.received = received
        self.answered = answered
        self.spacingMs = spacingMs
        self.mappedAddress = mappedAddress
        self.error = error
        self.durationMs = durationMs
    }
}
