/// An ICE candidate type (RFC 8445 section 5.1.1), spelled as in SDP (`typ host|srflx|prflx|relay`).
public enum CandidateType: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case host, srflx, prflx, relay

    /// Maps libnice's `NiceCandidateType` value (0 host, 1 server reflexive, 2 peer reflexive,
    /// 3 relayed); `nil` for a value this build does not know.
    public init?(niceValue: UInt32) {
        switch niceValue {
        case 0: self = .host
        case 1: self = .srflx
        case 2: self = .prflx
        case 3: self = .relay
        default: return nil
        }
    }

    /// libnice's `NiceCandidateType` value for this type.
    public var niceValue: UInt32 {
        switch self {
        case .host: 0
        case .srflx: 1
        case .prflx: 2
        case .relay: 3
        }
    }

    /// A plain-words name for text output.
    public var explanation: String {
        switch self {
        case .host: "host (local interface)"
        case .srflx: "server reflexive (public address seen by a STUN/TURN server)"
        case .prflx: "peer reflexive (address learnt from a peer's check)"
        case .relay: "relayed (address allocated on a TURN server)"
        }
    }

    public static func < (lhs: CandidateType, rhs: CandidateType) -> Bool {
        lhs.niceValue < rhs.niceValue
    }
}
