/// One difference between the baseline report and this run: what changed, for which subject
/// (a region, a transport, a finding), from what to what, in a plain sentence.
public struct BaselineChange: Sendable, Equatable, Codable {
    public let kind: BaselineChangeKind
    /// The region id, TURN transport or finding id (with its subject) it is about; `nil` for the verdict and NAT.
    public let subject: String?
    /// The value in the baseline and now, as text (`null` when there was none).
    public let before: String?
    public let after: String?
    public let message: String

    public init(kind: BaselineChangeKind, subject: String?, before: String?, after: String?, message: String) {
        self.kind = kind
        self.subject = subject
        self.before = before
        self.after = after
        self.message = message
    }

    private enum CodingKeys: String, CodingKey {
        case kind, subject, before, after, message
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(subject, forKey: .subject)
        try container.encode(before, forKey: .before)
        try container.encode(after, forKey: .after)
        try container.encode(message, forKey: .message)
    }
}
