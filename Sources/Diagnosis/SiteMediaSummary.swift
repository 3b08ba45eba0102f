/// The media streams (`check --media`) across a site's agents: how many agents ran one, how many
/// could not stream at all, and over the others the median and lowest MOS, how many scored
/// below `mosTarget` (3.5, the media probe's floor) and the median loss.
public struct SiteMediaSummary: Sendable, Equatable, Codable {
    public static let mosTarget = MediaThresholds.defaults.mos

    public let agents: Int
    public let failed: Int
    public let mosMedian: Double?
    public let mosMin: Double?
    public let belowMosTarget: Int
    public let lossMedianPercent: Double?

    public init(agents: Int, failed: Int, mosMedian: Double?, mosMin: Double?, belowMosTarget: Int,
                lossMedianPercent: Double?) {
        self.agents = agents
        self.failed = failed
        self.mosMedian = mosMedian
        self.mosMin = mosMin
        self.belowMosTarget = belowMosTarget
        self.lossMedianPercent = lossMedianPercent
    }

    /// From each agent's stream (nil: the agent's stream could not run); nil when no agent ran one.
    init?(streams: [(mos: Double?, lossPercent: Double?)?]) {
        guard !streams.isEmpty else { return nil }
        let ran = streams.compactMap { $0 }
        let scores = ran.compactMap(\.mos).filter(\.isFinite)
        let losses = ran.compactMap(\.lossPercent).filter(\.isFinite)
        self.init(agents: streams.count, failed: streams.count - ran.count,
                  mosMedian: SampleStatistics.median(scores).map(ReportNumber.thousandths),
                  mosMin: scores.min(), belowMosTarget: scores.filter { $0 < Self.mosTarget }.count,
                  lossMedianPercent: SampleStatistics.median(losses).map(ReportNumber.thousandths))
    }

    private enum CodingKeys: String, CodingKey {
        case agents, failed, mosMedian, mosMin, belowMosTarget, lossMedianPercent
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(agents, forKey: .agents)
        try c.encode(failed, forKey: .failed)
        try c.encode(mosMedian, forKey: .mosMedian)
        try c.encode(mosMin, forKey: .mosMin)
        try c.encode(belowMosTarget, forKey: .belowMosTarget)
        try c.encode(lossMedianPercent, forKey: .lossMedianPercent)
    }
}
