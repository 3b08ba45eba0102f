/// The modelled quality of one media path of a queue-routed call.
public struct RoutingPath: Sendable, Equatable, Codable {
    public let via: RoutingVia
    /// The region where media is anchored on this path.
    public let region: String
    /// RTT of the agent leg (agent to the anchoring region), ms.
    public let agentLegRttMs: Double
    /// RTT of the customer leg (customer to the home region, plus home to the anchoring region
    /// when that is elsewhere), ms.
    public let customerLegRttMs: Double
    /// Mouth-to-ear delay terms (see `MouthToEarModel`).
    public let delay: MouthToEarDelay
    /// Loss assumed on the path, percent (the agent's measured loss to the region).
    public let lossPercent: Double
    /// Simplified ITU-T G.107 E-model R with d = the modelled mouth-to-ear delay.
    public let rFactor: Double
    public let mos: Double

    public init(via: RoutingVia, region: String, agentLegRttMs: Double, customerLegRttMs: Double,
                delay: MouthToEarDelay, lossPercent: Double, rFactor: Double, mos: Double) {
        self.via = via
        self.region = region
        self.agentLegRttMs = ReportNumber.milliseconds(agentLegRttMs)
        self.customerLegRttMs = ReportNumber.milliseconds(customerLegRttMs)
        self.delay = delay
        self.lossPercent = lossPercent
        self.rFactor = rFactor
        self.mos = mos
    }

    /// One-way mouth-to-ear delay, ms.
    public var oneWayDelayMs: Double { delay.totalMs }
    /// Below the G.114 preferred limit (150 ms).
    public var withinG114: Bool { oneWayDelayMs < G114Band.preferredLimitMs }
    public var g114: G114Band? { G114Band(oneWayDelayMs: oneWayDelayMs) }

    private enum CodingKeys: String, CodingKey {
        case via, region, agentLegRttMs, customerLegRttMs, delay, lossPercent, rFactor, mos
        case oneWayDelayMs, withinG114, g114
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(via, forKey: .via)
        try container.encode(region, forKey: .region)
        try container.encodeMilliseconds(agentLegRttMs, forKey: .agentLegRttMs)
        try container.encodeMilliseconds(customerLegRttMs, forKey: .customerLegRttMs)
        try container.encode(delay, forKey: .delay)
        try container.encode(lossPercent, forKey: .lossPercent)
        try container.encode(rFactor, forKey: .rFactor)
        try container.encode(mos, forKey: .mos)
        try container.encodeMilliseconds(oneWayDelayMs, forKey: .oneWayDelayMs)
        try container.encode(withinG114, forKey: .withinG114)
        try container.encode(g114, forKey: .g114)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        via = try container.decode(RoutingVia.self, forKey: .via)
        region = try container.decode(String.self, forKey: .region)
        agentLegRttMs = try container.decode(Double.self, forKey: .agentLegRttMs)
        customerLegRttMs = try container.decode(Double.self, forKey: .customerLegRttMs)
        delay = try container.decode(MouthToEarDelay.self, forKey: .delay)
        lossPercent = try container.decode(Double.self, forKey: .lossPercent)
        rFactor = try container.decode(Double.self, forKey: .rFactor)
        mos = try container.decode(Double.self, forKey: .mos)
    }
}
