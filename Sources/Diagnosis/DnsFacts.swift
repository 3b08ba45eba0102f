/// Which server names resolved and which did not.
public struct DnsFacts: Sendable, Equatable, Codable {
    public var resolved: [String]
    public var failed: [String]

    public init(resolved: [String], failed: [String]) {
        self.resolved = resolved
        self.failed = failed
    }
}
