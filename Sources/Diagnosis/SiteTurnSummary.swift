/// TURN across a site's agents: per transport, whether any transport worked, and the named
/// failures ranked by agents (then transport and error name).
public struct SiteTurnSummary: Sendable, Equatable, Codable {
    public var udp: SiteTransportCount
    public var tcp: SiteTransportCount
    public var tls: SiteTransportCount
    /// Agents where at least one transport allocated a relay.
    public var anyWorks: Int
    /// Agents where TURN was tested and no transport worked.
    public var noneWorks: Int
    /// Agents where TURN was not tested at all (for example no credentials).
    public var notTested: Int
    public var failures: [SiteTurnFailureCount]

    public init(udp: SiteTransportCount = .init(), tcp: SiteTransportCount = .init(), tls: SiteTransportCount = .init(),
                anyWorks: Int = 0, noneWorks: Int = 0, notTested: Int = 0, failures: [SiteTurnFailureCount] = []) {
        self.udp = udp
        self.tcp = tcp
        self.tls = tls
        self.anyWorks = anyWorks
        self.noneWorks = noneWorks
        self.notTested = notTested
        self.failures = failures
    }
}
