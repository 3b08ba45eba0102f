import Testing
@testable import StunWire

/// RFC 5769 section 2 vectors, typed in from the RFC text. Each is decoded and checked field by
/// field (integrity, fingerprint), then rebuilt from the fields and compared byte for byte.
enum Rfc5769 {
    static let shortTermPassword = "VOkJxbRl1RmTxUk/WvJxBt"
    static let transactionID = TransactionID(bytes: hex("b7 e7 a7 01 bc 34 d6 86 fa 87 df ae"))!

    static let request = hex("""
        00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
        80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
        00 24 00 04 6e 00 01 ff
        80 29 00 08 93 2f f9 b1 51 26 3b 36
        00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
        00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
        80 28 00 04 e5 7a 3b cf
        """)

    static let ipv4Response = hex("""
        01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
        80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
        00 20 00 08 00 01 a1 47 e1 12 a6 43
        00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
        80 28 00 04 c0 7d 4c 96
        """)

    static let ipv6Response = hex("""
        01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
        80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
        00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
        00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75 bf e3 ed 41
        80 28 00 04 c8 fb 0b 4c
        """)

    static let longTermRequest = hex("""
        00 01 00 60 21 12 a4 42 78 ad 34 33 c6 ad 72 c0 29 da 41 2e
        00 06 00 12 e3 83 9e e3 83 88 e3 83 aa e3 83 83 e3 82 af e3 82 b9 00 00
        00 15 00 1c 66 2f 2f 34 39 39 6b 39 35 34 64 36 4f 4c 33 34 6f 4c 39 46
                    53 54 76 79 36 34 73 41
        00 14 00 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 00
        00 08 00 14 f6 70 24 65 6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2 8c a8 96 66
        """)
    static let longTermUsername = "\u{30DE}\u{30C8}\u{30EA}\u{30C3}\u{30AF}\u{30B9}"   // マトリックス
    static let longTermPassword = "The\u{AD}M\u{AA}tr\u{2168}"
    static let realm = "example.org"
    static let nonce = "f//499k954d6OL34oL9FSTvy64sA"
}

@Suite struct Rfc5769VectorTests {
    @Test func sampleRequestDecodes() throws {
        let message = try StunMessage.decode(Rfc5769.request)
        #expect(message.method == .binding)
        #expect(message.messageClass == .request)
        #expect(message.hasMagicCookie)
        #expect(message.transactionID == Rfc5769.transactionID)
        #expect(message.attributes.map(\.type) == [.software, .priority, .iceControlled, .username,
                                                    .messageIntegrity, .fingerprint])
        #expect(try message.attribute(Software.self)?.value == "STUN test client")
        #expect(try message.attribute(Priority.self)?.value == 0x6e00_01ff)
        #expect(try message.attribute(IceControlled.self)?.tieBreaker == 0x932f_f9b1_5126_3b36)
        #expect(try message.attribute(Username.self)?.value == "evtj:h6vY")
        #expect(message.checkMessageIntegrity(key: StunKeys.shortTerm(password: Rfc5769.shortTermPassword)) == .valid)
        #expect(message.checkMessageIntegrity(key: StunKeys.shortTerm(password: "wrong")) == .invalid)
        #expect(message.checkFingerprint() == .valid)
        #expect(message.unknownComprehensionRequired.isEmpty)
        #expect(message.encode() == Rfc5769.request)
        #expect(StunMessage.looksLikeStun(Rfc5769.request))
    }

    @Test func sampleRequestReencodesFromFields() throws {
        var message = StunMessage(method: .binding, messageClass: .request, transactionID: Rfc5769.transactionID)
        message.append(Software("STUN test client"))
        message.append(Priority(value: 0x6e00_01ff))
        message.append(IceControlled(tieBreaker: 0x932f_f9b1_5126_3b36))
        message.append(Username("evtj:h6vY"))
        // RFC 5769 pads USERNAME with spaces (any padding was allowed by RFC 5389).
        message.attributes[3].padding = [0x20, 0x20, 0x20]
        message.appendMessageIntegrity(key: StunKeys.shortTerm(password: Rfc5769.shortTermPassword))
        message.appendFingerprint()
        #expect(message.encode() == Rfc5769.request)
    }

    @Test func ipv4ResponseBothDirections() throws {
        let message = try StunMessage.decode(Rfc5769.ipv4Response)
        #expect(message.method == .binding)
        #expect(message.messageClass == .successResponse)
        #expect(message.transactionID == Rfc5769.transactionID)
        #expect(message.attributes.map(\.type) == [.software, .xorMappedAddress, .messageIntegrity, .fingerprint])
        #expect(try message.attribute(Software.self)?.value == "test vector")
        #expect(try message.attribute(XorMappedAddress.self)?.address == TransportAddress("192.0.2.1:32853"))
        #expect(message.checkMessageIntegrity(key: StunKeys.shortTerm(password: Rfc5769.shortTermPassword)) == .valid)
        #expect(message.checkFingerprint() == .valid)

        var rebuilt = StunMessage(method: .binding, messageClass: .successResponse, transactionID: Rfc5769.transactionID)
        rebuilt.append(Software("test vector"))
        rebuilt.attributes[0].padding = [0x20]
        rebuilt.append(XorMappedAddress(address: TransportAddress("192.0.2.1:32853")!))
        rebuilt.appendMessageIntegrity(key: StunKeys.shortTerm(password: Rfc5769.shortTermPassword))
        rebuilt.appendFingerprint()
        #expect(rebuilt.encode() == Rfc5769.ipv4Response)
        #expect(rebuilt == message)
    }

    @Test func ipv6ResponseBothDirections() throws {
        let message = try StunMessage.decode(Rfc5769.ipv6Response)
        #expect(message.messageClass == .successResponse)
        let mapped = try #require(try message.attribute(XorMappedAddress.self)).address
        #expect(mapped == TransportAddress("[2001:db8:1234:5678:11:2233:4455:6677]:32853"))
        #expect(mapped.description == "[2001:db8:1234:5678:11:2233:4455:6677]:32853")
        #expect(try message.attribute(Software.self)?.value == "test vector")
        #expect(message.checkMessageIntegrity(key: StunKeys.shortTerm(password: Rfc5769.shortTermPassword)) == .valid)
        #expect(message.checkFingerprint() == .valid)

        var rebuilt = StunMessage(method: .binding, messageClass: .successResponse, transactionID: Rfc5769.transactionID)
        rebuilt.append(Software("test vector"))
        rebuilt.attributes[0].padding = [0x20]
        rebuilt.append(XorMappedAddress(address: mapped))
        rebuilt.appendMessageIntegrity(key: StunKeys.shortTerm(password: Rfc5769.shortTermPassword))
        rebuilt.appendFingerprint()
        #expect(rebuilt.encode() == Rfc5769.ipv6Response)
    }

    @Test func longTermRequestBothDirections() throws {
        #expect(StunKeys.prepare(Rfc5769.longTermPassword) == "TheMatrIX")
        let key = StunKeys.longTermMD5(username: Rfc5769.longTermUsername, realm: Rfc5769.realm,
                                       password: Rfc5769.longTermPassword)
        #expect(key == StunKeys.longTermMD5(username: Rfc5769.longTermUsername, realm: Rfc5769.realm,
                                            password: "TheMatrIX"))
        #expect(key.count == 16)

        let message = try StunMessage.decode(Rfc5769.longTermRequest)
        #expect(message.method == .binding)
        #expect(message.messageClass == .request)
        #expect(message.transactionID == TransactionID(bytes: hex("78 ad 34 33 c6 ad 72 c0 29 da 41 2e")))
        #expect(message.attributes.map(\.type) == [.username, .nonce, .realm, .messageIntegrity])
        #expect(try message.attribute(Username.self)?.value == Rfc5769.longTermUsername)
        #expect(try message.attribute(Nonce.self)?.value == Rfc5769.nonce)
        #expect(try message.attribute(Realm.self)?.value == Rfc5769.realm)
        #expect(message.checkMessageIntegrity(key: key) == .valid)
        #expect(message.checkMessageIntegrity(key: StunKeys.longTermMD5(
            username: Rfc5769.longTermUsername, realm: Rfc5769.realm, password: "TheMatrix")) == .invalid)
        #expect(message.checkFingerprint() == .absent)

        var rebuilt = StunMessage(method: .binding, messageClass: .request, transactionID: message.transactionID)
        rebuilt.append(Username(Rfc5769.longTermUsername))
        rebuilt.append(Nonce(Rfc5769.nonce))
        rebuilt.append(Realm(Rfc5769.realm))
        rebuilt.appendMessageIntegrity(key: key)
        #expect(rebuilt.encode() == Rfc5769.longTermRequest)
    }

    @Test func knownDigestAnswers() {
        // MD5("") and SHA-256("abc") known answers guard the OpenSSL fence itself.
        #expect(WireBytes.hex(Digest.hash(.md5, [])) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(WireBytes.hex(Digest.hash(.sha256, Array("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // RFC 2202 test case 2 for HMAC-SHA1.
        #expect(WireBytes.hex(Digest.hmac(.sha1, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8)))
                == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
        // CRC-32 check value.
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func sha256IntegrityRoundTrip() throws {
        let key = StunKeys.longTermSHA256(username: "user", realm: "realm", password: "pass")
        #expect(key.count == 32)
        var message = StunMessage(method: .allocate, messageClass: .request, transactionID: .random())
        message.append(RequestedTransport.udp)
        message.append(Username("user"))
        message.appendMessageIntegrity(key: key)
        message.appendMessageIntegritySHA256(key: key)
        message.appendFingerprint()
        let decoded = try StunMessage.decode(message.encode())
        #expect(decoded.checkMessageIntegrity(key: key) == .valid)
        #expect(decoded.checkMessageIntegritySHA256(key: key) == .valid)
        #expect(decoded.checkMessageIntegritySHA256(key: [1, 2, 3]) == .invalid)
        #expect(decoded.checkFingerprint() == .valid)
        #expect(try decoded.attribute(MessageIntegritySHA256.self)?.hmac.count == 32)
    }
}
