/// The STUN message class (the C1/C0 bits of the message type).
public enum StunClass: Sendable, Hashable, CaseIterable {
    case request, indication, successResponse, errorResponse

    /// The two class bits: 0b00 request, 0b01 indication, 0b10 success, 0b11 error.
    public var bits: UInt16 {
        switch self {
        case .request: return 0b00
        case .indication: return 0b01
        case .successResponse: return 0b10
        case .errorResponse: return 0b11
        }
    }

    public init(bits: UInt16) {
        switch bits & 0b11 {
        case 0b00: self = .request
        case 0b01: self = .indication
        case 0b10: self = .successResponse
        default: self = .errorResponse
        }
    }
}
