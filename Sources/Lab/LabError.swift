/// Why a lab could not be built, run or removed. `kind` is a stable name users can search for.
public struct LabError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case notRoot = "lab-needs-root"
        case missingTool = "lab-missing-tool"
        case commandFailed = "lab-command-failed"
        case commandTimeout = "lab-command-timeout"
        case ruleLoadFailed = "lab-rule-load-failed"
        case daemonFailed = "lab-daemon-failed"
        case stateInvalid = "lab-state-invalid"
        case notFound = "lab-not-found"
        case io = "lab-io"
        case interrupted = "lab-interrupted"
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
