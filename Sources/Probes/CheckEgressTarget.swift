import ProbeTransport

/// One direct connection the path probe makes: TCP to `host:port`, then a TLS handshake when
/// `tls` (certificate checked against `--ca-file` or the system store, with `host` as the name).
public struct CheckEgressTarget: Sendable, Equatable {
    public var host: String
    public var port: UInt16
    public var tls: Bool

    public init(host: String, port: UInt16, tls: Bool) {
        self.host = host
        self.port = port
        self.tls = tls
    }
}
