import Diagnosis
import Foundation

/// Everything one check run measured, before any judgement. `nil` = not measured (not planned,
/// or still running at the budget and cancelled; `cancelled` names those).
public struct CheckObservations: Sendable {
    public var startedAt: Date
    public var durationMs: Double
    /// Names resolved / failed (with the reason), in plan order.
    public var dnsResolved: [String]
    public var dnsFailed: [String: String]
    /// How each failed name failed (NXDOMAIN, timeout, other), keyed by name.
    public var dnsFailures: [String: DnsFailure] = [:]
    /// The path probe's attempts (`nil`: not run or cancelled).
    public var egress: [EgressAttempt]? = nil
    /// Latency per region id (a missing id: not measured).
    public var latency: [String: RegionLatencyObservation]
    /// Latency over the other methods (STUN over TCP/TLS, TCP connect, TLS handshake) per region id.
    public var streamLatency: [String: [LatencyMethodSamples]] = [:]
    /// Addresses each region's latency targets resolved to (to recognise a steered answer).
    public var regionAddresses: [String: [String]] = [:]
    /// DNS steering names: the answers and their timing.
    public var steering: [SteeringMeasurement] = []
    /// The resolvers this computer uses (`nameserver` lines of /etc/resolv.conf); nil: unreadable.
    public var resolvers: [String]?
    /// Finished TURN attempts.
    public var turn: [TurnObservation]
    /// TURN attempts that were planned (home, nearest, extra).
    public var turnPlanned: [CheckTurnTarget]
    public var nat: NatSession?
    public var candidates: [CandidateSummary]?
    public var local: CheckLocalFacts?
    /// Steps still running at the budget (cancelled, reported as not measured).
    public var cancelled: [String]
    /// The media stream run after the check (`check --media`); nil when not run.
    public var media: MediaReport?

    public init(startedAt: Date, durationMs: Double = 0, dnsResolved: [String] = [], dnsFailed: [String: String] = [:],
                latency: [String: RegionLatencyObservation] = [:], turn: [TurnObservation] = [],
                turnPlanned: [CheckTurnTarget] = [], nat: NatSession? = nil, candidates: [CandidateSummary]? = nil,
                local: CheckLocalFacts? = nil, cancelled: [String] = []) {
        self.startedAt = startedAt
        self.durationMs = durationMs
        self.dnsResolved = dnsResolved
        self.dnsFailed = dnsFailed
        self.latency = latency
        self.turn = turn
        self.turnPlanned = turnPlanned
        self.nat = nat
        self.candidates = candidates
        self.local = local
        self.cancelled = cancelled
    }
}
