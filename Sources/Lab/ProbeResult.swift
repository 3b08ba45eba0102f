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
    /// Why the probe could not be judged normally (timed out, killed, no JSON, JSON that does not
    /// parse, not run), if so. A probe with a problem fails, whatever its expectations say.
    public var problem: String?
    public var outcomes: [Expectation.Outcome]
    /// Earlier attempts that failed before this one (`retries`), each as a one-line summary.
    public var failedAttempts: [String] = []

    public var passed: Bool { problem == nil && outcomes.allSatisfy(\.passed) }

    /// One line saying why this attempt failed (its first failed expectation, or its problem).
    public var failureSummary: String {
        if let failed = outcomes.first(where: { !$0.passed }) {
            return "\(failed.expectation.summary), got \(failed.actual)"
        }
        return problem ?? "failed"
    }
}
