/// A named value and how many agents of a site had it (for example a NAT type or a nearest
/// region), with its share of the agents in percent (one decimal).
public struct SiteCount: Sendable, Equatable, Codable {
    public let name: String
    public let agents: Int
    public let percent: Double

    public init(name: String, agents: Int, percent: Double) {
        self.name = name
        self.agents = agents
        self.percent = percent
    }

    init(name: String, agents: Int, of total: Int) {
        self.init(name: name, agents: agents, percent: SitePercent.of(agents, total))
    }

    /// Counts sorted by agents (most first), then name, so the order is deterministic.
    static func ranked(_ counts: [String: Int], of total: Int) -> [SiteCount] {
        counts.map { SiteCount(name: $0.key, agents: $0.value, of: total) }
            .sorted { $0.agents != $1.agents ? $0.agents > $1.agents : $0.name < $1.name }
    }
}
