import ProbeTransport
#if canImport(Glibc)
import Glibc
#endif

/// Turns a server host into the IP literal libnice needs (libnice does no DNS for STUN/TURN).
///
/// IP literals are returned as they are. Names are looked up with ProbeTransport's
/// ``DNSResolver`` (the project's one getaddrinfo wrapper: attempts on helper threads, retried
/// inside the bound); the caller waits at most `timeoutMs` (the plan's `resolveTimeoutMs`).
enum HostResolver {
    enum Failure: Error, Hashable, Sendable {
        case notFound(String)
        case timedOut(Int)
    }

    /// True when `host` is an IPv4 or IPv6 literal.
    static func isIPLiteral(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// The first IPv4 address of `host` (IPv4 first, as libnice agents here bind IPv4 and IPv6 but
    /// most servers are reached over IPv4), else its first IPv6 address.
    static func resolve(_ host: String, timeoutMs: Int) async -> Result<String, Failure> {
        if isIPLiteral(host) { return .success(host) }
        let clock = SystemClock()
        let deadline = clock.now.addingSaturating(Nanoseconds.milliseconds(UInt64(max(0, timeoutMs))))
        do throws(TransportError) {
            let addresses = try await DNSResolver.resolve(host: host, port: 0, deadline: deadline, clock: clock)
            guard let chosen = addresses.first(where: { $0.ip.isIPv4 }) ?? addresses.first else {
                return .failure(.notFound(host))
            }
            return .success(chosen.ip.description)
        } catch {
            // The resolver ends with a `dns` error either way; past the bound it was the bound.
            return .failure(clock.now >= deadline ? .timedOut(timeoutMs) : .notFound(host))
        }
    }
}
