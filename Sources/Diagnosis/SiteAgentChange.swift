/// An agent whose verdict differs between two runs; `nil` = the agent was not in that run.
public struct SiteAgentChange: Sendable, Equatable, Codable {
    public let agent: String
    public let baseline: Verdict?
    public let current: Verdict?

    public init(agent: String, baseline: Verdict?, current: Verdict?) {
        self.agent = agent
        self.baseline = baseline
        self.current = current
    }

    private enum CodingKeys: String, CodingKey {
        case agent, baseline, current
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(agent, forKey: .agent)
        try c.encode(baseline, forKey: .baseline)
        try c.encode(current, forKey: .current)
    }
}
