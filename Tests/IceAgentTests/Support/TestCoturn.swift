import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real coturn (`turnserver`) on 127.0.0.1 (or a given local address), on free ports, in its own temp dir (pidfile, userdb,
/// log), with `--lt-cred-mech --user test:secret --realm iceprobe.test --no-cli --no-tls --no-dtls`.
/// ``stop()`` ends it by PID and removes the directory; tests call it in `defer` so it also runs
/// when an expectation fails. Kept small on purpose: it will be merged with the ProbesTests one.
final class TestCoturn: @unchecked Sendable {
    static let username = "test"
    static let password = "secret"
    static let realm = "iceprobe.test"

    let port: UInt16
    /// The address coturn listens and relays on.
    let address: String
    let directory: URL
    private let process: Process
    private var stopped = false

    /// True when `turnserver` is installed.
    static var isInstalled: Bool {
        ["/usr/bin/turnserver", "/usr/local/bin/turnserver"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static var executable: String {
        ["/usr/bin/turnserver", "/usr/local/bin/turnserver"].first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? "/usr/bin/turnserver"
    }

    /// Starts coturn on `address` (default 127.0.0.1) and waits (at most 5 s, with `Task.sleep`
    /// so no cooperative thread is blocked) until its TCP listener accepts connections.
    static func start(address: String = "127.0.0.1") async throws -> TestCoturn {
        let coturn = try TestCoturn(address: address)
        for _ in 0..<250 {
            if !coturn.process.isRunning { break }
            if acceptsTCP(address, port: coturn.port) { return coturn }
            try? await Task.sleep(for: .milliseconds(20))
        }
        coturn.stop()
        throw TestCoturnError("turnserver did not start listening on \(address):\(coturn.port) within 5 s")
    }

    /// Launches coturn (does not wait for it).
    private init(address: String) throws {
        self.address = address
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("iceprobe-ice-coturn-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        guard let free = Self.freePort(address) else {
            try? FileManager.default.removeItem(at: directory)
            throw TestCoturnError("no free port on \(address)")
        }
        port = free
        let relayLow = Int.random(in: 50_000...64_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = [
            "-n", "--listening-ip", address, "--relay-ip", address,
            "--listening-port", String(port),
            "--min-port", String(relayLow), "--max-port", String(relayLow + 400),
            "--lt-cred-mech", "--user", "\(Self.username):\(Self.password)", "--realm", Self.realm,
            "--fingerprint", "--no-cli", "--no-tls", "--no-dtls", "--no-rfc5780", "--allow-loopback-peers",
            "--pidfile", directory.appendingPathComponent("turnserver.pid").path,
            "--userdb", directory.appendingPathComponent("turndb").path,
            "--log-file", directory.appendingPathComponent("turn.log").path, "--simple-log",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        self.process = process
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// Stops coturn by PID (SIGKILL: immediate, so no test thread waits on its shutdown) and
    /// removes its directory.
    func stop() {
        guard !stopped else { return }
        stopped = true
        let pid = process.processIdentifier
        if process.isRunning, pid > 0 {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    /// A port free for both UDP and TCP on `address`.
    private static func freePort(_ address: String) -> UInt16? {
        for _ in 0..<50 {
            let candidate = UInt16.random(in: 20_000...40_000)
            if canBind(address, port: candidate, type: Int32(SOCK_DGRAM.rawValue)),
               canBind(address, port: candidate, type: Int32(SOCK_STREAM.rawValue)) {
                return candidate
            }
        }
        return nil
    }

    private static func canBind(_ host: String, port: UInt16, type: Int32) -> Bool {
        let fd = socket(AF_INET, type, 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = ipv4(host, port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func acceptsTCP(_ host: String, port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = ipv4(host, port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func ipv4(_ host: String, port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        _ = inet_pton(AF_INET, host, &address.sin_addr)
        return address
    }
}

struct TestCoturnError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
