/// Why an uploaded report was refused, with the reason a user can act on. `reason` is also the
/// label of the `iceprobe_reports_rejected_total` metric.
public struct IntakeRejection: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, CaseIterable {
        case unauthorized
        case tooLarge = "too-large"
        case badJSON = "bad-json"
        case unsupportedSchema = "unsupported-schema-version"
        case invalidReport = "invalid-report"
        case slowRequest = "slow-request"
    }

    public var reason: Reason
    /// What was wrong and where (for example `invalid report field regions[0].id: missing`).
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(reason.rawValue): \(message)" }
}
