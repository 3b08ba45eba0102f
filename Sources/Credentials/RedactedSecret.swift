/// A secret (TURN password, REST shared secret) that never prints: `description`,
/// `debugDescription`, string interpolation and `dump`/`Mirror` all give `<redacted>`.
/// ``revealed`` is visible inside this package only: the TURN client (key derivation), the REST
/// credential maker and IceAgent (handing the password to libnice) read it; nothing public does.
public struct RedactedSecret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    package let revealed: String

    public init(_ value: String) {
        self.revealed = value
    }

    /// True when the secret is the empty string.
    public var isEmpty: Bool { revealed.isEmpty }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
