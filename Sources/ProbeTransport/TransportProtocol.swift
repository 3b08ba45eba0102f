/// The transport a STUN/TURN exchange runs over.
public enum TransportProtocol: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case udp
    case tcp
    /// TLS over TCP.
    case tls

    /// True for TCP and TLS (one send, stream framing).
    public var isReliable: Bool { self != .udp }

    public var description: String { rawValue }
}
