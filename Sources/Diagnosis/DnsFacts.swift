/// Which server names resolved and which did not (and how each failure happened).
/// `failures` was added within schema version 1: older reports decode with `[]`.
public struct DnsFacts: Sendable, Equatable, Codable {
    public var resolved: [String]
    public var failed: [String]
    /// One entry per failed name, in `failed` order, when the kind was observed.
    public var failures: [DnsFailure]

    public init(resolved: [String], failed: [String], failures: [DnsFailure] = []) {
        self.resolved = resolved
        self.failed = failed
        self.failures = failures
    }

    private enum CodingKeys: String, CodingKey { case resolved, failed, failures }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        resolved = try c.decode([String].self, forKey: .resolved)
        failed = try c.decode([String].self, forKey: .failed)
        failures = try c.decodeIfPresent([DnsFailure].self, forKey: .failures) ?? []
    }
}
