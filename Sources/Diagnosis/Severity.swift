/// How much a finding matters: `info` changes nothing, `warning` makes the verdict
/// ready-with-warnings, `failure` makes it not-ready.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, failure

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .failure: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
