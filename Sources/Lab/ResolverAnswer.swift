/// One answer a site's own resolver gives instead of the lab resolver's (`resolver: answers:`):
/// `name` resolves to `target`, a region of the scenario (its primary address) or an IPv4 address.
/// Emulates a resolver whose GeoDNS view is elsewhere (for example a head office's, over a VPN).
public struct ResolverAnswer: Hashable, Sendable {
    public var name: String
    /// A region name or an IPv4 address, as written.
    public var target: String
    public var position: SourcePosition

    public init(name: String, target: String, position: SourcePosition = .unknown) {
        self.name = name
        self.target = target
        self.position = position
    }
}
