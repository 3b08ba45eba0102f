/// What kind of change `check --baseline` found. Stable names (JSON, JUnit test case names):
/// never rename a raw value.
public enum BaselineChangeKind: String, Sendable, Codable, CaseIterable {
    /// A failure finding appeared (regression) or went away (improvement).
    case failureFinding = "failure-finding"
    /// The overall verdict got worse or better.
    case verdict
    /// A region's median RTT moved past the thresholds.
    case rtt
    /// A region's loss moved past the threshold.
    case loss
    /// A region stopped (or started) answering.
    case reachability
    /// The NAT type changed (any change is a regression: peers and relays were planned for the old one).
    case natType = "nat-type"
    /// A TURN transport stopped (or started) working.
    case turnTransport = "turn-transport"
}
