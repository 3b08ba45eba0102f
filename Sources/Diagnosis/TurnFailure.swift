/// Why a TURN allocation over one transport failed, as a named error from the TURN probe
/// (for example `timeout`, `wrong-credentials`, `tls-name-mismatch`). Never holds a secret.
public struct TurnFailure: Sendable, Equatable, Codable {
    /// `udp`, `tcp` or `tls`.
    public let transport: String
    /// The probe's stable error name.
    public let error: String

    public init(transport: String, error: String) {
        self.transport = transport
        self.error = error
    }

    /// The error name the TURN probe uses for rejected credentials (401 after authenticating, 441).
    public static let wrongCredentials = "wrong-credentials"
}
