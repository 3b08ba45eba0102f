import ProbeTransport
import StunWire

/// What a STUN Binding probe does: which server, over which transport, how many samples, and
/// the overall time bound.
public struct StunProbeConfiguration: Sendable {
    public var server: ServerURI
    /// Defaults to the URI's implied transport (`stuns:` -> TLS).
    public var transport: TransportProtocol
    /// Binding requests to send (samples), at least 1.
    public var count: Int
    /// Pause between the end of one sample and the next request, nanoseconds.
    public var spacing: UInt64
    /// Upper bound of the whole probe (resolution, connect, handshake, every sample), nanoseconds.
    public var timeout: UInt64
    /// Local address (port 0 = any) to send from; nil lets the kernel choose.
    public var localAddress: TransportAddress?
    /// PEM CA file for TLS; nil = system store.
    public var caFile: String?
    /// Skip TLS certificate verification.
    public var insecure: Bool

    public init(server: ServerURI, transport: TransportProtocol? = nil, count: Int = 5,
                spacing: UInt64 = Nanoseconds.milliseconds(100), timeout: UInt64 = Nanoseconds.seconds(5),
                localAddress: TransportAddress? = nil, caFile: String? = nil, insecure: Bool = false) {
        self.server = server
        self.transport = transport ?? server.impliedTransport
        self.count = max(1, count)
        self.spacing = spacing
        self.timeout = timeout
        self.localAddress = localAddress
        self.caFile = caFile
        self.insecure = insecure
    }
}
