import Testing
@testable import StunWire

/// Every typed attribute: encode into a message, decode the bytes, read it back equal.
@Suite struct AttributeRoundTripTests {
    static let v6 = TransportAddress("[2001:db8::42]:49152")!
    static let v4 = TransportAddress("203.0.113.9:3478")!

    func roundTrip<A: StunAttribute & Equatable>(_ attribute: A, method: StunMethod = .allocate) throws -> StunMessage {
        var message = StunMessage(method: method, messageClass: .successResponse, transactionID: .random())
        message.append(attribute)
        message.appendFingerprint()
        let decoded = try StunMessage.decode(message.encode())
        #expect(decoded == message)
        #expect(try decoded.attribute(A.self) == attribute)
        #expect(decoded.checkFingerprint() == .valid)
        try decoded.validateAttributes()
        return decoded
    }

    @Test func turnAttributes() throws {
        let peer = try roundTrip(XorPeerAddress(address: Self.v6))
        // XOR really was applied: the raw value is not the plain address.
        #expect(peer.attributes[0].value != AddressCodec.encode(Self.v6, xorWith: nil))
        _ = try roundTrip(XorPeerAddress(Self.v4))
        _ = try roundTrip(XorRelayedAddress(address: Self.v6))
        _ = try roundTrip(XorRelayedAddress(address: Self.v4))
        _ = try roundTrip(Lifetime(seconds: 600))
        _ = try roundTrip(Lifetime(seconds: .max))
        let transport = try roundTrip(RequestedTransport.udp)
        #expect(transport.attributes[0].value == [17, 0, 0, 0])
        _ = try roundTrip(RequestedTransport.tcp)
        _ = try roundTrip(RequestedAddressFamily(family: .ipv6))
        _ = try roundTrip(ChannelNumber(channel: 0x4001))
        _ = try roundTrip(DontFragment())
        _ = try roundTrip(ReservationToken(token: [1, 2, 3, 4, 5, 6, 7, 8]))
        let even = try roundTrip(EvenPort(reserveNextHigher: true))
        #expect(even.attributes[0].value == [0x80])
        #expect(even.encode().count == 20 + 8 + 8)   // 1-byte value padded to 4
        _ = try roundTrip(ConnectionID(id: 0xDEAD_BEEF))
        _ = try roundTrip(DataAttribute(bytes: Array(0..<37)))
        _ = try roundTrip(DataAttribute(bytes: []))
    }

    @Test func stunAndNatBehaviourAttributes() throws {
        _ = try roundTrip(MappedAddress(address: Self.v4), method: .binding)
        _ = try roundTrip(XorMappedAddress(address: Self.v6), method: .binding)
        _ = try roundTrip(AlternateServer(address: Self.v6))
        _ = try roundTrip(ResponseOrigin(address: Self.v4))
        _ = try roundTrip(OtherAddress(address: Self.v6))
        _ = try roundTrip(ChangedAddress(address: Self.v4))
        _ = try roundTrip(SourceAddress(address: Self.v4))
        _ = try roundTrip(ChangedAddress(address: Self.v6))
        _ = try roundTrip(SourceAddress(address: Self.v6))
        for (ip, port) in [(false, false), (true, false), (false, true), (true, true)] {
            _ = try roundTrip(ChangeRequest(changeIP: ip, changePort: port))
        }
        #expect(ChangeRequest(changeIP: true, changePort: true).stunValue(transactionID: .random()) == [0, 0, 0, 6])
        _ = try roundTrip(ResponsePort(port: 40000))
        _ = try roundTrip(Padding(length: 13))
        _ = try roundTrip(Username("alice"))
        _ = try roundTrip(Realm("example.org"))
        _ = try roundTrip(Nonce("abc"))
        _ = try roundTrip(Software("iceprobe ✓"))
        _ = try roundTrip(AlternateDomain("turn.example.org"))
        _ = try roundTrip(UserHash(hash: StunKeys.userHash(username: "u", realm: "r")))
        _ = try roundTrip(ErrorCode(code: 401, reason: "Unauthorized"))
        _ = try roundTrip(ErrorCode(code: 699, reason: ""))
        _ = try roundTrip(ErrorCode(code: 300, reason: "Try Alternate"))
        #expect(ErrorCode(code: 438, reason: "").stunValue(transactionID: .random()) == [0, 0, 4, 38])
        _ = try roundTrip(UnknownAttributes(types: [.init(rawValue: 0x7777), .lifetime]))
        _ = try roundTrip(UnknownAttributes(types: [.init(rawValue: 0x7777)]))
        _ = try roundTrip(PasswordAlgorithm(algorithm: PasswordAlgorithm.sha256))
        _ = try roundTrip(PasswordAlgorithm(algorithm: 0x1234, parameters: [1, 2, 3]))
        _ = try roundTrip(PasswordAlgorithms(algorithms: [PasswordAlgorithm(algorithm: PasswordAlgorithm.md5),
                                                          PasswordAlgorithm(algorithm: 9, parameters: [7]),
                                                          PasswordAlgorithm(algorithm: PasswordAlgorithm.sha256)]))
        _ = try roundTrip(Priority(value: 0x6e00_01ff))
        _ = try roundTrip(IceControlling(tieBreaker: 0x0102_0304_0506_0708))
        _ = try roundTrip(IceControlled(tieBreaker: .max))
        _ = try roundTrip(UseCandidate())
        _ = try roundTrip(MessageIntegrity(hmac: [UInt8](repeating: 3, count: 20)))
        _ = try roundTrip(MessageIntegritySHA256(hmac: [UInt8](repeating: 3, count: 16)))
    }

    @Test func repeatedTurnAddressesAreKept() throws {
        var message = StunMessage(method: .createPermission, messageClass: .request, transactionID: .random())
        message.append(XorPeerAddress(address: Self.v4))
        message.append(XorPeerAddress(address: Self.v6))
        let decoded = try StunMessage.decode(message.encode())
        #expect(try decoded.attributes(XorPeerAddress.self).map(\.address) == [Self.v4, Self.v6])
        #expect(try decoded.attribute(XorPeerAddress.self)?.address == Self.v4)
        #expect(try decoded.attribute(Lifetime.self) == nil)
    }

    @Test func messageTypeBitsForEveryMethodAndClass() throws {
        let methods: [StunMethod] = [.binding, .allocate, .refresh, .send, .data, .createPermission, .channelBind,
                                     .connect, .connectionBind, .connectionAttempt, StunMethod(rawValue: 0xFFF)]
        for method in methods {
            for messageClass in StunClass.allCases {
                let message = StunMessage(method: method, messageClass: messageClass, transactionID: .random())
                let decoded = try StunMessage.decode(message.encode())
                #expect(decoded.method == method && decoded.messageClass == messageClass)
            }
        }
        #expect(StunMessage(method: .binding, messageClass: .successResponse, transactionID: .random()).messageType == 0x0101)
        #expect(StunMessage(method: .binding, messageClass: .errorResponse, transactionID: .random()).messageType == 0x0111)
        #expect(StunMessage(method: .allocate, messageClass: .request, transactionID: .random()).messageType == 0x0003)
        #expect(StunMessage(method: .send, messageClass: .indication, transactionID: .random()).messageType == 0x0016)
        #expect(StunMessage(method: .data, messageClass: .indication, transactionID: .random()).messageType == 0x0017)
        #expect(StunMessage(method: StunMethod(rawValue: 0xFFF), messageClass: .errorResponse,
                            transactionID: .random()).messageType == 0x3FFF)
    }

    @Test func transactionIDsAreRandomAndTwelveBytes() {
        let ids = (0..<64).map { _ in TransactionID.random() }
        #expect(Set(ids).count == 64)
        #expect(ids.allSatisfy { $0.bytes.count == 12 })
        #expect(TransactionID(bytes: [1, 2, 3]) == nil)
        #expect(TransactionID(bytes: Array(0..<12))?.description == "000102030405060708090a0b")
    }

    @Test func integrityFollowsChanges() throws {
        let key = StunKeys.shortTerm(password: "secret")
        var message = StunMessage(method: .binding, messageClass: .request, transactionID: .random())
        message.append(Username("a:b"))
        message.appendMessageIntegrity(key: key)
        #expect(message.checkMessageIntegrity(key: key) == .valid)
        var decoded = try StunMessage.decode(message.encode())
        #expect(decoded.receivedBytes != nil)
        #expect(decoded.checkMessageIntegrity(key: key) == .valid)
        decoded.attributes[0].value = Array("a:c".utf8)
        #expect(decoded.receivedBytes == nil)
        #expect(decoded.checkMessageIntegrity(key: key) == .invalid)
        #expect(StunMessage(method: .binding, messageClass: .request, transactionID: .random())
            .checkMessageIntegrity(key: key) == .absent)
    }

    @Test func shortTermKeyPreparation() {
        #expect(StunKeys.shortTerm(password: "VOkJxbRl1RmTxUk/WvJxBt") == Array("VOkJxbRl1RmTxUk/WvJxBt".utf8))
        #expect(StunKeys.prepare("a\u{00A0}b") == "a b")
        #expect(StunKeys.prepare("x\u{200B}y\u{FEFF}") == "xy")
        #expect(StunKeys.prepare("\u{FB01}") == "fi")   // NFKC compatibility mapping
    }
}

@Suite struct DescriptionTests {
    @Test func messageAndErrorDescriptions() throws {
        let message = try StunMessage.decode(Rfc5769.ipv4Response)
        #expect(message.description
                == "Binding success response b7e7a701bc34d686fa87dfae [SOFTWARE, XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY, FINGERPRINT]")
        let error = StunDecodeError(.badAddressFamily, offset: 25, attribute: .xorMappedAddress, detail: "family 0x3")
        #expect(error.description == "attribute XOR-MAPPED-ADDRESS at offset 25: badAddressFamily (family 0x3)")
    }
}
