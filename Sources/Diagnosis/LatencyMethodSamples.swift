/// What one latency method measured to one region, before any choice: the target it timed, the
/// RTTs of the attempts that were answered (in sending order), one flag per attempt sent, and
/// the reason when it got no answer. Produced by the probes, judged by `RegionLatencyChooser`.
public struct LatencyMethodSamples: Sendable, Equatable {
    public var method: RegionLatencyMethod
    /// What was timed, as the user wrote it (`stun:jp1.example:3478`, `tls:edge.example:443`).
    public var target: String
    public var rttSamplesMs: [Double]
    public var sent: Int
    /// One flag per attempt sent, in order (`answered.count == sent` when known).
    public var answered: [Bool]
    public var spacingMs: Double
    /// Named error (`timeout`, `refused`, `dns`, `tls-untrusted-certificate`, ...) when attempts failed.
    public var error: String?

    public init(method: RegionLatencyMethod, target: String, rttSamplesMs: [Double] = [], sent: Int = 0,
                answered: [Bool] = [], spacingMs: Double = 0, error: String? = nil) {
        self.method = method
        self.target = target
        self.rttSamplesMs = rttSamplesMs
        self.sent = sent
        self.answered = answered
        self.spacingMs = spacingMs
        self.error = error
    }

    /// Attempts answered.
    public var received: Int { rttSamplesMs.count }
}
