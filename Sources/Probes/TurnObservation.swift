import ProbeTransport

/// What one TURN probe attempt observed: facts and timings, no verdict (see ``TurnClassifier``).
/// Times are nanoseconds on the monotonic clock; nil = not measured / not applicable.
public struct TurnObservation: Hashable, Sendable {
    /// The server in canonical URI form.
    public var server: String
    public var transport: TransportProtocol
    /// The address actually used (after redirects).
    public var resolvedAddress: String?
    /// The HTTP proxy the attempt went through (`host:port`), when it did; then the proxy resolved
    /// the server's name and `resolvedAddress` is nil.
    public var proxy: String?
    public var localAddress: String?
    /// True when a credential was supplied (its content is never kept here).
    public var hadCredential: Bool
    public var username: String?

    public var allocation: TurnAllocation?
    /// Where the attempt stopped; nil when everything requested succeeded.
    public var failedStage: TurnStage?
    /// The transport failure that stopped it, if any.
    public var transportError: TransportError?
    /// ERROR-CODE of the error response that stopped it, if any.
    public var errorCode: Int?
    public var errorReason: String?
    /// An answer that could not be used (details in ``message``).
    public var malformedResponse = false
    /// The server challenged (401 with REALM and NONCE) and the client answered it.
    public var challenged = false
    /// The failing request carried credentials (so a 401 means they were refused).
    public var authenticated = false
    /// 438 Stale Nonce answers retried with the new nonce, over every request of the attempt.
    public var staleNonceRetries = 0
    /// `md5` or `sha256`.
    public var passwordAlgorithm: String?
    /// Servers this attempt was redirected to (300 ALTERNATE-SERVER), in order.
    public var redirects: [String] = []
    /// True when a redirect pointed back to a server already tried, or too many redirects.
    public var redirectLoop = false

    public var connect: UInt64?
    public var tlsHandshake: UInt64?
    public var tlsVersion: String?
    /// RTT of the authenticated Allocate request (or its elapsed time after a retransmission).
    public var allocate: UInt64?
    /// True when the Refresh of the allocation succeeded; nil when not attempted.
    public var refreshed: Bool?
    public var relay: TurnRelayCheck?
    /// True when every allocation made (the probe's and the relay check's peer) was deleted
    /// (Refresh LIFETIME 0 confirmed); nil when nothing was allocated.
    public var deallocated: Bool?
    /// What happened, in plain words (never secrets).
    public var message: String = ""
    /// Wall time of the whole attempt.
    public var duration: UInt64 = 0

    public init(server: String, transport: TransportProtocol, hadCredential: Bool, username: String?) {
        self.server = server
        self.transport = transport
        self.hadCredential = hadCredential
        self.username = username
    }

    /// The facts the classifier needs.
    public var facts: TurnFacts {
        TurnFacts(transport: transport, failedStage: failedStage, transportError: transportError?.kind,
                  errorCode: errorCode, authenticated: authenticated, hadCredential: hadCredential,
                  redirectLoop: redirectLoop, malformedResponse: malformedResponse,
                  allocated: allocation != nil, relayChecked: relay != nil,
                  relaySent: relay?.sent ?? 0, relayReceived: relay?.received ?? 0)
    }
}
