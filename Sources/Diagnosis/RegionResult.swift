/// Latency to one media region, measured by the best method that got answers (`method`; see
/// `RegionLatencyChooser`), with every method tried in `methods`. `nil` fields were not measured.
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
    /// How the losses clustered (`nil` when not measured: not probed, or a report from before).
    public let lossBursts: LossBursts?
    /// The method the figures above come from (`nil`: not measured, or a report from before methods).
    public let method: RegionLatencyMethod?
    /// Every method tried, in preference order, with why each failed (`nil`: a report from before).
    public let methods: [RegionMethodResult]?
    /// Why the region is not measured although it was probed (an unverified target that stayed silent).
    public let note: String?

    public init(id: String, rttMs: RttSummary?, jitterMs: Double?, lossPercent: Double?,
                reachable: Bool?, samplesSent: Int?, lossBursts: LossBursts? = nil,
                method: RegionLatencyMethod? = nil, methods: [RegionMethodResult]? = nil, note: String? = nil) {
        self.id = id
        self.rttMs = rttMs
        self.jitterMs = jitterMs.map(ReportNumber.milliseconds)
        self.lossPercent = lossPercent
        self.reachable = reachable
        self.samplesSent = samplesSent
        self.lossBursts = lossBursts
        self.method = method
        self.methods = methods
        self.note = note
    }

    /// From raw measurements: the RTTs of answered requests (in order) and how many were sent;
    /// with `answered` (one flag per request sent, in order) and the spacing, also the loss bursts.
    public init(id: String, rttSamplesMs: [Double], sent: Int, answered: [Bool]? = nil, spacingMs: Double? = nil,
                method: RegionLatencyMethod? = nil, methods: [RegionMethodResult]? = nil) {
        let statistics = SampleStatistics(samples: rttSamplesMs)
        let received = statistics?.count ?? 0
        var bursts: LossBursts? = nil
        if let answered, let spacingMs, answered.count == sent {
            bursts = LossBursts(answered: answered, spacingMs: spacingMs)
        }
        self.init(id: id, rttMs: statistics.map(RttSummary.init), jitterMs: statistics?.jitter,
                  lossPercent: SampleStatistics.lossPercent(sent: sent, received: received),
                  reachable: sent > 0 ? received > 0 : nil, samplesSent: sent > 0 ? sent : nil, lossBursts: bursts,
                  method: method, methods: methods)
    }

    private enum CodingKeys: String, CodingKey {
        case id, rttMs, jitterMs, lossPercent, reachable, samplesSent, lossBursts, method, methods, note
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(rttMs, forKey: .rttMs)
        try container.encodeMilliseconds(jitterMs, forKey: .jitterMs)
        try container.encode(lossPercent, forKey: .lossPercent)
        try container.encode(reachable, forKey: .reachable)
        try container.encode(samplesSent, forKey: .samplesSent)
        try container.encode(lossBursts, forKey: .lossBursts)
        try container.encode(method, forKey: .method)
        try container.encode(methods, forKey: .methods)
        try container.encode(note, forKey: .note)
    }
}
