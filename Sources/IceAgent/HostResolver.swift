import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Turns a server host into the IP literal libnice needs (libnice does no DNS for STUN/TURN).
///
/// IP literals are returned as they are. Names are looked up with `getaddrinfo` on a helper
/// thread; the caller waits at most `timeoutMs` (the plan's `resolveTimeoutMs`). A lookup that
/// outlives the bound is abandoned: its thread finishes on its own and its answer is ignored.
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
        let state = Mutex<ResolveState>(ResolveState())
        return await withCheckedContinuation { (continuation: CheckedContinuation<Result<String, Failure>, Never>) in
            state.withLock { $0.continuation = continuation }
            let finish: @Sendable (Result<String, Failure>) -> Void = { result in
                let (waiting, timer) = state.withLock { value in
                    let current = (value.continuation, value.timer)
                    value.continuation = nil
                    value.timer = nil
                    return current
                }
                timer?.cancel()
                waiting?.resume(returning: result)
            }
            let timer = Task {
                try? await Task.sleep(for: .milliseconds(timeoutMs))
                if !Task.isCancelled { finish(.failure(.timedOut(timeoutMs))) }
            }
            let pending = state.withLock { value -> Bool in
                guard value.continuation != nil else { return false }
                value.timer = timer
                return true
            }
            if !pending { timer.cancel() }
            let lookup = LookupBody(host: host, finish: finish)
            var thread = pthread_t()
            let argument = Unmanaged.passRetained(lookup).toOpaque()
            let created = pthread_create(&thread, nil, { raw in
                guard let raw else { return nil }
                let body = Unmanaged<LookupBody>.fromOpaque(raw).takeRetainedValue()
                body.finish(HostResolver.lookup(body.host))
                return nil
            }, argument)
            if created != 0 {
                Unmanaged<LookupBody>.fromOpaque(argument).release()
                finish(HostResolver.lookup(host))   // no thread: resolve inline
                return
            }
            pthread_detach(thread)
        }
    }

    private static func lookup(_ host: String) -> Result<String, Failure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>? = nil
        guard getaddrinfo(host, nil, &hints, &list) == 0, let list else {
            return .failure(.notFound(host))
        }
        defer { freeaddrinfo(list) }
        var v4: String? = nil
        var v6: String? = nil
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let current = entry {
            if let address = current.pointee.ai_addr {
                var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
                if current.pointee.ai_family == AF_INET, v4 == nil {
                    address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                        var a = sin.pointee.sin_addr
                        if inet_ntop(AF_INET, &a, &buffer, socklen_t(buffer.count)) != nil {
                            v4 = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                        }
                    }
                } else if current.pointee.ai_family == AF_INET6, v6 == nil {
                    address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 in
                        var a = sin6.pointee.sin6_addr
                        if inet_ntop(AF_INET6, &a, &buffer, socklen_t(buffer.count)) != nil {
                            v6 = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                        }
                    }
                }
            }
            entry = current.pointee.ai_next
        }
        if let v4 { return .success(v4) }
        if let v6 { return .success(v6) }
        return .failure(.notFound(host))
    }
}

private struct ResolveState: Sendable {
    var continuation: CheckedContinuation<Result<String, HostResolver.Failure>, Never>?
    var timer: Task<Void, Never>?
}

private final class LookupBody {
    let host: String
    let finish: @Sendable (Result<String, HostResolver.Failure>) -> Void
    init(host: String, finish: @escaping @Sendable (Result<String, HostResolver.Failure>) -> Void) {
        self.host = host
        self.finish = finish
    }
}
