/// An IP address and port, as carried by STUN address attributes.
public struct TransportAddress: Hashable, Sendable, CustomStringConvertible {
    public var ip: IPAddress
    public var port: UInt16

    public init(ip: IPAddress, port: UInt16) {
        self.ip = ip
        self.port = port
    }

    /// Parses "1.2.3.4:5" or "[2001:db8::1]:5". Total: nil for anything else (missing port,
    /// port above 65535, IPv6 without brackets).
    public init?(_ text: String) {
        let utf8 = Array(text.utf8)
        guard let colon = utf8.lastIndex(of: UInt8(ascii: ":")) else { return nil }
        let portText = utf8[(colon + 1)...]
        guard !portText.isEmpty, portText.count <= 5 else { return nil }
        var port = 0
        for character in portText {
            guard character >= UInt8(ascii: "0"), character <= UInt8(ascii: "9") else { return nil }
            port = port * 10 + Int(character - UInt8(ascii: "0"))
        }
        guard port <= 65_535 else { return nil }
        let host = utf8[..<colon]
        let ip: IPAddress?
        if host.first == UInt8(ascii: "[") {
            guard host.count >= 3, host.last == UInt8(ascii: "]") else { return nil }
            let inner = Array(host.dropFirst().dropLast())
            guard inner.contains(UInt8(ascii: ":")), let bytes = IPAddress.parseIPv6(inner) else { return nil }
            ip = IPAddress(bytes: bytes)
        } else {
            guard let bytes = IPAddress.parseIPv4(host) else { return nil }
            ip = IPAddress(bytes: bytes)
        }
        guard let ip else { return nil }
        self.init(ip: ip, port: UInt16(port))
    }

    public var description: String {
        ip.isIPv4 ? "\(ip):\(port)" : "[\(ip)]:\(port)"
    }
}
