/// One server name that did not resolve, and how: the resolver said the name does not exist
/// (`not-found`, NXDOMAIN or no address), no answer came in time (`timeout`), or another
/// resolver error (`error`). `detail` is the resolver's own words for people.
public struct DnsFailure: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case notFound = "not-found"
        case timeout
        case error
    }

    public var name: String
    public var kind: Kind
    public var detail: String

    public init(name: String, kind: Kind, detail: String) {
        self.name = name
        self.kind = kind
        self.detail = detail
    }
}
