/// The result of one gathering run: every candidate with its timing, per-server outcomes, and the
/// timeline figures a trickle/vanilla comparison needs. Times are ms since gathering started
/// (after server names were resolved, just before libnice was asked to gather), measured with
/// CLOCK_MONOTONIC.
public struct GatheringReport: Hashable, Sendable, Codable {
    /// All candidates in the order libnice reported them: host candidates (from a host-only agent)
    /// and each server's srflx/relay candidates.
    public var candidates: [IceCandidate]
    public var servers: [ServerOutcome]
    /// When the last server finished; `nil` when the deadline passed first.
    public var gatheringCompleteMs: Double?
    public var firstCandidateMs: FirstCandidateTimes
    /// The plan's deadline (ms).
    public var deadlineMs: Int
    /// How much sooner a trickle client could start connectivity checks than a vanilla one: a
    /// trickle client can send its first candidate at once, a vanilla one waits for gathering to
    /// complete (or the deadline). `completeOrDeadline - firstCandidate`, `nil` without candidates.
    public var trickleHeadStartMs: Double?
    /// The server that finished last (or hit the deadline), and how long it held gathering up.
    public var slowestServer: String?
    /// True when the run was stopped early (the consumer cancelled).
    public var cancelled: Bool
    /// Problems of the run itself (e.g. an agent that did not close within the bound).
    public var warnings: [String]

    public init(candidates: [IceCandidate], servers: [ServerOutcome], gatheringCompleteMs: Double?,
                deadlineMs: Int, cancelled: Bool = false, warnings: [String] = []) {
        self.candidates = candidates
        self.servers = servers
        self.gatheringCompleteMs = gatheringCompleteMs
        self.firstCandidateMs = FirstCandidateTimes(of: candidates)
        self.deadlineMs = deadlineMs
        let end = gatheringCompleteMs ?? Double(deadlineMs)
        self.trickleHeadStartMs = firstCandidateMs.earliest.map { (max(0, end - $0) * 1000).rounded() / 1000 }
        let slowest = servers.filter { $0.heldGatheringMs != nil }.max { ($0.heldGatheringMs ?? 0) < ($1.heldGatheringMs ?? 0) }
        self.slowestServer = slowest?.server
        self.cancelled = cancelled
        self.warnings = warnings
    }

    /// True when at least one srflx or relay candidate was gathered (iceprobe gather's exit 0).
    public var hasServerCandidate: Bool {
        candidates.contains { $0.type == .srflx || $0.type == .relay }
    }
}
