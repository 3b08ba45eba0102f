/// Everything one `iceprobe nat` invocation measured: the servers, each classification run (fresh
/// sockets each), and the opt-in lifetime search. No verdicts.
public struct NatSession: Sendable, Codable {
    public var servers: [NatServerResult]
    public var runs: [NatRun]
    public var lifetime: NatLifetimeResult?
    public var durationMs: Double

    public init(servers: [NatServerResult], runs: [NatRun] = [], lifetime: NatLifetimeResult? = nil, durationMs: Double = 0) {
        self.servers = servers
        self.runs = runs
        self.lifetime = lifetime
        self.durationMs = durationMs
    }
}
