import Foundation

/// Whether Ctrl-C (or SIGTERM) asked `check --every` to stop; shared with the signal handler.
final class CheckStopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    /// Raises the flag; true when it was not raised before.
    func raise() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        defer { raised = true }
        return !raised
    }

    var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }
}
