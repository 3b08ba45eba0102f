/// One latency method tried on a region, as reported in `regions[].methods[]`: what it timed,
/// how many attempts were sent and answered, the median RTT it saw, and why it failed when no
/// attempt was answered. `nil` fields were not measured.
public struct RegionMethodResult: Sendable, Equatable, Codable {
    public let method: RegionLatencyMethod
    public let target: String
    public let sent: Int
    public let received: Int
    public let rttMedianMs: Double?
    /// Named reason (`timeout`, `refused`, `dns`, `tls-...`); `nil` when at least one attempt was answered.
    public let error: String?

    public init(method: RegionLatencyMethod, target: String, sent: Int, received: Int, rttMedianMs: Double?, error: String?) {
        self.method = method
        self.target = target
        self.sent = sent
        self.received = received
        self.rttMedianMs = rttMedianMs.map(ReportNumber.milliseconds)
        self.error = error
    }

    private enum CodingKeys: String, CodingKey {
        case method, target, sent, received, rttMedianMs, error
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encode(target, forKey: .target)
        try container.encode(sent, forKey: .sent)
        try container.encode(received, forKey: .received)
        try container.encodeMilliseconds(rttMedianMs, forKey: .rttMedianMs)
        try container.encode(error, forKey: .error)
    }
}
