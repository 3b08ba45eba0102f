#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StunWire

/// The one place that calls the C socket API (socket, bind, connect, poll, send, recv,
/// getsockname, getaddrinfo). Everything above it sees Swift values and ``TransportError``.
///
/// Sockets are non-blocking; every wait is a `poll` bounded by a deadline on ``SystemClock``,
/// done in slices of at most 100 ms so that closing the socket or cancelling the caller is noticed.
final class PosixSocket: @unchecked Sendable {
    enum Kind { case datagram, stream }

    private struct State {
        /// Closed locally: new operations fail with `closed`.
        var closed = false
        /// Operations currently using the descriptor.
        var inFlight = 0
        /// The descriptor has been given back to the kernel.
        var released = false
    }

    private let descriptor: Int32
    private let state = Locked(State())
    let clock = SystemClock()

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        if !state.current.released { _ = Glibc.close(descriptor) }
    }

    /// Marks the descriptor in use; it stays open until the matching ``release()`` even when
    /// ``close()`` is called meanwhile, so a number reused by the kernel is never touched.
    private func acquire() throws(TransportError) -> Int32 {
        let usable = state.withLock { state -> Bool in
            if state.closed { return false }
            state.inFlight += 1
            return true
        }
        guard usable else { throw TransportError(.closed, "the socket was closed locally") }
        return descriptor
    }

    private func release() {
        let shouldClose = state.withLock { state -> Bool in
            state.inFlight -= 1
            if state.closed && state.inFlight == 0 && !state.released {
                state.released = true
                return true
            }
            return false
        }
        if shouldClose { _ = Glibc.close(descriptor) }
    }

    /// Runs `body` with the descriptor held open (for OpenSSL, which does its own reads/writes).
    func withDescriptor<R>(_ body: (Int32) throws(TransportError) -> R) throws(TransportError) -> R {
        let fd = try acquire()
        defer { release() }
        return try body(fd)
    }

    /// Opens a non-blocking, close-on-exec socket for the family of `family`.
    static func open(_ kind: Kind, ipv4: Bool) throws(TransportError) -> PosixSocket {
        let type = kind == .datagram ? Int32(SOCK_DGRAM.rawValue) : Int32(SOCK_STREAM.rawValue)
        let flags = Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = socket(ipv4 ? AF_INET : AF_INET6, type | flags, 0)
        guard fd >= 0 else { throw errorFromErrno(errno, doing: "creating a socket") }
        let socket = PosixSocket(descriptor: fd)
        if !ipv4 {
            // Keep IPv6 sockets IPv6-only so source addresses are never IPv4-mapped.
            var on: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &on, socklen_t(MemoryLayout<Int32>.size))
        }
        if kind == .stream {
            var on: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        }
        enableReceiveTimestamps(fd)
        return socket
    }

    var isClosed: Bool { state.current.closed }

    /// Closes the socket: shuts it down (waking pollers) and gives the descriptor back to the
    /// kernel as soon as no operation uses it (a poll slice ends within 100 ms).
    func close() {
        let (shut, release) = state.withLock { state -> (Bool, Bool) in
            if state.closed { return (false, false) }
            state.closed = true
            if state.inFlight == 0 && !state.released {
                state.released = true
                return (true, true)
            }
            return (true, false)
        }
        if shut { _ = shutdown(descriptor, Int32(SHUT_RDWR)) }
        if release { _ = Glibc.close(descriptor) }
    }

    func bind(_ address: TransportAddress) throws(TransportError) {
        let descriptor = try acquire()
        defer { release() }
        var on: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        let result = PosixSocket.withSockaddr(address) { pointer, length in Glibc.bind(descriptor, pointer, length) }
        guard result == 0 else { throw PosixSocket.errorFromErrno(errno, doing: "binding to \(address)") }
    }

    /// Starts a connect. For UDP it completes at once; for TCP it returns false while in progress
    /// (then wait for writability and call ``pendingError()``).
    func connect(_ address: TransportAddress) throws(TransportError) -> Bool {
        let descriptor = try acquire()
        defer { release() }
        let result = PosixSocket.withSockaddr(address) { pointer, length in Glibc.connect(descriptor, pointer, length) }
        if result == 0 { return true }
        let code = errno
        if code == EINPROGRESS || code == EINTR { return false }
        throw PosixSocket.errorFromErrno(code, doing: "connecting to \(address)")
    }

    /// The error a non-blocking connect ended with (SO_ERROR), nil when it succeeded.
    func pendingError(doing action: String) -> TransportError? {
        let descriptor: Int32
        do { descriptor = try acquire() } catch { return error }
        defer { release() }
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length) == 0 else {
            return PosixSocket.errorFromErrno(errno, doing: action)
        }
        return code == 0 ? nil : PosixSocket.errorFromErrno(code, doing: action)
    }

    /// listen(2) with the given backlog.
    func listen(backlog: Int32) throws(TransportError) {
        let descriptor = try acquire()
        defer { release() }
        guard Glibc.listen(descriptor, backlog) == 0 else {
            throw PosixSocket.errorFromErrno(errno, doing: "listening")
        }
    }

    /// One non-blocking accept; nil on EAGAIN. The new socket is made non-blocking and
    /// close-on-exec (accept4 is not visible to Swift without _GNU_SOURCE).
    func accept() throws(TransportError) -> PosixSocket? {
        let descriptor = try acquire()
        defer { release() }
        let fd = Glibc.accept(descriptor, nil, nil)
        if fd >= 0 {
            let flags = fcntl(fd, F_GETFL, 0)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            PosixSocket.enableReceiveTimestamps(fd)
            var on: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            return PosixSocket(descriptor: fd)
        }
        let code = errno
        if code == EAGAIN || code == EWOULDBLOCK || code == EINTR || code == ECONNABORTED { return nil }
        throw PosixSocket.errorFromErrno(code, doing: "accepting a connection")
    }

    /// getsockname: the local address and port the kernel chose.
    func localAddress() throws(TransportError) -> TransportAddress {
        let descriptor = try acquire()
        defer { release() }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0 else { throw PosixSocket.errorFromErrno(errno, doing: "reading the local address") }
        guard let address = PosixSocket.transportAddress(storage) else {
            throw TransportError(.configuration, "the local address has an unsupported family")
        }
        return address
    }

    /// getpeername: the connected peer.
    func peerAddress() throws(TransportError) -> TransportAddress {
        let descriptor = try acquire()
        defer { release() }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(descriptor, $0, &length) }
        }
        guard result == 0 else { throw PosixSocket.errorFromErrno(errno, doing: "reading the peer address") }
        guard let address = PosixSocket.transportAddress(storage) else {
            throw TransportError(.configuration, "the peer address has an unsupported family")
        }
        return address
    }

    // MARK: Waiting

    /// Waits until the socket is readable (`forWriting` false) or writable. Returns false when the
    /// deadline (SystemClock nanoseconds) passes first. POLLERR/POLLHUP count as ready so the next
    /// call surfaces the error.
    func wait(forWriting: Bool, deadline: UInt64, cancelled: BlockingIO.CancellationFlag?) throws(TransportError) -> Bool {
        let events = Int16(forWriting ? POLLOUT : POLLIN)
        while true {
            if isClosed { throw TransportError(.closed, "the socket was closed locally") }
            if let cancelled, cancelled.current { throw TransportError(.cancelled, "the operation was cancelled") }
            let current = clock.now
            if current >= deadline { return false }
            let remaining = deadline - current
            let milliseconds = Int32(min(100, (remaining + 999_999) / 1_000_000))
            let descriptor = try acquire()
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let result = poll(&entry, 1, milliseconds)
            let code = errno
            release()
            if result > 0 { return true }
            if result < 0 {
                if code == EINTR { continue }
                throw PosixSocket.errorFromErrno(code, doing: "waiting on the socket")
            }
        }
    }

    // MARK: Datagrams

    /// One non-blocking sendto; returns false on EAGAIN (wait for writability and retry).
    func sendTo(_ bytes: [UInt8], _ address: TransportAddress) throws(TransportError) -> Bool {
        let descriptor = try acquire()
        defer { release() }
        let result = PosixSocket.withSockaddr(address) { pointer, length in
            bytes.withUnsafeBytes { buffer in
                Glibc.sendto(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), pointer, length)
            }
        }
        if result >= 0 { return true }
        let code = errno
        if code == EAGAIN || code == EWOULDBLOCK || code == EINTR { return false }
        throw PosixSocket.errorFromErrno(code, doing: "sending to \(address)")
    }

    /// One non-blocking recvmsg; nil on EAGAIN. Datagrams longer than `maximumLength` are cut.
    /// `receivedAt` is the kernel's arrival time on ``SystemClock`` (see ``receiveMessage``).
    func receiveFrom(maximumLength: Int) throws(TransportError) -> (bytes: [UInt8], source: TransportAddress?, receivedAt: UInt64)? {
        guard let (bytes, storage, receivedAt) = try receiveMessage(maximumLength: maximumLength, wantSource: true) else { return nil }
        return (bytes, storage.flatMap(PosixSocket.transportAddress), receivedAt)
    }

    /// recvmsg with the SO_TIMESTAMPNS control message. The kernel stamps each packet with
    /// CLOCK_REALTIME when it arrives; that is mapped onto CLOCK_MONOTONIC by the current offset
    /// between the two clocks, so the time a reader thread took to wake up is not counted in RTTs.
    /// Falls back to "now" when no timestamp came.
    private func receiveMessage(maximumLength: Int, wantSource: Bool, peek: Bool = false) throws(TransportError)
        -> (bytes: [UInt8], source: sockaddr_storage?, receivedAt: UInt64)? {
        let descriptor = try acquire()
        defer { release() }
        var storage = sockaddr_storage()
        var buffer = [UInt8](repeating: 0, count: max(1, maximumLength))
        // Room for one cmsghdr (16 bytes) plus a timespec (16 bytes), with slack for alignment.
        var control = [UInt8](repeating: 0, count: 64)
        let result: (count: Int, controlLength: Int) = buffer.withUnsafeMutableBytes { raw in
            control.withUnsafeMutableBytes { controlRaw in
                withUnsafeMutablePointer(to: &storage) { storagePointer in
                    var vector = iovec(iov_base: raw.baseAddress, iov_len: raw.count)
                    return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                        var header = msghdr()
                        header.msg_name = wantSource ? UnsafeMutableRawPointer(storagePointer) : nil
                        header.msg_namelen = wantSource ? socklen_t(MemoryLayout<sockaddr_storage>.size) : 0
                        header.msg_iov = vectorPointer
                        header.msg_iovlen = 1
                        header.msg_control = controlRaw.baseAddress
                        header.msg_controllen = controlRaw.count
                        let count = recvmsg(descriptor, &header, peek ? Int32(MSG_PEEK) : 0)
                        return (count, Int(header.msg_controllen))
                    }
                }
            }
        }
        if result.count < 0 {
            let code = errno
            if code == EAGAIN || code == EWOULDBLOCK || code == EINTR { return nil }
            throw PosixSocket.errorFromErrno(code, doing: "receiving")
        }
        let monotonicNow = clock.now
        let receivedAt = PosixSocket.kernelTimestamp(control: control.prefix(max(0, min(result.controlLength, control.count))),
                                                     monotonicNow: monotonicNow) ?? monotonicNow
        return (Array(buffer.prefix(result.count)), wantSource ? storage : nil, receivedAt)
    }

    /// Finds SCM_TIMESTAMPNS in a control buffer and maps it to CLOCK_MONOTONIC nanoseconds.
    private static func kernelTimestamp(control: ArraySlice<UInt8>, monotonicNow: UInt64) -> UInt64? {
        let bytes = Array(control)
        let headerSize = MemoryLayout<cmsghdr>.size
        let alignment = MemoryLayout<Int>.size
        var offset = 0
        while offset + headerSize <= bytes.count {
            let header = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: cmsghdr.self) }
            let length = Int(header.cmsg_len)
            guard length >= headerSize, offset + length <= bytes.count else { return nil }
            let dataOffset = offset + ((headerSize + alignment - 1) / alignment) * alignment
            if header.cmsg_level == SOL_SOCKET, header.cmsg_type == SO_TIMESTAMPNS,
               dataOffset + MemoryLayout<timespec>.size <= offset + length {
                let stamp = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: dataOffset, as: timespec.self) }
                let arrived = nanoseconds(stamp)
                let (realNow, monotonic) = clockPair()
                // How long ago the packet arrived; implausible values (clock stepped) are ignored.
                guard arrived <= realNow, realNow - arrived < Nanoseconds.seconds(60) else { return nil }
                return min(monotonic.subtractingSaturating(realNow - arrived), monotonicNow)
            }
            offset += ((length + alignment - 1) / alignment) * alignment
        }
        return nil
    }

    private static func nanoseconds(_ value: timespec) -> UInt64 {
        UInt64(max(0, value.tv_sec)).multipliedSaturating(by: Nanoseconds.perSecond)
            .addingSaturating(UInt64(max(0, value.tv_nsec)))
    }

    /// CLOCK_REALTIME and CLOCK_MONOTONIC read as close together as possible: the monotonic read is
    /// bracketed by two realtime reads and the tightest of three tries wins, so a preemption
    /// between the reads (likely on a loaded machine) does not skew the mapping.
    private static func clockPair() -> (real: UInt64, monotonic: UInt64) {
        var best: (gap: UInt64, real: UInt64, monotonic: UInt64)? = nil
        for _ in 0..<3 {
            var before = timespec(), middle = timespec(), after = timespec()
            _ = clock_gettime(CLOCK_REALTIME, &before)
            _ = clock_gettime(CLOCK_MONOTONIC, &middle)
            _ = clock_gettime(CLOCK_REALTIME, &after)
            let first = nanoseconds(before), last = nanoseconds(after)
            guard last >= first else { continue }
            let gap = last - first
            if gap < (best?.gap ?? .max) {
                best = (gap, first + gap / 2, nanoseconds(middle))
            }
            if gap < 2_000 { break }
        }
        guard let best else {
            var real = timespec(), monotonic = timespec()
            _ = clock_gettime(CLOCK_REALTIME, &real)
            _ = clock_gettime(CLOCK_MONOTONIC, &monotonic)
            return (nanoseconds(real), nanoseconds(monotonic))
        }
        return (best.real, best.monotonic)
    }

    private static func enableReceiveTimestamps(_ fd: Int32) {
        var on: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    // MARK: Streams

    /// One non-blocking send; returns the number of bytes taken (0 on EAGAIN).
    func send(_ bytes: ArraySlice<UInt8>) throws(TransportError) -> Int {
        let descriptor = try acquire()
        defer { release() }
        let result = bytes.withUnsafeBytes { buffer in
            Glibc.send(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
        }
        if result >= 0 { return result }
        let code = errno
        if code == EAGAIN || code == EWOULDBLOCK || code == EINTR { return 0 }
        throw PosixSocket.errorFromErrno(code, doing: "sending")
    }

    /// The kernel arrival time of the next unread byte, without consuming it (MSG_PEEK); nil when
    /// nothing is waiting. Used by TLS, where OpenSSL does the reading.
    func peekArrivalTime() -> UInt64? {
        guard let peeked = try? receiveMessage(maximumLength: 1, wantSource: false, peek: true),
              !peeked.bytes.isEmpty else { return nil }
        return peeked.receivedAt
    }

    /// One non-blocking recv; nil on EAGAIN, empty bytes at end of stream. `receivedAt` is the
    /// kernel's arrival time of the data (mapped to ``SystemClock``), or now when unavailable.
    func receive(maximumLength: Int) throws(TransportError) -> (bytes: [UInt8], receivedAt: UInt64)? {
        guard let (bytes, _, receivedAt) = try receiveMessage(maximumLength: maximumLength, wantSource: false) else { return nil }
        return (bytes, receivedAt)
    }

    // MARK: Name resolution

    /// Blocking getaddrinfo (callers run it on a thread and stop waiting at their deadline).
    /// Returns addresses in the resolver's preference order, without duplicates.
    static func resolve(host: String, port: UInt16) -> Result<[TransportAddress], TransportError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>? = nil
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else {
            let reason = String(cString: gai_strerror(status))
            let detail: String
            switch status {
            case EAI_NONAME: detail = "no such host '\(host)' (\(reason))"
            case EAI_AGAIN: detail = "temporary resolver failure for '\(host)' (\(reason))"
            case EAI_FAIL: detail = "the resolver failed for '\(host)' (\(reason))"
            default: detail = "cannot resolve '\(host)': \(reason)"
            }
            return .failure(TransportError(.dns, detail, code: status))
        }
        defer { freeaddrinfo(list) }
        var addresses: [TransportAddress] = []
        var cursor = list
        while let entry = cursor {
            if let sockaddrPointer = entry.pointee.ai_addr {
                var storage = sockaddr_storage()
                let length = min(Int(entry.pointee.ai_addrlen), MemoryLayout<sockaddr_storage>.size)
                withUnsafeMutableBytes(of: &storage) { target in
                    target.copyMemory(from: UnsafeRawBufferPointer(start: UnsafeRawPointer(sockaddrPointer), count: length))
                }
                if let address = transportAddress(storage), !addresses.contains(address) {
                    addresses.append(address)
                }
            }
            cursor = entry.pointee.ai_next
        }
        if addresses.isEmpty {
            return .failure(TransportError(.dns, "'\(host)' resolved to no IPv4 or IPv6 address"))
        }
        return .success(addresses)
    }

    // MARK: Conversions

    private static func withSockaddr<R>(_ address: TransportAddress,
                                        _ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        if address.ip.isIPv4 {
            var raw = sockaddr_in()
            raw.sin_family = sa_family_t(AF_INET)
            raw.sin_port = address.port.bigEndian
            withUnsafeMutableBytes(of: &raw.sin_addr) { target in
                for (index, byte) in address.ip.bytes.prefix(4).enumerated() { target[index] = byte }
            }
            return withUnsafePointer(to: &raw) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        var raw = sockaddr_in6()
        raw.sin6_family = sa_family_t(AF_INET6)
        raw.sin6_port = address.port.bigEndian
        withUnsafeMutableBytes(of: &raw.sin6_addr) { target in
            for (index, byte) in address.ip.bytes.prefix(16).enumerated() { target[index] = byte }
        }
        return withUnsafePointer(to: &raw) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
        }
    }

    private static func transportAddress(_ storage: sockaddr_storage) -> TransportAddress? {
        var storage = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafeBytes(of: &storage) { raw -> TransportAddress? in
                let value = raw.loadUnaligned(as: sockaddr_in.self)
                let ipBytes = withUnsafeBytes(of: value.sin_addr) { Array($0) }
                guard let ip = IPAddress(bytes: ipBytes) else { return nil }
                return TransportAddress(ip: ip, port: UInt16(bigEndian: value.sin_port))
            }
        case AF_INET6:
            return withUnsafeBytes(of: &storage) { raw -> TransportAddress? in
                let value = raw.loadUnaligned(as: sockaddr_in6.self)
                var ipBytes = withUnsafeBytes(of: value.sin6_addr) { Array($0) }
                // Report IPv4-mapped addresses as plain IPv4.
                if ipBytes.count == 16, ipBytes.prefix(10).allSatisfy({ $0 == 0 }),
                   ipBytes[10] == 0xFF, ipBytes[11] == 0xFF {
                    ipBytes = Array(ipBytes[12...])
                }
                guard let ip = IPAddress(bytes: ipBytes) else { return nil }
                return TransportAddress(ip: ip, port: UInt16(bigEndian: value.sin6_port))
            }
        default:
            return nil
        }
    }

    /// Maps an errno to a named ``TransportError``.
    static func errorFromErrno(_ code: Int32, doing action: String) -> TransportError {
        let text = String(cString: strerror(code))
        let message = "\(action): \(text)"
        switch code {
        case ECONNREFUSED:
            return TransportError(.refused, message, code: code)
        case ENETUNREACH, EHOSTUNREACH, EHOSTDOWN, ENETDOWN:
            return TransportError(.unreachable, message, code: code)
        case EPERM, EACCES:
            return TransportError(.unreachable, "\(message) (blocked by a local firewall rule?)", code: code)
        case ECONNRESET, EPIPE, ECONNABORTED:
            return TransportError(.reset, message, code: code)
        case ETIMEDOUT:
            return TransportError(.timeout, message, code: code)
        case EADDRINUSE, EADDRNOTAVAIL:
            return TransportError(.addressUnavailable, message, code: code)
        case EAFNOSUPPORT, EPROTONOSUPPORT, EINVAL:
            return TransportError(.configuration, message, code: code)
        default:
            return TransportError(.system, message, code: code)
        }
    }

    /// Ignores SIGPIPE process-wide, once: OpenSSL writes with write(2), which would otherwise
    /// kill the process when a server closes a TLS connection under it.
    static let ignoreBrokenPipe: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()
}
