/// Public digests for modules above the codec (e.g. the TURN REST API password
/// `base64(HMAC-SHA1(secret, username))`), computed by OpenSSL through the fenced ``Digest``.
/// Each returns an empty array only if OpenSSL fails, which it does not for these algorithms.
public enum StunDigest {
    /// The 20-byte SHA-1 digest (FIPS 180-4) of `message`.
    public static func sha1(_ message: [UInt8]) -> [UInt8] { Digest.hash(.sha1, message) }

    /// The 32-byte SHA-256 digest of `message`.
    public static func sha256(_ message: [UInt8]) -> [UInt8] { Digest.hash(.sha256, message) }

    /// The 16-byte MD5 digest of `message` (the long-term credential key, RFC 8489 9.2.2).
    public static func md5(_ message: [UInt8]) -> [UInt8] { Digest.hash(.md5, message) }

    /// HMAC-SHA1 (RFC 2104) of `message` under `key`.
    public static func hmacSHA1(key: [UInt8], message: [UInt8]) -> [UInt8] { Digest.hmac(.sha1, key: key, data: message) }

    /// HMAC-SHA256 of `message` under `key`.
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] { Digest.hmac(.sha256, key: key, data: message) }
}
