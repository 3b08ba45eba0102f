import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ProbeTransport
import IceprobeTestSupport

/// A tiny TCP server on 127.0.0.1 for the failures coturn does not produce on purpose: it accepts
/// connections one after another on its own thread and misbehaves in one of three ways.
///
/// Bounds: each connection is held at most ``connectionSeconds``; ``stop()`` waits at most 3 s
/// for the thread, then closes the listening socket. Use ``with(_:_:)``, which always stops it.
final class TurnMisbehavingServer: @unchecked Sendable {
    enum Behaviour: Sendable {
        /// Waits for the client's first bytes (the Allocate), then closes with SO_LINGER 0, so the
        /// kernel answers with a TCP RST instead of a FIN.
        case resetAfterRequest
        /// Waits for the client's first bytes, then closes normally (FIN) without answering.
        case closeAfterRequest
        /// Writes these bytes as soon as the connection is accepted (not TLS, not STUN), then reads
        /// and discards until the client closes, then closes.
        case send([UInt8])
    }

    static let connectionSeconds: Int32 = 3

    let port: UInt16
    let behaviour: Behaviour
    private let listener: Int32
    private let stopping = Locked(false)
    private let acceptedCount = Locked(0)
    private let done = Locked(false)
    private let stopped = Locked(false)

    /// Connections accepted so far (proves the probe reached this server).
    var accepted: Int { acceptedCount.current }

    init(_ behaviour: Behaviour) throws {
        self.behaviour = behaviour
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Coturn.HarnessError("socket: errno \(errno)") }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            let code = errno
            close(fd)
            throw Coturn.HarnessError("bind/listen on 127.0.0.1: errno \(code)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            close(fd)
            throw Coturn.HarnessError("getsockname: errno \(errno)")
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// Runs `body` with a started server and stops it afterwards, also when `body` throws.
    static func with<T: Sendable>(_ behaviour: Behaviour, _ body: (TurnMisbehavingServer) async throws -> T) async throws -> T {
        let server = try TurnMisbehavingServer(behaviour)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Stops accepting (waits at most 3 s for the thread, sleeping the task) and closes the
    /// listening socket. Safe to call twice.
    func stop() async {
        let first = stopped.withLock { (value: inout Bool) -> Bool in
            defer { value = true }
            return !value
        }
        guard first else { return }
        stopping.withLock { $0 = true }
        let deadline = Date().addingTimeInterval(3)
        while !done.current, Date() < deadline { try? await Task.sleep(nanoseconds: 10_000_000) }
        close(listener)
    }

    private func serve() {
        defer { done.withLock { $0 = true } }
        while !stopping.current {
            var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 100) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            acceptedCount.withLock { $0 += 1 }
            handle(connection)
        }
    }

    private func handle(_ connection: Int32) {
        switch behaviour {
        case .resetAfterRequest:
            _ = waitForBytes(connection)
            var reset = linger(l_onoff: 1, l_linger: 0)
            _ = setsockopt(connection, SOL_SOCKET, SO_LINGER, &reset, socklen_t(MemoryLayout<linger>.size))
            close(connection)
        case .closeAfterRequest:
            _ = waitForBytes(connection)
            close(connection)
        case .send(let bytes):
            _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            // Read until the client closes (or the bound), so the client sees our bytes, not a reset.
            let deadline = Date().addingTimeInterval(Double(Self.connectionSeconds))
            while Date() < deadline, waitForBytes(connection, milliseconds: 200) != 0 {}
            close(connection)
        }
    }

    /// Waits up to `milliseconds` for readable data and reads what is there. Returns the byte count
    /// read, 0 on end of stream or error, -1 on timeout.
    private func waitForBytes(_ connection: Int32, milliseconds: Int32 = connectionSeconds * 1000) -> Int {
        var entry = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, milliseconds) > 0 else { return -1 }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
        return max(0, count)
    }
}
