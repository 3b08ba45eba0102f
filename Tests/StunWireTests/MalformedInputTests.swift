import Testing
@testable import StunWire

/// Table tests: each malformed input must fail with the expected kind AND offset.
@Suite struct MalformedInputTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let kind: StunDecodeError.Kind
        let offset: Int
        let attribute: StunAttributeType?
        var testDescription: String { name }
    }

    typealias T = TestMessages
    static let xorMapped = T.attribute(0x0020, [0, 1, 0x11, 0x22, 1, 2, 3, 4])
    static let software = T.attribute(0x8022, Array("abc".utf8))
    static let integrity = T.attribute(0x0008, [UInt8](repeating: 7, count: 20))
    static let fingerprint = T.attribute(0x8028, [0, 0, 0, 0])

    /// Structural errors, found by `StunMessage.decode`.
    static let structural: [Row] = [
        Row(name: "empty", bytes: [], kind: .truncatedHeader, offset: 0, attribute: nil),
        Row(name: "truncated header", bytes: Array(T.header(bodyLength: 0).prefix(13)), kind: .truncatedHeader,
            offset: 13, attribute: nil),
        Row(name: "first bits 10", bytes: [0x80] + T.header(bodyLength: 0).dropFirst(), kind: .notStun, offset: 0,
            attribute: nil),
        Row(name: "first bits 01 (ChannelData)", bytes: [0x40] + T.header(bodyLength: 0).dropFirst(), kind: .notStun,
            offset: 0, attribute: nil),
        Row(name: "length not a multiple of 4", bytes: T.header(bodyLength: 6) + [1, 2, 3, 4, 5, 6],
            kind: .lengthNotMultipleOf4, offset: 2, attribute: nil),
        Row(name: "length larger than the datagram", bytes: T.header(bodyLength: 12) + software,
            kind: .lengthMismatch, offset: 2, attribute: nil),
        Row(name: "trailing bytes after the message", bytes: T.header(bodyLength: 0) + [0, 0, 0, 0],
            kind: .lengthMismatch, offset: 2, attribute: nil),
        Row(name: "attribute overruns the message", bytes: T.message([T.attribute(0x8022, [1, 2, 3, 4], lengthField: 12)]),
            kind: .attributeOverrun, offset: 20, attribute: .software),
        Row(name: "padding overruns the message", bytes: T.message([software, T.attribute(0x0006, [1, 2, 3, 4], lengthField: 5)]),
            kind: .attributeOverrun, offset: 28, attribute: .username),
        Row(name: "duplicate XOR-MAPPED-ADDRESS", bytes: T.message([xorMapped, software, xorMapped]),
            kind: .duplicateAttribute, offset: 40, attribute: .xorMappedAddress),
        Row(name: "duplicate MAPPED-ADDRESS", bytes: T.message([T.attribute(0x0001, [0, 1, 0, 1, 1, 2, 3, 4]),
                                                              T.attribute(0x0001, [0, 1, 0, 1, 1, 2, 3, 4])]),
            kind: .duplicateAttribute, offset: 32, attribute: .mappedAddress),
        Row(name: "duplicate OTHER-ADDRESS", bytes: T.message([T.attribute(0x802C, [0, 1, 0, 1, 1, 2, 3, 4]),
                                                             T.attribute(0x802C, [0, 1, 0, 1, 1, 2, 3, 4])]),
            kind: .duplicateAttribute, offset: 32, attribute: .otherAddress),
        Row(name: "duplicate MESSAGE-INTEGRITY", bytes: T.message([integrity, integrity]),
            kind: .duplicateAttribute, offset: 44, attribute: .messageIntegrity),
        Row(name: "attribute after MESSAGE-INTEGRITY", bytes: T.message([xorMapped, integrity, software]),
            kind: .attributeAfterIntegrity, offset: 56, attribute: .software),
        Row(name: "MESSAGE-INTEGRITY after MESSAGE-INTEGRITY-SHA256",
            bytes: T.message([T.attribute(0x001C, [UInt8](repeating: 1, count: 32)), integrity]),
            kind: .attributeAfterIntegrity, offset: 56, attribute: .messageIntegrity),
        Row(name: "zero FINGERPRINT followed by an attribute", bytes: T.message([fingerprint, software]),
            kind: .badFingerprint, offset: 20, attribute: .fingerprint),
        Row(name: "MESSAGE-INTEGRITY of 16 bytes", bytes: T.message([T.attribute(0x0008, [UInt8](repeating: 1, count: 16))]),
            kind: .invalidAttributeLength, offset: 20, attribute: .messageIntegrity),
        Row(name: "MESSAGE-INTEGRITY-SHA256 of 12 bytes", bytes: T.message([T.attribute(0x001C, [UInt8](repeating: 1, count: 12))]),
            kind: .invalidAttributeLength, offset: 20, attribute: .messageIntegritySHA256),
        Row(name: "FINGERPRINT of 8 bytes", bytes: T.message([T.attribute(0x8028, [UInt8](repeating: 1, count: 8))]),
            kind: .invalidAttributeLength, offset: 20, attribute: .fingerprint),
        Row(name: "wrong FINGERPRINT", bytes: { var v = Rfc5769.ipv4Response; v[79] ^= 1; return v }(),
            kind: .badFingerprint, offset: 72, attribute: .fingerprint),
        Row(name: "vector body altered under FINGERPRINT", bytes: { var v = Rfc5769.request; v[30] ^= 0x20; return v }(),
            kind: .badFingerprint, offset: 100, attribute: .fingerprint),
    ]

    @Test(arguments: structural)
    func structuralErrors(row: Row) {
        #expect(throws: StunDecodeError.self) { try StunMessage.decode(row.bytes) }
        do {
            _ = try StunMessage.decode(row.bytes)
        } catch {
            #expect(error.kind == row.kind)
            #expect(error.offset == row.offset)
            #expect(error.attribute == row.attribute)
            #expect(!error.description.isEmpty)
        }
    }

    @Test func attributeAfterFingerprintIsRejected() throws {
        // A correct FINGERPRINT followed by another attribute.
        var message = StunMessage(method: .binding, messageClass: .request, transactionID: T.transactionID)
        message.appendFingerprint()
        let bytes = message.encode()
        let body = Array(bytes[20...]) + Self.software
        let tampered = T.header(bodyLength: body.count) + body
        // The FINGERPRINT now covers a different length field, so recompute it over the new header.
        var fixed = tampered
        let crc = StunMessage.fingerprintValue(fixed, upTo: 20)
        fixed[24] = UInt8(crc >> 24); fixed[25] = UInt8(crc >> 16 & 0xFF)
        fixed[26] = UInt8(crc >> 8 & 0xFF); fixed[27] = UInt8(crc & 0xFF)
        #expect(throws: StunDecodeError(.attributeAfterFingerprint, offset: 28, attribute: .software)) {
            try StunMessage.decode(fixed)
        }
    }

    /// Attribute-value errors, found lazily by `attribute(_:)` and eagerly by `validateAttributes()`.
    static let values: [Row] = [
        Row(name: "bad address family", bytes: T.message([T.attribute(0x0020, [0, 3, 0, 1, 1, 2, 3, 4])]),
            kind: .badAddressFamily, offset: 25, attribute: .xorMappedAddress),
        Row(name: "short address", bytes: T.message([T.attribute(0x0020, [0, 1])]),
            kind: .invalidAttributeLength, offset: 24, attribute: .xorMappedAddress),
        Row(name: "IPv6 family with IPv4 length", bytes: T.message([T.attribute(0x0001, [0, 2, 0, 1, 1, 2, 3, 4])]),
            kind: .invalidAttributeLength, offset: 24, attribute: .mappedAddress),
        Row(name: "CHANGED-ADDRESS bad family", bytes: T.message([T.attribute(0x0005, [0, 7, 0x0D, 0x97, 192, 0, 2, 2])]),
            kind: .badAddressFamily, offset: 25, attribute: .changedAddress),
        Row(name: "CHANGED-ADDRESS of 7 bytes", bytes: T.message([T.attribute(0x0005, [0, 1, 0x0D, 0x97, 192, 0, 2])]),
            kind: .invalidAttributeLength, offset: 24, attribute: .changedAddress),
        Row(name: "CHANGED-ADDRESS IPv6 family with IPv4 length", bytes: T.message([T.attribute(0x0005, [0, 2, 0x0D, 0x97, 192, 0, 2, 2])]),
            kind: .invalidAttributeLength, offset: 24, attribute: .changedAddress),
        Row(name: "SOURCE-ADDRESS bad family", bytes: T.message([T.attribute(0x0004, [0, 0, 0x0D, 0x96, 192, 0, 2, 1])]),
            kind: .badAddressFamily, offset: 25, attribute: .sourceAddress),
        Row(name: "SOURCE-ADDRESS empty", bytes: T.message([T.attribute(0x0004, [])]),
            kind: .invalidAttributeLength, offset: 24, attribute: .sourceAddress),
        Row(name: "ERROR-CODE class 2", bytes: T.message([T.attribute(0x0009, [0, 0, 2, 0] + Array("x".utf8))]),
            kind: .invalidErrorCode, offset: 26, attribute: .errorCode),
        Row(name: "ERROR-CODE class 7", bytes: T.message([T.attribute(0x0009, [0, 0, 7, 1])]),
            kind: .invalidErrorCode, offset: 26, attribute: .errorCode),
        Row(name: "ERROR-CODE number 100", bytes: T.message([T.attribute(0x0009, [0, 0, 4, 100])]),
            kind: .invalidErrorCode, offset: 27, attribute: .errorCode),
        Row(name: "ERROR-CODE too short", bytes: T.message([T.attribute(0x0009, [0, 4])]),
            kind: .invalidAttributeLength, offset: 24, attribute: .errorCode),
        Row(name: "ERROR-CODE reason invalid UTF-8", bytes: T.message([T.attribute(0x0009, [0, 0, 4, 1, 0x41, 0xC3, 0x28])]),
            kind: .invalidUTF8, offset: 29, attribute: .errorCode),
        Row(name: "SOFTWARE invalid UTF-8", bytes: T.message([T.attribute(0x8022, [0x61, 0x62, 0xFF, 0x63])]),
            kind: .invalidUTF8, offset: 26, attribute: .software),
        Row(name: "SOFTWARE too long", bytes: T.message([T.attribute(0x8022, [UInt8](repeating: 0x61, count: 764))]),
            kind: .valueTooLong, offset: 24 + 763, attribute: .software),
        Row(name: "USERNAME overlong UTF-8", bytes: T.message([T.attribute(0x0006, [0xC0, 0x80])]),
            kind: .invalidUTF8, offset: 24, attribute: .username),
        Row(name: "LIFETIME of 3 bytes", bytes: T.message([T.attribute(0x000D, [0, 0, 1])]),
            kind: .invalidAttributeLength, offset: 24, attribute: .lifetime),
        Row(name: "REQUESTED-ADDRESS-FAMILY 9", bytes: T.message([T.attribute(0x0017, [9, 0, 0, 0])]),
            kind: .badAddressFamily, offset: 24, attribute: .requestedAddressFamily),
        Row(name: "UNKNOWN-ATTRIBUTES odd length", bytes: T.message([T.attribute(0x000A, [0, 1, 0])]),
            kind: .invalidAttributeLength, offset: 24, attribute: .unknownAttributes),
        Row(name: "PASSWORD-ALGORITHMS entry overrun", bytes: T.message([T.attribute(0x8002, [0, 1, 0, 0, 0, 2, 0, 9, 1, 2, 3, 4])]),
            kind: .invalidAttributeLength, offset: 30, attribute: .passwordAlgorithms),
        Row(name: "USERHASH of 16 bytes", bytes: T.message([T.attribute(0x001E, [UInt8](repeating: 0, count: 16))]),
            kind: .invalidAttributeLength, offset: 24, attribute: .userHash),
        Row(name: "EVEN-PORT of 2 bytes", bytes: T.message([T.attribute(0x0018, [0x80, 0])]),
            kind: .invalidAttributeLength, offset: 24, attribute: .evenPort),
        Row(name: "second attribute bad, offset counts the first", bytes: T.message([software, T.attribute(0x0020, [0, 5, 0, 1, 1, 2, 3, 4])]),
            kind: .badAddressFamily, offset: 33, attribute: .xorMappedAddress),
    ]

    @Test(arguments: values)
    func valueErrors(row: Row) throws {
        let message = try StunMessage.decode(row.bytes)   // structure is fine
        let expected = (row.kind, row.offset, row.attribute)
        do {
            try message.validateAttributes()
            Issue.record("validateAttributes accepted \(row.name)")
        } catch {
            #expect((error.kind, error.offset, error.attribute) == expected)
        }
        // The lazy typed accessor reports the same error.
        let kind = try #require(StunAttributeRegistry.attributeKind(for: row.attribute!))
        do {
            _ = try lazyDecode(kind, message)
            Issue.record("attribute(_:) accepted \(row.name)")
        } catch let error as StunDecodeError {
            #expect((error.kind, error.offset, error.attribute) == expected)
        }
    }

    private func lazyDecode<A: StunAttribute>(_ kind: A.Type, _ message: StunMessage) throws -> [A] {
        try message.attributes(kind)
    }

    @Test func wrongIntegrityIsInvalidNotAnError() throws {
        var bytes = Rfc5769.ipv4Response
        bytes[52] ^= 0x01   // inside the HMAC
        // Recompute the FINGERPRINT so that only the integrity is wrong.
        let crc = StunMessage.fingerprintValue(bytes, upTo: 72)
        bytes[76] = UInt8(crc >> 24); bytes[77] = UInt8(crc >> 16 & 0xFF)
        bytes[78] = UInt8(crc >> 8 & 0xFF); bytes[79] = UInt8(crc & 0xFF)
        let message = try StunMessage.decode(bytes)
        #expect(message.checkFingerprint() == .valid)
        #expect(message.checkMessageIntegrity(key: StunKeys.shortTerm(password: Rfc5769.shortTermPassword)) == .invalid)
        // A covered attribute changed: integrity fails too.
        var other = Rfc5769.ipv4Response
        other[44] ^= 0x01   // XOR-MAPPED-ADDRESS address byte
        let crc2 = StunMessage.fingerprintValue(other, upTo: 72)
        other[76] = UInt8(crc2 >> 24); other[77] = UInt8(crc2 >> 16 & 0xFF)
        other[78] = UInt8(crc2 >> 8 & 0xFF); other[79] = UInt8(crc2 & 0xFF)
        let altered = try StunMessage.decode(other)
        #expect(altered.checkMessageIntegrity(key: StunKeys.shortTerm(password: Rfc5769.shortTermPassword)) == .invalid)
        #expect(try StunMessage.decode(Rfc5769.request).checkMessageIntegritySHA256(key: [1]) == .absent)
    }

    @Test func classicRfc3489MessageWithoutCookie() throws {
        // A classic Binding response: 16-byte transaction ID, MAPPED-ADDRESS and CHANGED-ADDRESS.
        let cookie: [UInt8] = [0xDE, 0xAD, 0xBE, 0xEF]
        let body = T.attribute(0x0001, [0, 1, 0x0D, 0x96, 198, 51, 100, 7]) + T.attribute(0x0005, [0, 1, 0x0D, 0x97, 192, 0, 2, 2])
        let bytes = T.header(type: 0x0101, bodyLength: body.count, cookie: cookie) + body
        let message = try StunMessage.decode(bytes)
        #expect(!message.hasMagicCookie)
        #expect(message.classicTransactionIDPrefix == 0xDEAD_BEEF)
        #expect(message.messageClass == .successResponse)
        #expect(try message.attribute(MappedAddress.self)?.address == TransportAddress("198.51.100.7:3478"))
        #expect(try message.attribute(ChangedAddress.self)?.address == TransportAddress("192.0.2.2:3479"))
        #expect(message.encode() == bytes)
        #expect(!StunMessage.looksLikeStun(bytes))
        #expect(throws: StunDecodeError(.badMagicCookie, offset: 4, detail: "0xdeadbeef")) {
            try StunMessage.decode(bytes, allowClassic: false)
        }
    }

    @Test func unknownAttributesAreKeptRaw() throws {
        let bytes = T.message([T.attribute(0x7F01, [1, 2, 3]), T.attribute(0xC001, [9]), T.attribute(0x7F01, [4])])
        let message = try StunMessage.decode(bytes)
        #expect(message.attributes == [RawAttribute(type: StunAttributeType(rawValue: 0x7F01), value: [1, 2, 3]),
                                       RawAttribute(type: StunAttributeType(rawValue: 0xC001), value: [9]),
                                       RawAttribute(type: StunAttributeType(rawValue: 0x7F01), value: [4])])
        #expect(message.unknownComprehensionRequired == [StunAttributeType(rawValue: 0x7F01)])
        #expect(message.encode() == bytes)
        #expect(StunAttributeType(rawValue: 0x7F01).name == "0x7f01")
    }

    @Test func channelDataErrors() {
        #expect(throws: StunDecodeError(.truncatedHeader, offset: 3, detail: "3 of 4 header bytes")) {
            try ChannelData.decode([0x40, 0, 0])
        }
        #expect(throws: StunDecodeError.self) { try ChannelData.decode([0x00, 0, 0, 0]) }
        do { _ = try ChannelData.decode([0x50, 0, 0, 0]) } catch {
            #expect(error.kind == .invalidChannelNumber && error.offset == 0)
        }
        do { _ = try ChannelData.decode([0x40, 0, 0, 5, 1, 2]) } catch {
            #expect(error.kind == .lengthMismatch && error.offset == 2)
        }
        do { _ = try ChannelData.decode([0x40, 0, 0, 1, 1, 2]) } catch {
            #expect(error.kind == .lengthMismatch && error.offset == 2)
        }
    }
}
