import Diagnosis

/// One complete NAT classification run (fresh sockets): the observations for the classifier
/// plus everything a reader needs to trust them. Never a verdict.
public struct NatRun: Sendable, Codable {
    public var observations: NatObservations
    public var tests: [NatTestDetail]
    public var servers: [NatServerResult]
    /// Round-trip time to the first server (Karn; else time to the first answer, an upper bound).
    public var rttMs: Double?
    public var durationMs: Double
    /// Packets that arrived but were not the answer to any test (wrong source, garbage, ...).
    public var strays: Int
    /// Stray counts by reason (`wrong-source`, `not-stun`, ...).
    public var strayReasons: [String: Int]
    /// Problems that limited the run, in plain words (never secrets).
    public var problems: [String]

    public init(observations: NatObservations = NatObservations(), tests: [NatTestDetail] = [],
                servers: [NatServerResult] = [], rttMs: Double? = nil, durationMs: Double = 0, strays: Int = 0,
                strayReasons: [String: Int] = [:], problems: [String] = []) {
        self.observations = observations
        self.tests = tests
        self.servers = servers
        self.rttMs = rttMs
        self.durationMs = durationMs
        self.strays = strays
        self.strayReasons = strayReasons
        self.problems = problems
    }
}
