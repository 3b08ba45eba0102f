/// A STUN message (RFC 8489; RFC 5389; classic RFC 3489 when `hasMagicCookie` is false).
///
/// Decoding keeps every attribute in wire order, including duplicates and unknown ones, and keeps
/// the received bytes so integrity can be checked on exactly what arrived. Changing any property
/// drops the kept bytes; checks then run on `encode()`.
///
/// Duplicate policy (decided here, tested in `MalformedInputTests`): `decode` throws
/// `.duplicateAttribute` (offset of the second occurrence) when one of MAPPED-ADDRESS,
/// XOR-MAPPED-ADDRESS, RESPONSE-ORIGIN, OTHER-ADDRESS, ALTERNATE-SERVER, CHANGED-ADDRESS,
/// SOURCE-ADDRESS, MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 or FINGERPRINT repeats: a second
/// copy of those makes the answer ambiguous. Any other attribute may repeat (TURN sends
/// XOR-PEER-ADDRESS and XOR-RELAYED-ADDRESS more than once); `attribute(_:)` returns the first and
/// `attributes(_:)` returns all.
public struct StunMessage: Hashable, Sendable {
    /// 0x2112A442 (RFC 8489 section 5).
    public static let magicCookie: UInt32 = 0x2112_A442
    /// Size of the fixed header.
    public static let headerLength = 20

    public var method: StunMethod { didSet { receivedBytes = nil } }
    public var messageClass: StunClass { didSet { receivedBytes = nil } }
    public var transactionID: TransactionID { didSet { receivedBytes = nil } }
    public var attributes: [RawAttribute] { didSet { receivedBytes = nil } }
    /// False for a classic RFC 3489 message: bytes 4..<8 are then not the magic cookie but the first
    /// 32 bits of its 128-bit transaction ID, kept in `classicTransactionIDPrefix`.
    public var hasMagicCookie: Bool { didSet { receivedBytes = nil } }
    /// For a classic RFC 3489 message, the 4 bytes in the cookie position. Ignored when
    /// `hasMagicCookie` is true.
    public var classicTransactionIDPrefix: UInt32 { didSet { receivedBytes = nil } }
    /// The exact bytes this message was decoded from; nil once the message is changed or when it
    /// was built locally.
    public private(set) var receivedBytes: [UInt8]?

    public init(method: StunMethod, messageClass: StunClass, transactionID: TransactionID,
                attributes: [RawAttribute] = []) {
        self.method = method
        self.messageClass = messageClass
        self.transactionID = transactionID
        self.attributes = attributes
        self.hasMagicCookie = true
        self.classicTransactionIDPrefix = 0
        self.receivedBytes = nil
    }

    /// Equality compares the fields (not `receivedBytes`, not attribute padding).
    public static func == (lhs: StunMessage, rhs: StunMessage) -> Bool {
        lhs.method == rhs.method && lhs.messageClass == rhs.messageClass
            && lhs.transactionID == rhs.transactionID && lhs.attributes == rhs.attributes
            && lhs.hasMagicCookie == rhs.hasMagicCookie
            && (lhs.hasMagicCookie || lhs.classicTransactionIDPrefix == rhs.classicTransactionIDPrefix)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(messageClass)
        hasher.combine(transactionID)
        hasher.combine(attributes)
        hasher.combine(hasMagicCookie)
    }

    // MARK: - Message type

    /// The 14-bit message type: method bits interleaved with the class bits.
    public var messageType: UInt16 {
        StunMessage.messageType(method: method, messageClass: messageClass)
    }

    static func messageType(method: StunMethod, messageClass: StunClass) -> UInt16 {
        let m = method.rawValue & 0x0FFF
        let c = messageClass.bits
        return (m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 1) << 4) | ((c & 2) << 7)
    }

    // MARK: - Encoding

    /// Number of bytes `encode()` produces.
    public var encodedLength: Int {
        attributes.reduce(StunMessage.headerLength) { $0 + $1.encodedLength }
    }

    /// False when a value exceeds 65,535 bytes or the body exceeds 65,535 bytes: such a message
    /// cannot be represented, and `encode()` would write truncated length fields.
    public var fitsWireLimits: Bool {
        encodedLength - StunMessage.headerLength <= 0xFFFF && attributes.allSatisfy { $0.value.count <= 0xFFFF }
    }

    /// The wire bytes. For a decoded, unchanged message these equal the received bytes.
    public func encode() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encodedLength)
        WireBytes.append(messageType, to: &bytes)
        WireBytes.append(UInt16(truncatingIfNeeded: encodedLength - StunMessage.headerLength), to: &bytes)
        WireBytes.append(hasMagicCookie ? StunMessage.magicCookie : classicTransactionIDPrefix, to: &bytes)
        bytes.append(contentsOf: transactionID.bytes)
        for attribute in attributes { attribute.encode(into: &bytes) }
        return bytes
    }

    // MARK: - Decoding

    /// Decodes exactly one whole message (a UDP datagram or a framed TCP message). Accepts classic
    /// RFC 3489 messages (no magic cookie) with `hasMagicCookie = false`.
    public static func decode(_ bytes: some Collection<UInt8>) throws(StunDecodeError) -> StunMessage {
        try decode(bytes, allowClassic: true)
    }

    /// As `decode(_:)`; with `allowClassic: false` a missing magic cookie throws `.badMagicCookie`.
    public static func decode(_ bytes: some Collection<UInt8>, allowClassic: Bool) throws(StunDecodeError) -> StunMessage {
        let data = Array(bytes)
        let count = data.count
        guard count >= headerLength else {
            throw StunDecodeError(.truncatedHeader, offset: count, detail: "\(count) of 20 header bytes")
        }
        guard data[0] & 0xC0 == 0 else {
            throw StunDecodeError(.notStun, offset: 0, detail: "first two bits are not 00")
        }
        let type = UInt16(data[0]) << 8 | UInt16(data[1])
        let length = Int(data[2]) << 8 | Int(data[3])
        guard length & 3 == 0 else {
            throw StunDecodeError(.lengthNotMultipleOf4, offset: 2, detail: "length \(length)")
        }
        guard length + headerLength == count else {
            throw StunDecodeError(.lengthMismatch, offset: 2,
                                  detail: "length field \(length), body has \(count - headerLength) bytes")
        }
        let cookie = UInt32(data[4]) << 24 | UInt32(data[5]) << 16 | UInt32(data[6]) << 8 | UInt32(data[7])
        let hasCookie = cookie == magicCookie
        if !hasCookie && !allowClassic {
            throw StunDecodeError(.badMagicCookie, offset: 4, detail: "0x" + String(cookie, radix: 16))
        }
        let transactionID = TransactionID(unchecked: Array(data[8..<20]))
        let methodBits = (type & 0x000F) | ((type >> 1) & 0x0070) | ((type >> 2) & 0x0F80)
        let classBits = ((type >> 4) & 1) | ((type >> 7) & 2)

        var attributes: [RawAttribute] = []
        var seen: UInt16 = 0                 // bit set of non-repeatable attributes seen so far
        var afterIntegrity = false           // a MESSAGE-INTEGRITY was seen
        var afterIntegritySHA256 = false     // a MESSAGE-INTEGRITY-SHA256 was seen
        var afterFingerprint = false
        var position = headerLength
        while position < count {
            guard count - position >= 4 else {
                throw StunDecodeError(.attributeOverrun, offset: position, detail: "attribute header cut short")
            }
            let attributeType = StunAttributeType(rawValue: UInt16(data[position]) << 8 | UInt16(data[position + 1]))
            let valueLength = Int(data[position + 2]) << 8 | Int(data[position + 3])
            let valueStart = position + 4
            let padCount = WireBytes.paddingCount(valueLength)
            guard valueLength + padCount <= count - valueStart else {
                throw StunDecodeError(.attributeOverrun, offset: position, attribute: attributeType,
                                      detail: "value of \(valueLength) bytes (+\(padCount) padding) overruns the message")
            }
            if afterFingerprint {
                throw StunDecodeError(.attributeAfterFingerprint, offset: position, attribute: attributeType)
            }
            if let bit = nonRepeatableBit(attributeType) {
                if seen & bit != 0 {
                    throw StunDecodeError(.duplicateAttribute, offset: position, attribute: attributeType)
                }
                seen |= bit
            }
            switch attributeType {
            case .messageIntegrity:
                if afterIntegritySHA256 {
                    throw StunDecodeError(.attributeAfterIntegrity, offset: position, attribute: attributeType,
                                          detail: "follows MESSAGE-INTEGRITY-SHA256")
                }
                guard valueLength == 20 else {
                    throw StunDecodeError(.invalidAttributeLength, offset: position, attribute: attributeType,
                                          detail: "\(valueLength) bytes, expected 20")
                }
                afterIntegrity = true
            case .messageIntegritySHA256:
                guard valueLength >= 16, valueLength <= 32, valueLength & 3 == 0 else {
                    throw StunDecodeError(.invalidAttributeLength, offset: position, attribute: attributeType,
                                          detail: "\(valueLength) bytes, expected 16...32 in steps of 4")
                }
                afterIntegritySHA256 = true
            case .fingerprint:
                guard valueLength == 4 else {
                    throw StunDecodeError(.invalidAttributeLength, offset: position, attribute: attributeType,
                                          detail: "\(valueLength) bytes, expected 4")
                }
                let expected = fingerprintValue(data, upTo: position)
                let found = UInt32(data[valueStart]) << 24 | UInt32(data[valueStart + 1]) << 16
                    | UInt32(data[valueStart + 2]) << 8 | UInt32(data[valueStart + 3])
                guard expected == found else {
                    throw StunDecodeError(.badFingerprint, offset: position, attribute: attributeType)
                }
                afterFingerprint = true
            default:
                if afterIntegrity || afterIntegritySHA256 {
                    throw StunDecodeError(.attributeAfterIntegrity, offset: position, attribute: attributeType)
                }
            }
            let valueEnd = valueStart + valueLength
            var padding: [UInt8] = []
            if padCount > 0, data[valueEnd..<(valueEnd + padCount)].contains(where: { $0 != 0 }) {
                padding = Array(data[valueEnd..<(valueEnd + padCount)])
            }
            attributes.append(RawAttribute(type: attributeType, value: Array(data[valueStart..<valueEnd]),
                                           padding: padding))
            position = valueEnd + padCount
        }
        var message = StunMessage(method: StunMethod(rawValue: methodBits), messageClass: StunClass(bits: classBits),
                                  transactionID: transactionID, attributes: attributes)
        message.hasMagicCookie = hasCookie
        message.classicTransactionIDPrefix = hasCookie ? 0 : cookie
        message.receivedBytes = data
        return message
    }

    private static func nonRepeatableBit(_ type: StunAttributeType) -> UInt16? {
        switch type {
        case .mappedAddress: return 1 << 0
        case .xorMappedAddress: return 1 << 1
        case .responseOrigin: return 1 << 2
        case .otherAddress: return 1 << 3
        case .alternateServer: return 1 << 4
        case .changedAddress: return 1 << 5
        case .sourceAddress: return 1 << 6
        case .messageIntegrity: return 1 << 7
        case .messageIntegritySHA256: return 1 << 8
        case .fingerprint: return 1 << 9
        default: return nil
        }
    }

    /// Cheap demultiplexing check (RFC 7983 style): at least 20 bytes, first two bits zero, length
    /// field a multiple of 4, magic cookie present. Does not validate attributes.
    public static func looksLikeStun(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var header = [UInt8](repeating: 0, count: 8)
        for index in 0..<8 {
            guard let byte = iterator.next() else { return false }
            header[index] = byte
        }
        guard bytes.count >= headerLength, header[0] & 0xC0 == 0, header[3] & 3 == 0 else { return false }
        return header[4] == 0x21 && header[5] == 0x12 && header[6] == 0xA4 && header[7] == 0x42
    }

    // MARK: - Attributes

    /// First attribute of that type decoded; nil when absent; throws (a `StunDecodeError` with a
    /// message offset) when present but malformed.
    public func attribute<A: StunAttribute>(_ type: A.Type) throws -> A? {
        var offset = StunMessage.headerLength
        for raw in attributes {
            if raw.type == A.attributeType {
                return try StunMessage.decodeTyped(A.self, raw: raw, valueOffset: offset + 4, transactionID: transactionID)
            }
            offset += raw.encodedLength
        }
        return nil
    }

    /// Every attribute of that type, decoded, in wire order.
    public func attributes<A: StunAttribute>(_ type: A.Type) throws -> [A] {
        var result: [A] = []
        var offset = StunMessage.headerLength
        for raw in attributes {
            if raw.type == A.attributeType {
                result.append(try StunMessage.decodeTyped(A.self, raw: raw, valueOffset: offset + 4,
                                                          transactionID: transactionID))
            }
            offset += raw.encodedLength
        }
        return result
    }

    static func decodeTyped<A: StunAttribute>(_ type: A.Type, raw: RawAttribute, valueOffset: Int,
                                              transactionID: TransactionID) throws -> A {
        do {
            return try A(stunValue: raw.value[...], transactionID: transactionID)
        } catch let error as StunDecodeError {
            var rebased = error.shifted(by: valueOffset)
            if rebased.attribute == nil { rebased.attribute = raw.type }
            throw rebased
        }
    }

    /// True when an attribute of that type is present.
    public func contains(_ type: StunAttributeType) -> Bool {
        attributes.contains { $0.type == type }
    }

    /// Appends the typed attribute (after any existing ones; append integrity/fingerprint last).
    public mutating func append<A: StunAttribute>(_ attribute: A) {
        attributes.append(RawAttribute(type: A.attributeType, value: attribute.stunValue(transactionID: transactionID)))
    }

    /// Comprehension-required attribute types (below 0x8000) this codec does not understand, in
    /// wire order without repeats. A server answers a request containing any with 420.
    public var unknownComprehensionRequired: [StunAttributeType] {
        var result: [StunAttributeType] = []
        for raw in attributes where raw.type.isComprehensionRequired && !raw.type.isKnown {
            if !result.contains(raw.type) { result.append(raw.type) }
        }
        return result
    }
}
