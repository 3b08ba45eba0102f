import Foundation
import Probes
#if canImport(Glibc)
import Glibc
#endif

/// Progress of `iceprobe check` on standard error: what started and what finished, with the time
/// since the start. Shown only when standard error is a terminal (isatty), never when piped.
final class CheckProgressDisplay: Sendable {
    let enabled: Bool
    private let start = Date()

    init(enabled: Bool = isatty(2) == 1) {
        self.enabled = enabled
    }

    /// The runner's progress callback (a no-op when disabled).
    var callback: CheckRunner.Progress? {
        guard enabled else { return nil }
        return { [self] event in self.show(event) }
    }

    func show(_ event: CheckProgressEvent) {
        let seconds = String(format: "%5.2f s", Date().timeIntervalSince(start))
        switch event {
        case .started(let step): FileHandleOutput.standardError("[\(seconds)] \(step): running")
        case .finished(let step, let summary): FileHandleOutput.standardError("[\(seconds)] \(step): done, \(summary)")
        }
    }

    func note(_ text: String) {
        guard enabled else { return }
        FileHandleOutput.standardError(text)
    }
}
