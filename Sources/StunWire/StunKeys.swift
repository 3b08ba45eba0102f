import Foundation

/// Keys for MESSAGE-INTEGRITY(-SHA256) (RFC 8489 section 9).
///
/// Strings are prepared with a SASLprep/OpaqueString-style profile: characters "commonly mapped to
/// nothing" (RFC 3454 table B.1, e.g. U+00AD SOFT HYPHEN) are removed, non-ASCII spaces become
/// U+0020, then NFKC is applied. This maps RFC 5769's "The\u{AD}M\u{AA}tr\u{2168}" to "TheMatrIX".
/// Prohibited-character and bidi checks are not applied (we only derive keys, never store names).
public enum StunKeys {
    /// Short-term credential key: the prepared password's UTF-8 bytes.
    public static func shortTerm(password: String) -> [UInt8] {
        Array(prepare(password).utf8)
    }

    /// Long-term key, MD5(username ":" realm ":" password) with realm and password prepared
    /// (username used as given, as in RFC 5769's vector). 16 bytes.
    public static func longTermMD5(username: String, realm: String, password: String) -> [UInt8] {
        Digest.hash(.md5, longTermInput(username: username, realm: realm, password: password))
    }

    /// Long-term key for PASSWORD-ALGORITHM SHA-256: SHA-256 of the same input. 32 bytes.
    public static func longTermSHA256(username: String, realm: String, password: String) -> [UInt8] {
        Digest.hash(.sha256, longTermInput(username: username, realm: realm, password: password))
    }

    /// USERHASH value (RFC 8489 14.4): SHA-256(username ":" realm). 32 bytes.
    public static func userHash(username: String, realm: String) -> [UInt8] {
        Digest.hash(.sha256, Array((username + ":" + prepare(realm)).utf8))
    }

    private static func longTermInput(username: String, realm: String, password: String) -> [UInt8] {
        Array(username.utf8) + [UInt8(ascii: ":")] + Array(prepare(realm).utf8) + [UInt8(ascii: ":")]
            + Array(prepare(password).utf8)
    }

    /// The SASLprep/OpaqueString-style preparation described above.
    public static func prepare(_ text: String) -> String {
        var mapped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if mappedToNothing(scalar.value) { continue }
            if nonASCIISpace(scalar.value) {
                mapped.append(" ")
            } else {
                mapped.append(scalar)
            }
        }
        return String(mapped).precomposedStringWithCompatibilityMapping
    }

    private static func mappedToNothing(_ value: UInt32) -> Bool {
        switch value {
        case 0x00AD, 0x034F, 0x1806, 0x180B...0x180D, 0x200B...0x200D, 0x2060, 0xFE00...0xFE0F, 0xFEFF:
            return true
        default:
            return false
        }
    }

    private static func nonASCIISpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}
