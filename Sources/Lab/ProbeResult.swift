/// What one probe did and how its expectations came out.
public struct ProbeResult: Sendable {
    public var probe: ProbeSpec
    /// The command line (inside the client namespace), for logs and JUnit.
    public var command: String
    public var exitCode: Int32?
    public var durationMs: Double
    /// The parsed JSON output, nil when the probe printed none or invalid JSON.
    public var output: JSONValue?
    public var rawOutput: String
    public var stderr: String
    /// Why the probe could not be judged normally (timeout, not JSON, not run), if so.
    public var problem: String?
    public var outcomes: [Expectation.Outcome]
    /// Earlier attempts that failed before this one (`retries`), each as a one-line summary.
    public var failedAttempts: [String] = []

    public var passed: Bool { outcomes.allSatisfy(\.passed) && (problem == nil || !outcomes.isEmpty) }

    /// One line saying why this attempt failed (its first failed expectation, or its problem).
    public var failureSummary: String {
        if let failed = outcomes.first(where: { !$0.passed }) {
            return "\(failed.expectation.summary), got \(failed.actual)"
        }
        return problem ?? "failed"
    }
}
