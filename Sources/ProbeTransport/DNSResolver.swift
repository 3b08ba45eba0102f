import Foundation
import StunWire

/// Resolves host names with a time bound. IP literals never touch DNS.
///
/// getaddrinfo cannot be interrupted, so it runs on its own thread; the caller stops waiting at
/// the deadline (the thread finishes in the background and its answer is dropped).
public enum DNSResolver {
    /// Returns the addresses for `host` (a name, or an IPv4/IPv6 literal without brackets) and
    /// `port`, in the system resolver's preference order. Bounded by `deadline` on `clock`:
    /// throws `dns` (with the reason, or "timed out") when no answer came in time.
    public static func resolve(host: String, port: UInt16, deadline: UInt64,
                               clock: any MonotonicClock = SystemClock()) async throws(TransportError) -> [TransportAddress] {
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
        let finished = Locked(false)
        let result: Result<[TransportAddress], TransportError> = await withCheckedContinuation { continuation in
            @Sendable func finish(_ value: Result<[TransportAddress], TransportError>) {
                let first = finished.withLock { done -> Bool in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: value) }
            }
            let timer = Task {
                try? await clock.sleep(until: deadline)
                if Task.isCancelled { return }
                let waited = Nanoseconds.toMilliseconds(clock.elapsed(since: startedAt))
                finish(.failure(TransportError(.dns, "resolving '\(host)' timed out after \(Int(waited.rounded())) ms")))
            }
            let thread = Thread {
                finish(PosixSocket.resolve(host: host, port: port))
                timer.cancel()
            }
            thread.name = "iceprobe-dns"
            thread.start()
        }
        return try result.get()
    }
}
