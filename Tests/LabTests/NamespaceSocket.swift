import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A UDP socket opened inside one of a test lab's network namespaces, for measuring links.
///
/// `setns(2)` moves only the calling thread, and a socket stays in the namespace it was created
/// in: a short-lived thread enters the namespace, opens and binds the socket, and ends. The test
/// then uses sockets of several namespaces from one process, with one monotonic clock, so
/// one-way delays can be read directly (sender's stamp in the payload, receiver's clock on arrival).
/// Every wait is bounded by the timeout it is given.
struct NamespaceSocket: Sendable {
    let descriptor: Int32

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Link-layer bytes a UDP datagram adds to its payload on a veth: UDP 8 + IPv4 20 + Ethernet 14
    /// (what `tc tbf` counts).
    static let headerBytes = 42

    /// A UDP socket bound to 0.0.0.0:`port` in `namespace` (a name under /run/netns). Bounded:
    /// the opening thread gets 5 s.
    static func udp(namespace: String, port: UInt16) throws -> NamespaceSocket {
        final class Outcome: @unchecked Sendable {
            let lock = NSLock()
            var result: Result<Int32, Failure>?
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let result = openInNamespace(namespace, port: port)
            outcome.lock.withLock { outcome.result = result }
            done.signal()
        }
        thread.start()
        guard done.wait(timeout: .now() + 5) == .success else {
            throw Failure(description: "opening a socket in \(namespace) took more than 5 s")
        }
        let result = outcome.lock.withLock { outcome.result }
        switch result {
        case .success(let descriptor)?: return NamespaceSocket(descriptor: descriptor)
        case .failure(let failure)?: throw failure
        case nil: throw Failure(description: "no result from the thread opening a socket in \(namespace)")
        }
    }

    /// Runs on the throwaway thread: enter the namespace, then open and bind.
    private static func openInNamespace(_ namespace: String, port: UInt16) -> Result<Int32, Failure> {
        func failure(_ what: String) -> Result<Int32, Failure> {
            .failure(Failure(description: "\(what) (\(namespace)): \(String(cString: strerror(errno)))"))
        }
        // setns(2) is declared by glibc only under _GNU_SOURCE, which Swift's Glibc module lacks.
        typealias SetNamespace = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "setns") else { return .failure(Failure(description: "setns not found in libc")) }
        let setNamespace = unsafeBitCast(symbol, to: SetNamespace.self)
        let namespaceFD = open("/run/netns/" + namespace, O_RDONLY | O_CLOEXEC)
        guard namespaceFD >= 0 else { return failure("cannot open /run/netns/\(namespace)") }
        defer { Glibc.close(namespaceFD) }
        guard setNamespace(namespaceFD, 0x4000_0000 /* CLONE_NEWNET */) == 0 else { return failure("setns") }
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return failure("socket") }
        // Room for about a second of a 12 Mbit/s burst, so a busy test thread loses nothing.
        var size: Int32 = 2 << 20
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVBUFFORCE, &size, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let result = failure("bind to port \(port)")
            Glibc.close(descriptor)
            return result
        }
        return .success(descriptor)
    }

    func close() {
        _ = Glibc.close(descriptor)
    }

    /// Sends one datagram to `address` (host byte order) : `port`. False when the kernel refused it.
    @discardableResult
    func send(_ bytes: [UInt8], to address: UInt32, port: UInt16) -> Bool {
        var destination = sockaddr_in()
        destination.sin_family = sa_family_t(AF_INET)
        destination.sin_port = port.bigEndian
        destination.sin_addr.s_addr = address.bigEndian
        let sent = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &destination) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        return sent == bytes.count
    }

    /// One datagram and the monotonic time (ms) it was read, or nil after `timeoutMs`.
    func receive(timeoutMs: Double) -> (bytes: [UInt8], atMs: Double)? {
        let deadline = Self.monotonicMs() + timeoutMs
        var buffer = [UInt8](repeating: 0, count: 2048)
        while true {
            let remaining = deadline - Self.monotonicMs()
            guard remaining > 0 else { return nil }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining.rounded(.up), 60_000)))
            if ready < 0, errno != EINTR { return nil }
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            let at = Self.monotonicMs()
            if count >= 0 { return (Array(buffer[..<count]), at) }
            if errno != EAGAIN, errno != EINTR { return nil }
        }
    }

    static func monotonicMs() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1_000_000
    }

    // MARK: measurements

    /// One-way delays (ms) of `count` datagrams from `self` to `receiver` (reachable at
    /// `address`:`port`), one at a time, `spacingMs` apart. A datagram not received within 1 s
    /// counts as lost (left out). Bounded: count x (1 s + spacing).
    func oneWayDelays(to receiver: NamespaceSocket, address: UInt32, port: UInt16, count: Int,
                      spacingMs: Double = 20) -> [Double] {
        var delays: [Double] = []
        for sequence in 0..<count {
            let sentAt = Self.monotonicMs()
            var payload = withUnsafeBytes(of: sentAt.bitPattern.littleEndian) { Array($0) }
            payload += withUnsafeBytes(of: UInt32(sequence).littleEndian) { Array($0) }
            send(payload, to: address, port: port)
            // Skip strays (a late datagram of an earlier round) by matching the stamp.
            let deadline = sentAt + 1000
            while Self.monotonicMs() < deadline {
                guard let (bytes, at) = receiver.receive(timeoutMs: deadline - Self.monotonicMs()),
                      bytes.count >= 8 else { continue }
                let stamp = Double(bitPattern: bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * $1.offset) })
                if stamp == sentAt { delays.append(at - sentAt); break }
            }
            usleep(UInt32(spacingMs * 1000))
        }
        return delays
    }

    /// Offers UDP at `offeredKbit` (link-layer bits) for `seconds` from `self` to `address`:`port`,
    /// while `receiver` (on its own thread) counts what arrives, and returns the throughput seen
    /// at the receiver in kbit/s of link-layer bytes (payload + `headerBytes`), measured from the
    /// first arrival to the last. `finished` is false when the receiving thread overran its bound.
    /// Bounded: `seconds` + 3 s.
    func burstThroughput(to receiver: NamespaceSocket, address: UInt32, port: UInt16, offeredKbit: Double,
                         seconds: Double, payloadBytes: Int = 1000) -> Throughput {
        final class Tally: @unchecked Sendable {
            let lock = NSLock()
            var packets = 0
            var bytes = 0
            var firstBytes = 0
            var firstMs = 0.0
            var lastMs = 0.0
        }
        let tally = Tally()
        let done = DispatchSemaphore(value: 0)
        let start = Self.monotonicMs()
        let receiving = Thread {
            // Stops 300 ms after the last arrival once the sending window is over (a tbf queue
            // holds at most 200 ms), or at the hard bound.
            let hardStop = start + seconds * 1000 + 1500
            var packets = 0, bytes = 0, firstBytes = 0, firstMs = 0.0, lastMs = 0.0
            while true {
                let now = Self.monotonicMs()
                if now >= hardStop { break }
                if now > start + seconds * 1000, packets > 0, now - lastMs > 300 { break }
                guard let (datagram, at) = receiver.receive(timeoutMs: min(100, hardStop - now)) else { continue }
                let size = datagram.count + Self.headerBytes
                if packets == 0 { firstMs = at; firstBytes = size }
                packets += 1
                bytes += size
                lastMs = at
            }
            tally.lock.withLock {
                tally.packets = packets; tally.bytes = bytes; tally.firstBytes = firstBytes
                tally.firstMs = firstMs; tally.lastMs = lastMs
            }
            done.signal()
        }
        receiving.start()
        let payload = [UInt8](repeating: 0x5a, count: payloadBytes)
        let packetsPerSecond = offeredKbit * 1000 / 8 / Double(payloadBytes + Self.headerBytes)
        var sent = 0
        while true {
            let elapsed = (Self.monotonicMs() - start) / 1000
            if elapsed >= seconds { break }
            let due = Int(elapsed * packetsPerSecond) + 1
            while sent < due {
                send(payload, to: address, port: port)
                sent += 1
            }
            usleep(1000)
        }
        let finished = done.wait(timeout: .now() + 3) == .success
        return tally.lock.withLock {
            let spanMs = tally.lastMs - tally.firstMs
            let kbit = tally.packets > 1 && spanMs > 0 ? Double(tally.bytes - tally.firstBytes) * 8 / spanMs : 0
            return Throughput(kbit: kbit, received: tally.packets, sent: sent, finished: finished)
        }
    }

    /// What `burstThroughput` saw.
    struct Throughput: Sendable, CustomStringConvertible {
        var kbit: Double
        var received: Int
        var sent: Int
        var finished: Bool

        var description: String {
            String(format: "%.0f kbit/s (%d/%d datagrams)", kbit, received, sent) + (finished ? "" : ", receiver overran")
        }
    }
}
