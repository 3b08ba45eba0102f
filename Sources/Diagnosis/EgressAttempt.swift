/// One direct connection attempt of the path probe: TCP to a media server's port, optionally
/// followed by a TLS handshake. Observations only: `result` is `ok` or the transport's error
/// name (`timeout`, `unreachable`, `refused`, `reset`, `tls-untrusted-certificate`, ...).
public struct EgressAttempt: Sendable, Equatable, Codable {
    public var host: String
    public var port: Int
    /// Whether a TLS handshake followed the TCP connect.
    public var tls: Bool
    /// `ok`, or the error name of the step that failed.
    public var result: String
    /// Whether the TCP connection was established (a TLS failure still means TCP got through).
    public var tcpConnected: Bool
    /// The server certificate's issuer (one line, e.g. `/CN=Example CA`), when one was presented.
    public var certificateIssuer: String?
    /// Time to the result, ms.
    public var durationMs: Double

    public init(host: String, port: Int, tls: Bool, result: String, tcpConnected: Bool,
                certificateIssuer: String? = nil, durationMs: Double) {
        self.host = host
        self.port = port
        self.tls = tls
        self.result = result
        self.tcpConnected = tcpConnected
        self.certificateIssuer = certificateIssuer
        self.durationMs = ReportNumber.milliseconds(durationMs)
    }

    private enum CodingKeys: String, CodingKey { case host, port, tls, result, tcpConnected, certificateIssuer, durationMs }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(host, forKey: .host)
        try c.encode(port, forKey: .port)
        try c.encode(tls, forKey: .tls)
        try c.encode(result, forKey: .result)
        try c.encode(tcpConnected, forKey: .tcpConnected)
        try c.encode(certificateIssuer, forKey: .certificateIssuer)
        try c.encode(durationMs, forKey: .durationMs)
    }
}
