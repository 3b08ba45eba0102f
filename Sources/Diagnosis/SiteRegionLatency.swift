/// RTT to one region across a site's agents: the distribution of the agents' median STUN RTTs
/// (median and nearest-rank p95 as in `SampleStatistics`), and how many agents could not reach it.
public struct SiteRegionLatency: Sendable, Equatable, Codable {
    public let id: String
    /// The site's home region (the home region most reports named).
    public let home: Bool
    /// Agents with a median RTT to this region.
    public let agentsMeasured: Int
    /// Agents that probed it and got no answer.
    public let agentsUnreachable: Int
    /// Agents for which this region was the nearest.
    public let nearestFor: Int
    public let medianMs: Double?
    public let p95Ms: Double?
    public let minMs: Double?
    public let maxMs: Double?

    public init(id: String, home: Bool, agentsMeasured: Int, agentsUnreachable: Int, nearestFor: Int,
                medianMs: Double?, p95Ms: Double?, minMs: Double?, maxMs: Double?) {
        self.id = id
        self.home = home
        self.agentsMeasured = agentsMeasured
        self.agentsUnreachable = agentsUnreachable
        self.nearestFor = nearestFor
        self.medianMs = medianMs
        self.p95Ms = p95Ms
        self.minMs = minMs
        self.maxMs = maxMs
    }

    private enum CodingKeys: String, CodingKey {
        case id, home, agentsMeasured, agentsUnreachable, nearestFor, medianMs, p95Ms, minMs, maxMs
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(home, forKey: .home)
        try c.encode(agentsMeasured, forKey: .agentsMeasured)
        try c.encode(agentsUnreachable, forKey: .agentsUnreachable)
        try c.encode(nearestFor, forKey: .nearestFor)
        try c.encode(medianMs, forKey: .medianMs)
        try c.encode(p95Ms, forKey: .p95Ms)
        try c.encode(minMs, forKey: .minMs)
        try c.encode(maxMs, forKey: .maxMs)
    }
}
