import Testing
import StunWire

/// Known-answer tests of the public digests (FIPS 180 / RFC 3174 SHA-1, RFC 2202 HMAC-SHA1,
/// RFC 1321 MD5, FIPS 180 SHA-256, RFC 4231 HMAC-SHA256).
@Suite("StunDigest")
struct StunDigestTests {
    /// Lower-case hex of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    @Test("SHA-1 matches the FIPS 180 / RFC 3174 vectors", arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
    ])
    func sha1(input: String, expected: String) {
        #expect(Self.hex(StunDigest.sha1(Array(input.utf8))) == expected)
    }

    @Test("SHA-1 of a million 'a' (multi-block)")
    func sha1Long() {
        #expect(Self.hex(StunDigest.sha1([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)))
                == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test("HMAC-SHA1 matches RFC 2202")
    func hmac() {
        #expect(Self.hex(StunDigest.hmacSHA1(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8)))
                == "b617318655057264e28bc0b6fb378c8ef146be00")
        #expect(Self.hex(StunDigest.hmacSHA1(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
        // Key longer than one block is hashed first (RFC 2202 test case 6).
        #expect(Self.hex(StunDigest.hmacSHA1(key: [UInt8](repeating: 0xaa, count: 80),
                                             message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
                == "aa4ae5e15272d00e95705637ce8a3b55ed402112")
    }

    @Test("MD5, SHA-256 and HMAC-SHA256 known answers")
    func otherAlgorithms() {
        #expect(Self.hex(StunDigest.md5(Array("abc".utf8))) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(Self.hex(StunDigest.sha256(Array("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.hex(StunDigest.hmacSHA256(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8)))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }
}
