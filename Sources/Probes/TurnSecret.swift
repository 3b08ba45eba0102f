/// A secret (TURN password, REST shared secret) that never prints: `description`,
/// `debugDescription`, string interpolation and `dump` all give `<redacted>`. Only the TURN client
/// (key derivation) and the REST credential maker read ``revealed``.
public struct TurnSecret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    let revealed: String

    public init(_ value: String) {
        self.revealed = value
    }

    /// True when the secret is the empty string.
    public var isEmpty: Bool { revealed.isEmpty }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
