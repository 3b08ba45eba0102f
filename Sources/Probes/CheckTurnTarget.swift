import ProbeTransport

/// One TURN allocation attempt of the check: a server, a transport and the credential to use.
public struct CheckTurnTarget: Sendable, Equatable {
    public var server: ServerURI
    public var transport: TransportProtocol
    /// nil: no credential is available, the attempt is not made (TURN reported as not tested).
    public var credential: TurnCredential?

    public init(server: ServerURI, transport: TransportProtocol, credential: TurnCredential?) {
        self.server = server
        self.transport = transport
        self.credential = credential
    }

    /// `udp`, `tcp` or `tls`, as reports name TURN transports.
    public var transportName: String { transport.rawValue }
}
