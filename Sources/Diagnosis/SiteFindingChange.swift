/// A shared finding whose agent count changed between two runs of a site (0 = absent).
public struct SiteFindingChange: Sendable, Equatable, Codable {
    public let severity: Severity
    public let id: FindingID
    public let subject: String?
    public let baselineAgents: Int
    public let currentAgents: Int
    /// The action of the finding (from the run where it is present; the current one when both).
    public let action: String?

    public init(severity: Severity, id: FindingID, subject: String?, baselineAgents: Int, currentAgents: Int, action: String?) {
        self.severity = severity
        self.id = id
        self.subject = subject
        self.baselineAgents = baselineAgents
        self.currentAgents = currentAgents
        self.action = action
    }

    public var label: String { subject.map { "\(id.rawValue) (\($0))" } ?? id.rawValue }

    private enum CodingKeys: String, CodingKey {
        case severity, id, subject, baselineAgents, currentAgents, action
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(severity, forKey: .severity)
        try c.encode(id, forKey: .id)
        try c.encode(subject, forKey: .subject)
        try c.encode(baselineAgents, forKey: .baselineAgents)
        try c.encode(currentAgents, forKey: .currentAgents)
        try c.encode(action, forKey: .action)
    }
}
