import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real coturn (`turnserver`) on 127.0.0.1 for the TURN probe tests, in its own temp dir
/// (pidfile, userdb, log, certificates), on free ports, with the options a test asks for
/// (static user or REST shared secret, user quota, TLS certificate for a chosen name,
/// ALTERNATE-SERVER). ``stop()`` ends it by PID and removes the directory; tests call it in
/// `defer`, so it also runs when an expectation fails.
final class TurnTestServer: @unchecked Sendable {
    static let username = "probe"
    static let password = "correct horse"
    static let realm = "iceprobe.test"
    static let sharedSecret = "rest-shared-secret"

    struct Options {
        /// REST API mode (`--use-auth-secret --static-auth-secret`) instead of a static user.
        var restSecret = false
        var userQuota: Int?
        /// Start a TLS listener with a certificate for these subject alternative names
        /// (e.g. `["IP:127.0.0.1"]`); nil = no TLS.
        var tlsNames: [String]?
        /// `--alternate-server` targets (redirect every Allocate).
        var alternateServers: [String] = []
        /// The UDP/TCP listening port; nil picks a free one.
        var port: UInt16?
    }

    let port: UInt16
    let tlsPort: UInt16?
    let directory: URL
    /// PEM of the CA that signed the server certificate (nil without TLS).
    let caFile: String?
    private let process: Process
    private var stopped = false

    static var executable: String? {
        ["/usr/bin/turnserver", "/usr/local/bin/turnserver"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// True when `turnserver` and `openssl` are installed.
    static var isInstalled: Bool {
        executable != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")
    }

    /// Starts coturn and waits (at most 5 s) until its TCP listener(s) accept connections.
    init(_ options: Options = Options()) throws {
        guard let executable = Self.executable else { throw TurnTestServerError("turnserver is not installed") }
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("iceprobe-turn-coturn-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let directory = self.directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let ports = options.port.map { ($0, Self.freePort(excluding: [$0, $0 &+ 1])) }
            ?? Self.freePort().map { ($0, Self.freePort(excluding: [$0, $0 &+ 1])) }
        guard let (free, freeTLSOptional) = ports, let freeTLS = freeTLSOptional else {
            try? FileManager.default.removeItem(at: directory)
            throw TurnTestServerError("no free port on 127.0.0.1")
        }
        port = free
        let relayLow = Int.random(in: 50_000...64_000)
        var arguments = [
            "-n", "--listening-ip", "127.0.0.1", "--relay-ip", "127.0.0.1",
            "--listening-port", String(free),
            "--min-port", String(relayLow), "--max-port", String(relayLow + 400),
            "--realm", Self.realm, "--fingerprint", "--no-cli", "--no-dtls", "--no-rfc5780",
            "--allow-loopback-peers", "--verbose",
            "--pidfile", directory.appendingPathComponent("turnserver.pid").path,
            "--userdb", directory.appendingPathComponent("turndb").path,
            "--log-file", directory.appendingPathComponent("turn.log").path, "--simple-log",
        ]
        if options.restSecret {
            arguments += ["--use-auth-secret", "--static-auth-secret", Self.sharedSecret]
        } else {
            arguments += ["--lt-cred-mech", "--user", "\(Self.username):\(Self.password)"]
        }
        if let quota = options.userQuota { arguments += ["--user-quota", String(quota)] }
        for alternate in options.alternateServers { arguments += ["--alternate-server", alternate] }
        if let names = options.tlsNames {
            tlsPort = freeTLS
            do {
                caFile = try Self.makeCertificates(in: directory, names: names)
            } catch {
                try? FileManager.default.removeItem(at: directory)
                throw error
            }
            arguments += ["--tls-listening-port", String(freeTLS),
                          "--cert", directory.appendingPathComponent("server.pem").path,
                          "--pkey", directory.appendingPathComponent("server.key").path]
        } else {
            tlsPort = nil
            caFile = nil
            arguments += ["--no-tls"]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        self.process = process
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if !process.isRunning { break }
            if Self.acceptsTCP(port: port) && (tlsPort.map { Self.acceptsTCP(port: $0) } ?? true) {
                usleep(50_000)     // the UDP listener starts alongside; give it a moment
                return
            }
            usleep(20_000)
        }
        let log = self.log
        stop()
        throw TurnTestServerError("turnserver did not start listening on 127.0.0.1:\(port) within 5 s; log tail: "
            + String(log.suffix(600)))
    }

    /// coturn's log so far.
    var log: String {
        (try? String(contentsOf: directory.appendingPathComponent("turn.log"), encoding: .utf8)) ?? ""
    }

    /// Number of allocations coturn has deleted so far (its `delete: realm=` log lines).
    var deletions: Int {
        log.components(separatedBy: "delete: realm=").count - 1
    }

    /// Waits (polling, at most `seconds`) until coturn has logged at least `count` deletions.
    func waitForDeletions(_ count: Int, seconds: Double = 4) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if deletions >= count { return true }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return deletions >= count
    }

    /// Stops coturn by PID (SIGTERM, then SIGKILL after 2 s) and removes its directory.
    func stop() {
        guard !stopped else { return }
        stopped = true
        let pid = process.processIdentifier
        if process.isRunning, pid > 0 {
            kill(pid, SIGTERM)
            let deadline = Date().addingTimeInterval(2)
            while process.isRunning, Date() < deadline { usleep(10_000) }
            if process.isRunning { kill(pid, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    /// A CA, and a server certificate signed by it for `names` (e.g. `IP:127.0.0.1`,
    /// `DNS:wrong.example`). Returns the CA file path.
    private static func makeCertificates(in directory: URL, names: [String]) throws -> String {
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "subjectAltName=\(names.joined(separator: ","))\n".write(toFile: path("ext.cnf"), atomically: true, encoding: .utf8)
        try run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("ca.key"),
                                     "-out", path("ca.pem"), "-days", "2", "-subj", "/CN=iceprobe test CA"])
        try run("/usr/bin/openssl", ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", path("server.key"),
                                     "-out", path("server.csr"), "-subj", "/CN=iceprobe test server"])
        try run("/usr/bin/openssl", ["x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"),
                                     "-CAkey", path("ca.key"), "-CAcreateserial", "-out", path("server.pem"),
                                     "-days", "2", "-extfile", path("ext.cnf")])
        return path("ca.pem")
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TurnTestServerError("\(executable) \(arguments.first ?? "") failed with status \(process.terminationStatus)")
        }
    }

    /// A port free for both UDP and TCP on 127.0.0.1 (and its neighbour, which coturn may use).
    static func freePort(excluding: [UInt16] = []) -> UInt16? {
        for _ in 0..<100 {
            let candidate = UInt16.random(in: 20_000...40_000)
            if excluding.contains(candidate) || excluding.contains(candidate &+ 1) { continue }
            if canBind(port: candidate, type: Int32(SOCK_DGRAM.rawValue)),
               canBind(port: candidate, type: Int32(SOCK_STREAM.rawValue)),
               canBind(port: candidate + 1, type: Int32(SOCK_DGRAM.rawValue)),
               canBind(port: candidate + 1, type: Int32(SOCK_STREAM.rawValue)) {
                return candidate
            }
        }
        return nil
    }

    private static func canBind(port: UInt16, type: Int32) -> Bool {
        let fd = socket(AF_INET, type, 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func acceptsTCP(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}

struct TurnTestServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Prerequisites of the TURN integration tests. With `ICEPROBE_REQUIRE_INTEGRATION=1` (CI) they
/// always run, and a missing coturn makes them fail loudly instead of being skipped.
enum TurnIntegration {
    static var required: Bool {
        ProcessInfo.processInfo.environment["ICEPROBE_REQUIRE_INTEGRATION"] == "1"
    }

    static var enabled: Bool { required || TurnTestServer.isInstalled }
}
