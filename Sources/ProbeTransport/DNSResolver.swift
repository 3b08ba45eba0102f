import Foundation
import StunWire

/// Resolves host names with a time bound, retransmitting inside it. IP literals never touch DNS.
///
/// getaddrinfo cannot be interrupted, so each attempt runs on its own thread; the caller stops
/// waiting at the deadline (threads still running finish in the background, their answers
/// dropped). One getaddrinfo waits the resolver's own timeout (resolv.conf, often 1-5 s) before it
/// asks again, so a single lost datagram could use up a short bound. Instead a fresh attempt
/// starts at each offset of `attemptOffsetsMs` (0, 250, 750 ms: gaps doubling from 250 ms, like
/// STUN's retransmissions) that falls before the deadline, and the first answer wins. A definite
/// "no such host" ends the lookup at once; temporary failures wait for the other attempts.
public enum DNSResolver {
    /// When the attempts start, in ms after the lookup begins (only those before the deadline).
    public static let attemptOffsetsMs: [UInt64] = [0, 250, 750]

    /// One blocking lookup (getaddrinfo by default; tests inject their own).
    public typealias Lookup = @Sendable (_ host: String, _ port: UInt16) -> Result<[TransportAddress], TransportError>

    /// Returns the addresses for `host` (a name, or an IPv4/IPv6 literal without brackets) and
    /// `port`, in the system resolver's preference order. Bounded by `deadline` on `clock`:
    /// throws `dns` (with the reason, or "timed out") when no answer came in time.
    public static func resolve(host: String, port: UInt16, deadline: UInt64,
                               clock: any MonotonicClock = SystemClock(),
                               lookup: Lookup? = nil) async throws(TransportError) -> [TransportAddress] {
        let lookup: Lookup = lookup ?? { PosixSocket.resolve(host: $0, port: $1) }
        if let literal = IPAddress(host) {
            return [TransportAddress(ip: literal, port: port)]
        }
        if host.isEmpty {
            throw TransportError(.dns, "empty host name")
        }
        let startedAt = clock.now
        if startedAt >= deadline {
            throw TransportError(.dns, "no time left to resolve '\(host)' (timed out before starting)")
        }
        let offsets = attemptOffsetsMs.map { startedAt.addingSaturating(Nanoseconds.milliseconds($0)) }.filter { $0 < deadline }
        let state = Locked(AttemptState(remaining: offsets.count))
        let result: Result<[TransportAddress], TransportError> = await withCheckedContinuation { continuation in
            @Sendable func finish(_ value: Result<[TransportAddress], TransportError>) {
                let first = state.withLock { state -> Bool in
                    defer { state.done = true }
                    return !state.done
                }
                if first { continuation.resume(returning: value) }
            }
            let timer = Task {
                try? await clock.sleep(until: deadline)
                if Task.isCancelled { return }
                let waited = Nanoseconds.toMilliseconds(clock.elapsed(since: startedAt))
                let attempts = state.withLock { $0.started }
                finish(.failure(TransportError(.dns, "resolving '\(host)' timed out after \(Int(waited.rounded())) ms (\(attempts) attempts)")))
            }
            let starter = Task {
                for offset in offsets {
                    try? await clock.sleep(until: offset)
                    if Task.isCancelled || state.withLock({ $0.done }) { return }
                    state.withLock { $0.started += 1 }
                    let thread = Thread {
                        let outcome = lookup(host, port)
                        switch outcome {
                        case .success:
                            finish(outcome)
                        case .failure(let error) where error.code == EAI_NONAME:
                            finish(outcome)   // a definite answer: asking again changes nothing
                        case .failure:
                            // Temporary: the last attempt to fail reports it, unless one answers.
                            let last = state.withLock { state -> Bool in
                                state.remaining -= 1
                                return state.remaining == 0
                            }
                            if last { finish(outcome) }
                        }
                        if state.withLock({ $0.done }) { timer.cancel() }
                    }
                    thread.name = "iceprobe-dns"
                    thread.start()
                }
            }
            _ = starter
        }
        return try result.get()
    }

    struct AttemptState: Sendable {
        var remaining: Int
        var started = 0
        var done = false
    }
}
