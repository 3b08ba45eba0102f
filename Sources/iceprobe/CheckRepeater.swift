import ArgumentParser
import Diagnosis
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `check --every DURATION --count N`: runs the check N times, waiting DURATION plus a random
/// 0-10 % between the start of one run and the next (agents started together drift apart).
/// The first Ctrl-C (or SIGTERM) stops the waiting at once and lets a running check and its
/// upload finish (both bounded: the check by --budget, each upload by 15 s; unsent reports stay
/// in the spool); a second Ctrl-C ends the process at once (the spool still holds every report
/// that was not answered). Returns the last check's outcome, nil when no check completed.
enum CheckRepeater {
    static func run<Outcome>(interval: Double, count: Int,
                             check: (_ shouldStop: @escaping @Sendable () -> Bool) async throws -> Outcome) async throws -> Outcome? {
        let stop = CheckStopFlag()
        let sources = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if stop.raise() {
                    FileHandleOutput.standardError("iceprobe check: stopping after the current step (Ctrl-C again to quit now)")
                } else {
                    Glibc.exit(130)
                }
            }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        var last: Outcome?
        let clock = ContinuousClock()
        for index in 0..<count {
            if stop.isRaised { break }
            let started = clock.now
            last = try await check { stop.isRaised }
            guard index + 1 < count, !stop.isRaised else { break }
            let wait = Duration.milliseconds(Int64(interval * (1 + Double.random(in: 0..<0.1)) * 1000))
            let until = started + wait
            // Sleep in short steps so a Ctrl-C ends the wait within 200 ms.
            while clock.now < until, !stop.isRaised {
                try? await Task.sleep(for: min(.milliseconds(200), until - clock.now))
            }
        }
        if stop.isRaised { throw ExitCode(130) }
        return last
    }
}
