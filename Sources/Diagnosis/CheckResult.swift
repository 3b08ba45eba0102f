/// The verdict of one check: `nil` when the check was not measured (not "ready").
public struct CheckResult: Sendable, Equatable, Codable {
    public let check: CheckID
    public let verdict: Verdict?
    /// The ids of this check's findings, in report order.
    public let findings: [FindingID]

    public init(check: CheckID, verdict: Verdict?, findings: [FindingID]) {
        self.check = check
        self.verdict = verdict
        self.findings = findings
    }

    private enum CodingKeys: String, CodingKey {
        case check, verdict, findings
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(check, forKey: .check)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(findings, forKey: .findings)
    }
}
