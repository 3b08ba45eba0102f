import COpenSSL
import Credentials
import Foundation

/// The TURN credential the browser check page is handed for one profile, made on the server when
/// a page asks for a session (never written into the page's source):
/// - `static`: a long-term user name and password (`serve --user`/`--credential-file`, or the
///   profile's static credentials);
/// - `rest`: minted per session from a TURN REST shared secret (draft-uberti-behave-turn-rest:
///   user name `EXPIRY:USER`, password base64(HMAC-SHA1(secret, user name))), expiring
///   `lifetime` seconds later (default 600 s);
/// - `none`: the page tests STUN only and says TURN was not tested.
/// Descriptions never contain the password or the secret.
public enum CheckPageCredential: Sendable, CustomStringConvertible {
    case none
    case `static`(username: String, password: RedactedSecret)
    case rest(user: String, sharedSecret: RedactedSecret, lifetime: Int)

    public static let defaultRestLifetime = 600

    /// The user name and password for one session, and when it stops working (`nil`: static).
    public func issue(now: Date = Date()) -> (username: String, password: String, expiresAt: Date?)? {
        switch self {
        case .none:
            return nil
        case .static(let username, let password):
            return (username, password.revealed, nil)
        case .rest(let user, let secret, let lifetime):
            let expiry = Int64(now.timeIntervalSince1970.rounded(.down)) + Int64(max(1, lifetime))
            let username = user.isEmpty ? String(expiry) : "\(expiry):\(user)"
            let mac = Self.hmacSHA1(key: Array(secret.revealed.utf8), message: Array(username.utf8))
            return (username, Data(mac).base64EncodedString(), Date(timeIntervalSince1970: TimeInterval(expiry)))
        }
    }

    public var description: String {
        switch self {
        case .none: "none"
        case .static(let username, _): "static (user \(username))"
        case .rest(let user, _, let lifetime): "TURN REST (user \(user.isEmpty ? "-" : user), \(lifetime) s)"
        }
    }

    /// HMAC-SHA1 with OpenSSL (20 bytes; empty when OpenSSL fails, which it does not for SHA-1).
    package static func hmacSHA1(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 20)
        var length: UInt32 = 0
        let keyBytes = key.isEmpty ? [UInt8](repeating: 0, count: 1) : key
        let messageBytes = message.isEmpty ? [UInt8](repeating: 0, count: 1) : message
        let result = keyBytes.withUnsafeBytes { k in
            messageBytes.withUnsafeBytes { m in
                output.withUnsafeMutableBytes { out in
                    HMAC(EVP_sha1(), k.baseAddress, Int32(key.count), m.baseAddress?.assumingMemoryBound(to: UInt8.self),
                         message.count, out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length)
                }
            }
        }
        guard result != nil, length == 20 else { return [] }
        return output
    }
}
