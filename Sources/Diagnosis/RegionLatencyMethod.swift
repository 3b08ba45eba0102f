/// How a region's round-trip time was measured, in the order the check prefers them: STUN
/// Binding over UDP (what media use), STUN Binding over TCP, STUN Binding over TLS (each request a
/// round trip on one open connection), the TCP connect handshake (SYN to SYN-ACK), and the TLS
/// handshake (ClientHello to the server's last handshake flight, divided by its round trips).
/// Never rename a raw value: reports and scenario expectations match them.
public enum RegionLatencyMethod: String, Sendable, Codable, CaseIterable, Comparable {
    case stunUdp = "stun-udp"
    case stunTcp = "stun-tcp"
    case stunTls = "stun-tls"
    case tcpConnect = "tcp-connect"
    case tlsHandshake = "tls-handshake"

    /// Preference order (best first): `allCases` order.
    public static func < (lhs: RegionLatencyMethod, rhs: RegionLatencyMethod) -> Bool {
        let order = allCases
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }

    /// Whether the method runs over TCP (and so measures the path a TCP/TLS relay would take).
    public var isStream: Bool { self != .stunUdp }
}
