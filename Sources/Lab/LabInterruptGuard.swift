import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tears the current lab down when SIGINT or SIGTERM arrives, then exits (130 / 143).
///
/// The runner reports the lab it is building through `track`; the handler reads the state from
/// the run directory (which is written before each thing is created) and removes all of it.
public final class LabInterruptGuard: @unchecked Sendable {
    private let lock = NSLock()
    private var current: LabState?
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "iceprobe.lab.signals")

    public init() {}

    /// Starts handling SIGINT and SIGTERM.
    public func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [weak self] in
                self?.handle(signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    public func track(_ state: LabState?) {
        lock.lock()
        current = state
        lock.unlock()
    }

    private func handle(_ signalNumber: Int32) {
        lock.lock()
        let state = current
        lock.unlock()
        FileHandle.standardError.write(Data("iceprobe: interrupted, removing the lab\n".utf8))
        if let state {
            // Re-read: the file holds everything recorded so far, including what the main thread added.
            let latest = (try? LabState.load(runDirectory: state.runDirectory)) ?? state
            let problems = LabTeardown.tearDown(latest)
            for problem in problems {
                FileHandle.standardError.write(Data("iceprobe: teardown: \(problem)\n".utf8))
            }
        }
        exit(128 + signalNumber)
    }
}
