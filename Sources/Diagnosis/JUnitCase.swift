/// One test case of a JUnit XML file: passed, failed or skipped, with optional output that CI
/// systems show beside it (`system-out`).
public struct JUnitCase: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case passed
        /// `message` is the one-line summary CI lists; `type` a stable name; `details` the body.
        case failure(message: String, type: String?, details: String)
        case skipped(message: String)
    }

    public var classname: String
    public var name: String
    /// Seconds; `nil` writes no `time` attribute.
    public var seconds: Double?
    public var outcome: Outcome
    public var systemOut: String

    public init(classname: String, name: String, seconds: Double? = nil, outcome: Outcome = .passed, systemOut: String = "") {
        self.classname = classname
        self.name = name
        self.seconds = seconds
        self.outcome = outcome
        self.systemOut = systemOut
    }

    public var failed: Bool {
        if case .failure = outcome { return true }
        return false
    }

    public var skipped: Bool {
        if case .skipped = outcome { return true }
        return false
    }
}
