/// Latency to one media region as measured by STUN over UDP. `nil` fields were not measured.
/// Milliseconds are stored and encoded rounded by `ReportNumber.milliseconds` (0.001 ms).
public struct RegionResult: Sendable, Equatable, Codable {
    public let id: String
    public let rttMs: RttSummary?
    public let jitterMs: Double?
    public let lossPercent: Double?
    /// Whether any request was answered; `nil` when the region was not probed (e.g. DNS failed).
    public let reachable: Bool?
    /// How many requests were sent (`nil` when not probed).
    public let samplesSent: Int?

    public init(id: String, rttMs: RttSummary?, jitterMs: Double?, lossPercent: Double?,
                reachable: Bool?, samplesSent: Int?) {
        self.id = id
        self.rttMs = rttMs
        self.jitterMs = jitterMs.map(ReportNumber.milliseconds)
        self.lossPercent = lossPercent
        self.reachable = reachable
        self.samplesSent = samplesSent
    }

    /// From raw measurements: the RTTs of answered requests (in order) and how many were sent.
    public init(id: String, rttSamplesMs: [Double], sent: Int) {
        let statistics = SampleStatistics(samples: rttSamplesMs)
        let received = statistics?.count ?? 0
        self.init(id: id, rttMs: statistics.map(RttSummary.init), jitterMs: statistics?.jitter,
                  lossPercent: SampleStatistics.lossPercent(sent: sent, received: received),
                  reachable: sent > 0 ? received > 0 : nil, samplesSent: sent > 0 ? sent : nil)
    }

    private enum CodingKeys: String, CodingKey {
        case id, rttMs, jitterMs, lossPercent, reachable, samplesSent
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(rttMs, forKey: .rttMs)
        try container.encodeMilliseconds(jitterMs, forKey: .jitterMs)
        try container.encode(lossPercent, forKey: .lossPercent)
        try container.encode(reachable, forKey: .reachable)
        try container.encode(samplesSent, forKey: .samplesSent)
    }
}
