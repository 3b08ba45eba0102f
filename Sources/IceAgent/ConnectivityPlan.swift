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

    public init(left: GatheringPlan, right: GatheringPlan, forceRelayLeft: Bool = false,
                forceRelayRight: Bool = false, deadlineMs: Int = 10_000, checkPacingMs: Int = 20) {
        self.left = left
        self.right = right
        self.forceRelayLeft = forceRelayLeft
        self.forceRelayRight = forceRelayRight
        self.deadlineMs = deadlineMs
        self.checkPacingMs = checkPacingMs
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
    }
}
