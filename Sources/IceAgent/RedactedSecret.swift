/// A secret (TURN password) that never prints: `description`, `debugDescription`, string
/// interpolation and `dump`/`Mirror` all give `<redacted>`. Only IceAgent reads ``revealed`` to
/// hand it to libnice.
public struct RedactedSecret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
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
