/// A 16-bit STUN attribute type. Types below 0x8000 are comprehension-required.
public struct StunAttributeType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public var isComprehensionRequired: Bool { rawValue < 0x8000 }

    // RFC 8489 / 5389 / 3489
    public static let mappedAddress = StunAttributeType(rawValue: 0x0001)
    public static let responseAddress = StunAttributeType(rawValue: 0x0002)    // RFC 3489
    public static let changeRequest = StunAttributeType(rawValue: 0x0003)      // RFC 5780
    public static let sourceAddress = StunAttributeType(rawValue: 0x0004)      // RFC 3489
    public static let changedAddress = StunAttributeType(rawValue: 0x0005)     // RFC 3489
    public static let username = StunAttributeType(rawValue: 0x0006)
    public static let password = StunAttributeType(rawValue: 0x0007)           // RFC 3489
    public static let messageIntegrity = StunAttributeType(rawValue: 0x0008)
    public static let errorCode = StunAttributeType(rawValue: 0x0009)
    public static let unknownAttributes = StunAttributeType(rawValue: 0x000A)
    public static let reflectedFrom = StunAttributeType(rawValue: 0x000B)      // RFC 3489
    public static let realm = StunAttributeType(rawValue: 0x0014)
    public static let nonce = StunAttributeType(rawValue: 0x0015)
    public static let messageIntegritySHA256 = StunAttributeType(rawValue: 0x001C)
    public static let passwordAlgorithm = StunAttributeType(rawValue: 0x001D)
    public static let userHash = StunAttributeType(rawValue: 0x001E)
    public static let xorMappedAddress = StunAttributeType(rawValue: 0x0020)
    public static let passwordAlgorithms = StunAttributeType(rawValue: 0x8002)
    public static let alternateDomain = StunAttributeType(rawValue: 0x8003)
    public static let software = StunAttributeType(rawValue: 0x8022)
    public static let alternateServer = StunAttributeType(rawValue: 0x8023)
    public static let fingerprint = StunAttributeType(rawValue: 0x8028)
    // TURN RFC 8656 / 6062
    public static let channelNumber = StunAttributeType(rawValue: 0x000C)
    public static let lifetime = StunAttributeType(rawValue: 0x000D)
    public static let xorPeerAddress = StunAttributeType(rawValue: 0x0012)
    public static let data = StunAttributeType(rawValue: 0x0013)
    public static let xorRelayedAddress = StunAttributeType(rawValue: 0x0016)
    public static let requestedAddressFamily = StunAttributeType(rawValue: 0x0017)
    public static let evenPort = StunAttributeType(rawValue: 0x0018)
    public static let requestedTransport = StunAttributeType(rawValue: 0x0019)
    public static let dontFragment = StunAttributeType(rawValue: 0x001A)
    public static let reservationToken = StunAttributeType(rawValue: 0x0022)
    public static let connectionID = StunAttributeType(rawValue: 0x002A)
    public static let additionalAddressFamily = StunAttributeType(rawValue: 0x8000)
    public static let addressErrorCode = StunAttributeType(rawValue: 0x8001)
    public static let icmp = StunAttributeType(rawValue: 0x8004)
    // RFC 5780
    public static let padding = StunAttributeType(rawValue: 0x0026)
    public static let responsePort = StunAttributeType(rawValue: 0x0027)
    public static let responseOrigin = StunAttributeType(rawValue: 0x802B)
    public static let otherAddress = StunAttributeType(rawValue: 0x802C)
    // ICE RFC 8445
    public static let priority = StunAttributeType(rawValue: 0x0024)
    public static let useCandidate = StunAttributeType(rawValue: 0x0025)
    public static let iceControlled = StunAttributeType(rawValue: 0x8029)
    public static let iceControlling = StunAttributeType(rawValue: 0x802A)

    /// The RFC name ("XOR-MAPPED-ADDRESS"), or "0x1234" for a type this codec does not know.
    public var name: String {
        if let known = StunAttributeType.names[rawValue] { return known }
        let hex = String(rawValue, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    public var description: String { name }

    /// True when this codec has a typed decoder for the attribute (so it is "understood").
    public var isKnown: Bool { StunAttributeRegistry.attributeKind(for: self) != nil }

    private static let names: [UInt16: String] = [
        0x0001: "MAPPED-ADDRESS", 0x0002: "RESPONSE-ADDRESS", 0x0003: "CHANGE-REQUEST",
        0x0004: "SOURCE-ADDRESS", 0x0005: "CHANGED-ADDRESS", 0x0006: "USERNAME",
        0x0007: "PASSWORD", 0x0008: "MESSAGE-INTEGRITY", 0x0009: "ERROR-CODE",
        0x000A: "UNKNOWN-ATTRIBUTES", 0x000B: "REFLECTED-FROM", 0x000C: "CHANNEL-NUMBER",
        0x000D: "LIFETIME", 0x0012: "XOR-PEER-ADDRESS", 0x0013: "DATA", 0x0014: "REALM",
        0x0015: "NONCE", 0x0016: "XOR-RELAYED-ADDRESS", 0x0017: "REQUESTED-ADDRESS-FAMILY",
        0x0018: "EVEN-PORT", 0x0019: "REQUESTED-TRANSPORT", 0x001A: "DONT-FRAGMENT",
        0x001C: "MESSAGE-INTEGRITY-SHA256", 0x001D: "PASSWORD-ALGORITHM", 0x001E: "USERHASH",
        0x0020: "XOR-MAPPED-ADDRESS", 0x0022: "RESERVATION-TOKEN", 0x0024: "PRIORITY",
        0x0025: "USE-CANDIDATE", 0x0026: "PADDING", 0x0027: "RESPONSE-PORT",
        0x002A: "CONNECTION-ID", 0x8000: "ADDITIONAL-ADDRESS-FAMILY", 0x8001: "ADDRESS-ERROR-CODE",
        0x8002: "PASSWORD-ALGORITHMS", 0x8003: "ALTERNATE-DOMAIN", 0x8004: "ICMP",
        0x8022: "SOFTWARE", 0x8023: "ALTERNATE-SERVER", 0x8028: "FINGERPRINT",
        0x8029: "ICE-CONTROLLED", 0x802A: "ICE-CONTROLLING", 0x802B: "RESPONSE-ORIGIN",
        0x802C: "OTHER-ADDRESS",
    ]
}
