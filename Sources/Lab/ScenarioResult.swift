/// The outcome of one scenario run.
public struct ScenarioResult: Sendable {
    public var scenario: Scenario
    public var prefix: String?
    /// Set when the lab could not be built (then no probe ran).
    public var buildError: String?
    public var probes: [ProbeResult]
    public var buildMs: Double
    public var totalMs: Double
    /// Problems met while tearing down (should be empty).
    public var teardownProblems: [String]

    public init(scenario: Scenario, prefix: String? = nil, buildError: String? = nil, probes: [ProbeResult] = [],
                buildMs: Double = 0, totalMs: Double = 0, teardownProblems: [String] = []) {
        self.scenario = scenario
        self.prefix = prefix
        self.buildError = buildError
        self.probes = probes
        self.buildMs = buildMs
        self.totalMs = totalMs
        self.teardownProblems = teardownProblems
    }

    public var passed: Bool {
        buildError == nil && teardownProblems.isEmpty && probes.allSatisfy(\.passed)
    }
}
