/// A site: client hosts on one LAN behind one NAT/firewall router.
public struct SiteSpec: Hashable, Sendable {
    public enum DNSMode: String, Hashable, Sendable, CaseIterable {
        /// Clients resolve lab names through the lab resolver.
        case working
        /// The router drops all traffic to port 53: lookups time out.
        case blocked
    }

    public var name: String
    public var lan: IPv4Subnet
    /// nil: no NAT, the LAN is routed as it is.
    public var nat: NatBehaviour?
    public var firewall: FirewallPolicy
    public var dns: DNSMode
    /// Impairments on the link between the site router and the internet router.
    public var impairment: LinkImpairment
    public var clients: [String]
    /// false: clients get only their LAN route, no default route (a PC that cannot leave its LAN).
    public var defaultRoute: Bool = true
    /// true: a TLS middlebox in the router answers every TCP 443 connection from the LAN with a
    /// certificate from its own CA (`/CN=iceprobe lab middlebox CA PREFIX`), as TLS inspection does.
    public var tlsInterception: Bool = false
    /// true: an HTTP CONNECT proxy (tinyproxy) listens on the router's LAN address, port 3128;
    /// the router's own traffic is not subject to the site firewall.
    public var proxy: Bool = false
    /// The site's own resolver answers (`resolver: {answers: {NAME: REGION|IPv4}}`): when given,
    /// the site router runs a dnsmasq that answers these names itself and forwards everything
    /// else to the lab resolver, and the site's clients ask it.
    public var resolverAnswers: [ResolverAnswer] = []
    public var position: SourcePosition

    public init(name: String, lan: IPv4Subnet, nat: NatBehaviour? = nil,
                firewall: FirewallPolicy = FirewallPolicy(), dns: DNSMode = .working,
                impairment: LinkImpairment = LinkImpairment(), clients: [String],
                position: SourcePosition = .unknown) {
        self.name = name
        self.lan = lan
        self.nat = nat
        self.firewall = firewall
        self.dns = dns
        self.impairment = impairment
        self.clients = clients
        self.position = position
    }
}
