/// The `diagnosis` object of a check report: the one root cause of what failed (the lowest
/// failing layer of the path), the observations that prove it, and the findings it explains.
/// `rootCause` is `null` when no layer failed; independent problems (a queue detour, a VPN
/// route) are never consequences. Added within schema version 1: older reports decode as `nil`.
public struct RootCauseDiagnosis: Sendable, Equatable, Codable {
    /// A stable id (a `FindingID` raw value, e.g. `no-default-route`), or `nil`.
    public var rootCause: FindingID?
    /// The layer it sits in (`interface`, `dns`, `udp`, `tcp`, `tls`, `proxy`, `turn-auth`,
    /// `media`, `steering`), or `nil`.
    public var layer: PathLayer?
    /// One line for people: what is wrong.
    public var summary: String
    /// The one action that fixes it; `nil` when there is nothing to fix.
    public var action: String?
    /// The observations that prove it, in plain words.
    public var evidence: [String]
    /// Ids of the findings it explains (each once, in report order).
    public var consequences: [FindingID]

    public init(rootCause: FindingID?, layer: PathLayer?, summary: String, action: String?,
                evidence: [String], consequences: [FindingID]) {
        self.rootCause = rootCause
        self.layer = layer
        self.summary = summary
        self.action = action
        self.evidence = evidence
        self.consequences = consequences
    }

    /// No layer failed.
    public static let none = RootCauseDiagnosis(
        rootCause: nil, layer: nil,
        summary: "No root cause: the path to the media servers works at every layer tested.",
        action: nil, evidence: [], consequences: [])

    private enum CodingKeys: String, CodingKey { case rootCause, layer, summary, action, evidence, consequences }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rootCause, forKey: .rootCause)
        try c.encode(layer, forKey: .layer)
        try c.encode(summary, forKey: .summary)
        try c.encode(action, forKey: .action)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(consequences, forKey: .consequences)
    }
}
