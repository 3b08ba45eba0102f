/// One outbound permission WebRTC calls need: a protocol and port (range) to a set of
/// destinations (address ranges, CIDR blocks or IPv6 prefixes as the profile writes them; or
/// host names when the profile gives no range for a server).
public struct EgressRule: Sendable, Equatable {
    public enum Proto: String, Sendable, Equatable { case udp, tcp }

    /// A region id, or `media` for the provider's media ranges.
    public var scope: String
    /// What it is for, for people: `STUN/TURN`, `TURN over TCP`, `TURN over TLS`, `media`.
    public var purpose: String
    public var proto: Proto
    /// `3478`, or a range like `10000-60000`.
    public var ports: String
    /// Address ranges (`a.b.c.d-e.f.g.h`, `a.b.c.d/n`, IPv6 prefixes).
    public var destinations: [String]
    /// Server names without a range in the profile (allowed by name, where a firewall can).
    public var names: [String]

    public init(scope: String, purpose: String, proto: Proto, ports: String, destinations: [String], names: [String] = []) {
        self.scope = scope
        self.purpose = purpose
        self.proto = proto
        self.ports = ports
        self.destinations = destinations
        self.names = names
    }

    /// The IPv4 destinations (ranges, CIDR blocks, addresses).
    public var ipv4: [String] { destinations.filter { !$0.contains(":") } }
    /// The IPv6 prefixes.
    public var ipv6: [String] { destinations.filter { $0.contains(":") } }
}
