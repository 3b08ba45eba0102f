import ProbeTransport
import StunWire

/// Everything one Allocate exchange (challenge, authenticated request, stale-nonce retries)
/// observed. Facts only; ``TurnClassifier`` turns them into a diagnosis.
public struct TurnAllocateOutcome: Sendable {
    /// The allocation, when the server granted one.
    public var allocation: TurnAllocation?
    /// The last answer (error response, transport failure or malformed answer) when there is no
    /// allocation.
    public var failure: TurnRequestResult?
    /// True when the server answered the first request with a 401 carrying REALM and NONCE.
    public var challenged = false
    /// True when the last request sent carried credentials (USERNAME, REALM, NONCE, integrity).
    public var authenticated = false
    /// 438 Stale Nonce answers that led to a retry.
    public var staleNonceRetries = 0
    /// The key algorithm used: `md5` or `sha256` (RFC 8489 PASSWORD-ALGORITHM); nil without credentials.
    public var passwordAlgorithm: String?
    /// RTT of the final Allocate request (Karn: nil after a retransmission), nanoseconds.
    public var rtt: UInt64?
    /// Time from the final request's first transmission to its answer, nanoseconds.
    public var elapsed: UInt64?
    /// ALTERNATE-SERVER (and ALTERNATE-DOMAIN) of a 300 Try Alternate answer.
    public var alternateServer: TransportAddress?
    public var alternateDomain: String?

    public init() {}
}
