import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The NFQUEUE impairment daemon (`iceprobe lab impair`): holds each packet of one queue until its
/// release time, then accepts it; drops what the schedule drops. Runs until killed (SIGTERM);
/// the kernel then drops what was still held, and `--queue-bypass` lets later packets through.
public enum ImpairmentDaemon {
    /// Binds `queue`, creates `readyFile` once bound, and loops forever (returns only on error).
    public static func run(queue: UInt16, schedule initial: ImpairmentSchedule, readyFile: String?) throws(LabError) {
        var schedule = initial
        var generator = SystemRandomNumberGenerator()
        var held: [(releaseMs: Double, id: UInt32)] = []   // sorted by release time
        var arrivals: [UInt32] = []
        let nfq = try NetfilterQueue(number: queue) { id in arrivals.append(id) }
        if let readyFile {
            guard FileManager.default.createFile(atPath: readyFile, contents: Data("\(getpid())\n".utf8)) else {
                throw LabError(.io, "cannot create \(readyFile)")
            }
        }
        // Real-time priority keeps wake-up latency (added to every packet's delay) small on a busy
        // machine; the loop always blocks in poll, so it cannot starve others. Best effort.
        var priority = sched_param()
        priority.sched_priority = 10
        _ = sched_setscheduler(0, SCHED_FIFO, &priority)
        var pollFD = pollfd(fd: nfq.fileDescriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let now = monotonicMs()
            var released = 0
            while released < held.count, held[released].releaseMs <= now {
                nfq.verdict(held[released].id, .accept)
                released += 1
            }
            if released > 0 { held.removeFirst(released) }
            // Sleep until the next release: whole milliseconds in poll (rounded down, so never
            // late), the sub-millisecond rest in usleep, so there is no rounding bias.
            var waitMs = 1000.0
            if let next = held.first { waitMs = max(0, min(1000, next.releaseMs - now)) }
            pollFD.revents = 0
            let ready: Int32
            if waitMs >= 1 || held.isEmpty {
                ready = poll(&pollFD, 1, Int32(waitMs.rounded(.down)))
            } else {
                if waitMs > 0 { usleep(UInt32(waitMs * 1000)) }
                ready = poll(&pollFD, 1, 0)
            }
            if ready < 0, errno != EINTR {
                throw LabError(.daemonFailed, "poll failed (errno \(errno))")
            }
            if ready > 0 {
                nfq.readPending()
                let arrivedAt = monotonicMs()
                for id in arrivals {
                    guard let release = schedule.admit(nowMs: arrivedAt, random: &generator) else {
                        nfq.verdict(id, .drop)
                        continue
                    }
                    if release <= arrivedAt, held.isEmpty {
                        nfq.verdict(id, .accept)
                        continue
                    }
                    // Insert keeping order (stable for equal times: FIFO).
                    var index = held.count
                    while index > 0, held[index - 1].releaseMs > release { index -= 1 }
                    held.insert((release, id), at: index)
                }
                arrivals.removeAll(keepingCapacity: true)
            }
        }
    }

    static func monotonicMs() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1_000_000
    }
}
