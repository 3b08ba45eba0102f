/// The transport of an ICE candidate, spelled as in iceprobe's output (`udp`, `tcp-active`,
/// `tcp-passive`, `tcp-so`; RFC 6544 for the TCP kinds).
public enum CandidateTransport: String, Hashable, Sendable, Codable, CaseIterable {
    case udp
    case tcpActive = "tcp-active"
    case tcpPassive = "tcp-passive"
    case tcpSimultaneousOpen = "tcp-so"

    /// Maps libnice's `NiceCandidateTransport` value (0 UDP, 1 TCP active, 2 TCP passive,
    /// 3 TCP simultaneous-open); `nil` for a value this build does not know.
    public init?(niceValue: UInt32) {
        switch niceValue {
        case 0: self = .udp
        case 1: self = .tcpActive
        case 2: self = .tcpPassive
        case 3: self = .tcpSimultaneousOpen
        default: return nil
        }
    }

    /// libnice's `NiceCandidateTransport` value.
    public var niceValue: UInt32 {
        switch self {
        case .udp: 0
        case .tcpActive: 1
        case .tcpPassive: 2
        case .tcpSimultaneousOpen: 3
        }
    }

    /// The SDP transport token (`UDP` or `TCP`, RFC 8839 / RFC 6544).
    public var sdpProtocol: String { self == .udp ? "UDP" : "TCP" }

    /// The RFC 6544 `tcptype` value, `nil` for UDP.
    public var sdpTCPType: String? {
        switch self {
        case .udp: nil
        case .tcpActive: "active"
        case .tcpPassive: "passive"
        case .tcpSimultaneousOpen: "so"
        }
    }
}
