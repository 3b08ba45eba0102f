/// A 12-bit STUN method (RFC 8489 section 5, TURN RFC 8656, RFC 6062).
public struct StunMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16

    /// Keeps the low 12 bits; higher bits cannot be encoded in a STUN message type.
    public init(rawValue: UInt16) { self.rawValue = rawValue & 0x0FFF }

    public static let binding = StunMethod(rawValue: 0x001)
    public static let allocate = StunMethod(rawValue: 0x003)
    public static let refresh = StunMethod(rawValue: 0x004)
    public static let send = StunMethod(rawValue: 0x006)
    public static let data = StunMethod(rawValue: 0x007)
    public static let createPermission = StunMethod(rawValue: 0x008)
    public static let channelBind = StunMethod(rawValue: 0x009)
    public static let connect = StunMethod(rawValue: 0x00A)
    public static let connectionBind = StunMethod(rawValue: 0x00B)
    public static let connectionAttempt = StunMethod(rawValue: 0x00C)

    public var description: String {
        switch self {
        case .binding: return "Binding"
        case .allocate: return "Allocate"
        case .refresh: return "Refresh"
        case .send: return "Send"
        case .data: return "Data"
        case .createPermission: return "CreatePermission"
        case .channelBind: return "ChannelBind"
        case .connect: return "Connect"
        case .connectionBind: return "ConnectionBind"
        case .connectionAttempt: return "ConnectionAttempt"
        default: return "Method(0x" + String(rawValue, radix: 16) + ")"
        }
    }
}
