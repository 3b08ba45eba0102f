/// Where TURN credentials come from. The profile never needs to hold a secret: it names a file
/// or an environment variable. (`secret` inline is accepted for throw-away lab profiles only.)
public struct ProfileCredentials: Sendable, Equatable {
    public enum Source: String, Sendable, Equatable, CaseIterable {
        /// No TURN credentials: TURN is reported as not tested.
        case none
        /// From the command line (`--user`, `--credential-file`, `ICEPROBE_TURN_CREDENTIAL`,
        /// `--ice-servers`), like `iceprobe turn`. The default.
        case options
        /// A long-term credential: `username` plus a password from `secretFile`, `secretEnv` or `secret`.
        case `static`
        /// TURN REST API (ephemeral): `username` is the user part, the shared secret comes from
        /// `secretFile`, `secretEnv` or `secret`; the credential is made with a 1 hour expiry.
        case rest
    }

    public var source: Source
    public var username: String?
    public var secretFile: String?
    public var secretEnv: String?
    /// Inline secret (lab profiles only). Never printed: `description` hides it.
    public var secret: String?

    public init(source: Source = .options, username: String? = nil, secretFile: String? = nil,
                secretEnv: String? = nil, secret: String? = nil) {
        self.source = source
        self.username = username
        self.secretFile = secretFile
        self.secretEnv = secretEnv
        self.secret = secret
    }
}

extension ProfileCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "ProfileCredentials(source: \(source.rawValue), username: \(username ?? "-"), secretFile: \(secretFile ?? "-"), secretEnv: \(secretEnv ?? "-"), secret: \(secret == nil ? "-" : "<redacted>"))"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["source": source, "username": username as Any], displayStyle: .struct) }
}
