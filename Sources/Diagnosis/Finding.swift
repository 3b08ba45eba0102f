/// One thing the check found, with a plain message and, where there is one, a concrete action.
public struct Finding: Sendable, Equatable, Codable {
    public let severity: Severity
    public let id: FindingID
    /// The check it belongs to; `nil` for findings about the run as a whole.
    public let check: CheckID?
    /// What it is about when there are several (for example a region id).
    public let subject: String?
    public let message: String
    public let action: String?
    /// The root cause that explains this finding (`diagnosis.rootCause`); such a finding is
    /// written as `info` without an action of its own. `nil` for the root cause itself and for
    /// independent findings. Added within schema version 1.
    public let explainedBy: FindingID?

    public init(severity: Severity, id: FindingID, check: CheckID?, subject: String? = nil,
                message: String, action: String?, explainedBy: FindingID? = nil) {
        self.severity = severity
        self.id = id
        self.check = check
        self.subject = subject
        self.message = message
        self.action = action
        self.explainedBy = explainedBy
    }

    private enum CodingKeys: String, CodingKey {
        case severity, id, check, subject, message, action, explainedBy
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(severity, forKey: .severity)
        try container.encode(id, forKey: .id)
        try container.encode(check, forKey: .check)
        try container.encode(subject, forKey: .subject)
        try container.encode(message, forKey: .message)
        try container.encode(action, forKey: .action)
        try container.encode(explainedBy, forKey: .explainedBy)
    }
}
