/// Two ICE agents in one process, each with its own servers (and optionally its own network
/// namespace, e.g. a lab client behind each NAT), exchanging credentials and candidates in memory
/// and running full ICE checks (RFC 8445, libnice in RFC 5245 mode).
public struct ConnectivityPlan: Hashable, Sendable {
    /// The controlling agent's servers and STUN pacing. Every TURN server is added; the first STUN
    /// server only when there is no TURN server (the Allocate gives the srflx candidate too, and
    /// libnice with both in one agent finishes gathering about 2 s late).
    public var left: GatheringPlan
    /// The controlled agent's servers and STUN pacing.
    public var right: GatheringPlan
    /// Use relayed candidates only on the left / right side (libnice `force-relay`).
    public var forceRelayLeft: Bool
    public var forceRelayRight: Bool
    /// Bound for the whole check (gathering, exchange, checks), ms (default 10000).
    public var deadlineMs: Int
    /// libnice `stun-pacing-timer` ("Ta") of both agents, ms (default 20, libnice's own): it paces
    /// the connectivity checks, so the time to connected stays that of an unmodified ICE agent.
    /// (The sides' `pacingMs` is for gathering-only runs.)
    public var checkPacingMs: Int
    /// ICE restarts allowed when an agent fails after a pair had been selected in the same attempt
    /// (default 1; see ``ConnectivityRecovery``). Reported as ``ConnectivityReport/iceRestarts``.
    /// libnice declares such a failure only after its 5 s idle timeout (left at libnice's default:
    /// a shorter one would let a controlled agent give up while a slow controlling agent is still
    /// nominating), so a restart needs about 7 s more inside ``deadlineMs``.
    public var maxIceRestarts: Int
    /// Fault injection for tests only (not public): the first time the controlling agent selects a
    /// pair, the session acts as if the controlled agent had then signalled FAILED, which is the
    /// rare libnice give-up that ``ConnectivityRecovery`` answers. The restart that follows is real.
    var injectControlledFailureOnFirstSelection = false

    public init(left: GatheringPlan, right: GatheringPlan, forceRelayLeft: Bool = false,
                forceRelayRight: Bool = false, deadlineMs: Int = 10_000, checkPacingMs: Int = 20,
                maxIceRestarts: Int = 1) {
        self.left = left
        self.right = right
        self.forceRelayLeft = forceRelayLeft
        self.forceRelayRight = forceRelayRight
        self.deadlineMs = deadlineMs
        self.checkPacingMs = checkPacingMs
        self.maxIceRestarts = maxIceRestarts
    }

    public func validate() throws(GatheringPlanError) {
        try left.validate()
        try right.validate()
        guard deadlineMs >= 1, deadlineMs <= 120_000 else {
            throw GatheringPlanError(field: "deadlineMs", detail: "\(deadlineMs) is outside 1-120000")
        }
        guard checkPacingMs >= 1, checkPacingMs <= 1000 else {
            throw GatheringPlanError(field: "checkPacingMs", detail: "\(checkPacingMs) is outside 1-1000")
        }
        guard maxIceRestarts >= 0, maxIceRestarts <= 3 else {
            throw GatheringPlanError(field: "maxIceRestarts", detail: "\(maxIceRestarts) is outside 0-3")
        }
    }
}
