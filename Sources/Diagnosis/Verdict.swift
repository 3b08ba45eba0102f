/// A readiness verdict, overall or for one check.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    case ready
    case readyWithWarnings = "ready-with-warnings"
    case notReady = "not-ready"

    /// The verdict a set of findings gives: any failure -> not-ready, else any warning ->
    /// ready-with-warnings, else ready.
    public init(severities: [Severity]) {
        switch severities.max() {
        case .failure?: self = .notReady
        case .warning?: self = .readyWithWarnings
        case .info?, nil: self = .ready
        }
    }
}
