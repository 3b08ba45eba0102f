import Foundation
import StunWire
import Credentials

/// A TURN long-term credential (RFC 8489 9.2): a user name and a password that never prints.
/// The user name is not secret and may appear in reports; the password never does.
public struct TurnCredential: Hashable, Sendable, CustomStringConvertible {
    public var username: String
    public var password: RedactedSecret

    public init(username: String, password: RedactedSecret) {
        self.username = username
        self.password = password
    }

    /// An ephemeral credential of the TURN REST API (draft-uberti-behave-turn-rest): user name
    /// `"<expiry unix time>:<user>"` and password `base64(HMAC-SHA1(sharedSecret, username))`.
    /// `expiry` is the Unix time (seconds) after which the server refuses the credential; `user`
    /// may be empty, giving just the expiry as the user name.
    public static func restAPI(sharedSecret: RedactedSecret, user: String, expiry: Int64) -> TurnCredential {
        let username = user.isEmpty ? String(expiry) : "\(expiry):\(user)"
        let mac = StunDigest.hmacSHA1(key: Array(sharedSecret.revealed.utf8), message: Array(username.utf8))
        return TurnCredential(username: username, password: RedactedSecret(Data(mac).base64EncodedString()))
    }

    /// As ``restAPI(sharedSecret:user:expiry:)`` with the expiry `lifetime` seconds from now.
    public static func restAPI(sharedSecret: RedactedSecret, user: String, lifetime: Int64 = 3600,
                               now: Date = Date()) -> TurnCredential {
        let expiry = Int64(now.timeIntervalSince1970.rounded(.down)) &+ max(0, lifetime)
        return restAPI(sharedSecret: sharedSecret, user: user, expiry: expiry)
    }

    public var description: String { "\(username):<redacted>" }
}
