/// UDP reachability across a site's agents. `blockedPercent` is the share of the agents that
/// measured it (`nil` when none did).
public struct SiteUdpSummary: Sendable, Equatable, Codable {
    public let reachable: Int
    public let blocked: Int
    public let notMeasured: Int
    public let blockedPercent: Double?

    public init(reachable: Int, blocked: Int, notMeasured: Int) {
        self.reachable = reachable
        self.blocked = blocked
        self.notMeasured = notMeasured
        self.blockedPercent = reachable + blocked > 0 ? SitePercent.of(blocked, reachable + blocked) : nil
    }

    private enum CodingKeys: String, CodingKey {
        case reachable, blocked, notMeasured, blockedPercent
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(reachable, forKey: .reachable)
        try c.encode(blocked, forKey: .blocked)
        try c.encode(notMeasured, forKey: .notMeasured)
        try c.encode(blockedPercent, forKey: .blockedPercent)
    }
}
