/// How a two-agent connectivity check ended.
public enum ConnectivityState: String, Hashable, Sendable, Codable, CaseIterable {
    /// Both agents reached libnice's READY state with a nominated pair.
    case connected
    /// libnice declared the checks failed (every pair failed).
    case failed
    /// Neither connected nor failed before the deadline.
    case timedOut = "timed-out"
    /// An agent could not be set up or gather (no candidates to check).
    case setupFailed = "setup-failed"
}
