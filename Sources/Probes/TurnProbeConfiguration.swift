import ProbeTransport
import StunWire

/// What one TURN probe attempt does: which server, over which transport, with which credential,
/// and the overall time bound.
public struct TurnProbeConfiguration: Sendable {
    public var server: ServerURI
    /// Defaults to the URI's implied transport (`turns:` -> TLS, `?transport=tcp` -> TCP, else UDP).
    public var transport: TransportProtocol
    /// Long-term credential (static or TURN REST); nil probes without (expects a 401).
    public var credential: TurnCredential?
    /// Upper bound of the whole attempt (DNS, connect, TLS, Allocate, relay check and the
    /// deallocation at the end), nanoseconds. Default 5 s. The last `min(1 s, timeout / 5)` is kept
    /// for deallocation.
    public var timeout: UInt64
    /// PEM CA file for TLS; nil = system store.
    public var caFile: String?
    /// Skip TLS certificate and name verification.
    public var insecure: Bool
    /// Run the relay check (a second allocation as the peer and a packet burst).
    public var relayCheck: Bool
    /// Packets in the relay check burst (1...1000).
    public var relayPackets: Int
    /// 300 Try Alternate redirects followed before giving up (loop guard).
    public var maximumRedirects: Int
    /// LIFETIME requested in Allocate and Refresh, seconds.
    public var lifetime: UInt32
    /// An HTTP CONNECT proxy (host and port) that TCP and TLS attempts go through; the server's
    /// name is then resolved by the proxy, not here. UDP attempts never use it.
    public var proxy: (host: String, port: UInt16)?

    public init(server: ServerURI, transport: TransportProtocol? = nil, credential: TurnCredential? = nil,
                timeout: UInt64 = Nanoseconds.seconds(5), caFile: String? = nil, insecure: Bool = false,
                relayCheck: Bool = true, relayPackets: Int = 10, maximumRedirects: Int = 3, lifetime: UInt32 = 600,
                proxy: (host: String, port: UInt16)? = nil) {
        self.server = server
        self.transport = transport ?? server.impliedTransport
        self.credential = credential
        self.timeout = timeout
        self.caFile = caFile
        self.insecure = insecure
        self.relayCheck = relayCheck
        self.relayPackets = max(1, min(relayPackets, 1000))
        self.maximumRedirects = max(0, maximumRedirects)
        self.lifetime = lifetime
        self.proxy = proxy
    }
}
