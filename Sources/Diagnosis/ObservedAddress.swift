/// A transport address (IP and port) as a probe observed it: a local address, a mapped address
/// returned by a STUN server, or a server's address. Kept as text so this module needs no
/// socket types; two addresses are the same when both the text of the IP and the port are equal,
/// so producers must write IPs in one canonical form (for example `inet_ntop` output).
public struct ObservedAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public let ip: String
    public let port: UInt16

    public init(ip: String, port: UInt16) {
        self.ip = ip
        self.port = port
    }

    /// `1.2.3.4:5` or `[2001:db8::1]:5`.
    public var description: String {
        ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}
