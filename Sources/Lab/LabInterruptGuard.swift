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

    /// Held while the lab creates something outside a namespace (a namespace, a daemon) and
    /// records it; the signal handler takes it before tearing down and never gives it back, so
    /// nothing can be created between the teardown and the exit.
    static let creationLock = NSLock()

    /// Held by every teardown; the signal handler takes it and never gives it back, so the main
    /// thread cannot tear down (or finish and exit) at the same time as the handler.
    static let teardownLock = NSLock()

    /// `LabTeardown.tearDown`, serialized with the signal handler's teardown.
    public static func tearDown(_ state: LabState) -> [String] {
        teardownLock.lock()
        defer { teardownLock.unlock() }
        return LabTeardown.tearDown(state)
    }

    /// PIDs of this process's direct children (from /proc).
    static func ownChildren() -> [Int32] {
        let me = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = text.lastIndex(of: ")") else { return false }
            let fields = text[text.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == me
        }
    }

    /// Runs `body` (create one thing and record it) so a signal cannot split the two.
    static func creating<T>(_ body: () throws(LabError) -> T) throws(LabError) -> T {
        creationLock.lock()
        defer { creationLock.unlock() }
        return try body()
    }

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
        LabInterruptGuard.creationLock.lock()   // neither is released: the process exits below
        LabInterruptGuard.teardownLock.lock()
        lock.lock()
        let state = current
        lock.unlock()
        FileHandle.standardError.write(Data("iceprobe: interrupted, removing the lab\n".utf8))
        // No child can be started any more (creationLock): end the ones running (a probe, an
        // `ip` command) by PID, so none outlives the namespaces.
        LabTeardown.terminate(LabInterruptGuard.ownChildren())
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
