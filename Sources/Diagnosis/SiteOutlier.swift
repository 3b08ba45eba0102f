/// An agent that differs from its site's majority, with the reasons (likely a local problem:
/// Wi-Fi, VPN, a different network path). See `SiteRules` for the rule.
public struct SiteOutlier: Sendable, Equatable, Codable {
    public let agent: String
    public let verdict: Verdict
    public let reasons: [String]

    public init(agent: String, verdict: Verdict, reasons: [String]) {
        self.agent = agent
        self.verdict = verdict
        self.reasons = reasons
    }
}
