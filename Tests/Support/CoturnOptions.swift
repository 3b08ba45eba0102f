extension Coturn {
    /// What a test asks of its coturn. The defaults: 127.0.0.1 only, no TLS, the static user
    /// ``Server/username``/``Server/password``, RFC 5780 on, free ports.
    public struct Options: Sendable {
        /// How clients authenticate.
        public enum Credentials: Sendable {
            /// No authentication (Binding-only tests).
            case none
            /// Long-term credentials with one static user.
            case user(name: String, password: String)
            /// TURN REST API: credentials derived from this shared secret (`use-auth-secret`).
            case restSecret(String)
        }

        /// Every IP coturn listens on (e.g. 127.0.0.1 and 127.0.0.2 for RFC 5780); the first also relays.
        public var listeningIPs: [String]
        /// The certificate the TLS listener serves; nil = no TLS listener.
        public var tls: Certificate?
        /// Certificates generated next to the served one (by name) that the server does not use,
        /// e.g. to trust the wrong CA; see ``Server/certificatePath(_:)``.
        public var spareCertificates: [String: Certificate]
        public var credentials: Credentials
        public var userQuota: Int?
        /// false adds `no-rfc5780`.
        public var rfc5780: Bool
        /// `alternate-server` targets (every Allocate is redirected).
        public var alternateServers: [String]
        /// The UDP/TCP listening port; nil picks a free one.
        public var port: UInt16?
        /// Further configuration lines (coturn option names without `--`), e.g. `"max-bps=1000"`.
        public var extraConfiguration: [String]

        /// `tlsNames`: subject alternative names of the served certificate (`IP:127.0.0.1`,
        /// `DNS:wrong.example`), nil = no TLS; `tlsExpired`: serve it already expired.
        public init(listeningIPs: [String] = ["127.0.0.1"],
                    tlsNames: [String]? = nil, tlsExpired: Bool = false,
                    spareCertificates: [String: Certificate] = [:],
                    credentials: Credentials = .user(name: Server.username, password: Server.password),
                    userQuota: Int? = nil, rfc5780: Bool = true, alternateServers: [String] = [],
                    port: UInt16? = nil, extraConfiguration: [String] = []) {
            self.listeningIPs = listeningIPs
            self.tls = tlsNames.map { Certificate(subjectAltNames: $0, expired: tlsExpired) }
            self.spareCertificates = spareCertificates
            self.credentials = credentials
            self.userQuota = userQuota
            self.rfc5780 = rfc5780
            self.alternateServers = alternateServers
            self.port = port
            self.extraConfiguration = extraConfiguration
        }

        /// A REST-secret server with ``Server/sharedSecret``.
        public static func restSecret(userQuota: Int? = nil) -> Options {
            Options(credentials: .restSecret(Server.sharedSecret), userQuota: userQuota)
        }
    }
}
