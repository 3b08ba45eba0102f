import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ProbeTransport
import StunWire

/// A private coturn for the NAT tests, listening on 127.0.0.1 and 127.0.0.2 on free ports, so
/// RFC 5780 is on (OTHER-ADDRESS = 127.0.0.2, port + 1) unless `rfc5780` is false
/// (`--no-rfc5780`). No TURN users, TLS or CLI: only Binding matters here. Everything lives in
/// a fresh temporary directory; ``with(rfc5780:_:)`` stops the process by its PID and removes
/// the directory, also when the body throws.
enum NatTestCoturn {
    static let integrationRequired = ProcessInfo.processInfo.environment["ICEPROBE_REQUIRE_INTEGRATION"] == "1"

    static let turnserverPath: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(directory)/turnserver"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// 127.0.0.2 must be usable (Linux routes all of 127/8 to loopback).
    static let secondLoopbackUsable: Bool = {
        guard let socket = try? UDPSocket(bindingTo: TransportAddress("127.0.0.2:0")!) else { return false }
        socket.close()
        return true
    }()

    /// Run the coturn tests when possible, or always when CI demands it (then they fail loudly).
    static let enabled = (turnserverPath != nil && secondLoopbackUsable) || integrationRequired

    struct Server: Sendable {
        let port: UInt16
        var primary: TransportAddress { TransportAddress(ip: .loopbackV4, port: port) }
        var secondIP: TransportAddress { TransportAddress("127.0.0.2:\(port)")! }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func with<T: Sendable>(rfc5780: Bool = true, _ body: (Server) async throws -> T) async throws -> T {
        guard let turnserver = turnserverPath else {
            throw Failure(description: "turnserver not found on PATH (apt install coturn), but ICEPROBE_REQUIRE_INTEGRATION=1")
        }
        guard secondLoopbackUsable else { throw Failure(description: "cannot bind 127.0.0.2: RFC 5780 tests need a second IP") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iceprobe-nat-coturn-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var lastError: Error = Failure(description: "coturn did not start")
        for _ in 0..<3 {
            guard let port = freePortPair() else { continue }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: turnserver)
            let relay = Int.random(in: 50_000...63_000)
            process.arguments = [
                "-n", "--listening-ip", "127.0.0.1", "--listening-ip", "127.0.0.2", "--relay-ip", "127.0.0.1",
                "--listening-port", String(port), "--min-port", String(relay), "--max-port", String(relay + 100),
                "--no-cli", "--no-tls", "--no-dtls",
                "--pidfile", "\(directory)/turnserver.pid", "--userdb", "\(directory)/turndb",
                "--log-file", "\(directory)/turn.log", "--simple-log",
            ] + (rfc5780 ? [] : ["--no-rfc5780"])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                lastError = error
                continue
            }
            defer { stop(process) }
            let server = Server(port: port)
            guard await answers(server.primary), await answers(server.secondIP) else {
                lastError = Failure(description: "coturn on port \(port) did not answer Binding within 5 s")
                continue
            }
            return try await body(server)
        }
        throw lastError
    }

    /// SIGTERM by PID, SIGKILL after 3 s.
    static func stop(_ process: Process) {
        let pid = process.processIdentifier
        guard pid > 0, process.isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(3)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    /// A port P with P and P+1 free for UDP on both loopback IPs.
    static func freePortPair() -> UInt16? {
        for _ in 0..<50 {
            let port = UInt16.random(in: 20_000...40_000)
            let all = ["127.0.0.1", "127.0.0.2"].flatMap { ip in [port, port + 1].map { TransportAddress("\(ip):\($0)")! } }
            var sockets: [UDPSocket] = []
            for address in all { if let socket = try? UDPSocket(bindingTo: address) { sockets.append(socket) } }
            sockets.forEach { $0.close() }
            if sockets.count == all.count { return port }
        }
        return nil
    }

    /// Whether a Binding to `address` is answered within 5 s.
    static func answers(_ address: TransportAddress) async -> Bool {
        guard let socket = try? UDPSocket(forFamilyOf: address) else { return false }
        defer { socket.close() }
        let clock = socket.clock
        let transaction = StunTransaction(
            request: StunMessage(method: .binding, messageClass: .request, transactionID: .random()),
            destination: address, schedule: .rfc8489(rto: Nanoseconds.milliseconds(100), requestCount: 8),
            deadline: clock.now.addingSaturating(Nanoseconds.seconds(5)))
        return await transaction.run(over: socket).response != nil
    }
}
