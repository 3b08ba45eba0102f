/// One finding as shared across a site's agents: the same severity, id and subject (for example
/// `region-unreachable` for `de1`), how many agents had it, and the message and action most of
/// them carried (ties: the alphabetically first, so the output is deterministic).
public struct SiteFindingCount: Sendable, Equatable, Codable {
    public let severity: Severity
    public let id: FindingID
    public let check: CheckID?
    public let subject: String?
    public let agents: Int
    public let percent: Double
    /// Whether it is shared in the sense of `SiteRules` (enough agents to be a site problem).
    public let shared: Bool
    public let message: String
    public let action: String?

    public init(severity: Severity, id: FindingID, check: CheckID?, subject: String?, agents: Int, percent: Double,
                shared: Bool, message: String, action: String?) {
        self.severity = severity
        self.id = id
        self.check = check
        self.subject = subject
        self.agents = agents
        self.percent = percent
        self.shared = shared
        self.message = message
        self.action = action
    }

    /// `id` or `id (subject)`, as renderers and comparisons name it.
    public var label: String { subject.map { "\(id.rawValue) (\($0))" } ?? id.rawValue }

    private enum CodingKeys: String, CodingKey {
        case severity, id, check, subject, agents, percent, shared, message, action
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(severity, forKey: .severity)
        try c.encode(id, forKey: .id)
        try c.encode(check, forKey: .check)
        try c.encode(subject, forKey: .subject)
        try c.encode(agents, forKey: .agents)
        try c.encode(percent, forKey: .percent)
        try c.encode(shared, forKey: .shared)
        try c.encode(message, forKey: .message)
        try c.encode(action, forKey: .action)
    }
}
