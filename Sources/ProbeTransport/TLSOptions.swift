/// How a TLS connection verifies its server.
public struct TLSOptions: Hashable, Sendable {
    /// The name to verify the certificate against and to send as SNI. An IP literal is checked
    /// against the certificate's IP addresses instead and is not sent as SNI (RFC 6066).
    public var serverName: String
    /// A PEM file of trusted CA certificates; nil uses the system trust store.
    public var caFile: String?
    /// Skips chain and name verification (`--insecure`). The handshake still has to succeed.
    public var insecure: Bool

    public init(serverName: String, caFile: String? = nil, insecure: Bool = false) {
        self.serverName = serverName
        self.caFile = caFile
        self.insecure = insecure
    }
}
