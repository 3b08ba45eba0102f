import Foundation
import Glibc
import Testing
import StunWire
import ProbeTransport
@testable import Probes

/// Starts a private coturn (`turnserver`) on 127.0.0.1 for one test and always stops it.
///
/// Everything lives in a fresh temporary directory: a configuration file (so the test password
/// never shows in a process title), pid file, user database, log, and TLS material generated with
/// the `openssl` CLI: a certificate for `localhost` + 127.0.0.1, one for `wrong.example`, and an
/// expired one for `localhost`.
/// Ports are probed free on 127.0.0.1 (never 3478: a system coturn may be running there).
enum Coturn {
    /// Set by CI: tests whose prerequisites are missing must fail instead of being skipped.
    static let integrationRequired = ProcessInfo.processInfo.environment["ICEPROBE_REQUIRE_INTEGRATION"] == "1"

    static let turnserverPath = executable("turnserver")
    static let opensslPath = executable("openssl")

    /// True when the tests can run: both tools exist, or CI demands the attempt (and its failure).
    static let enabled = (turnserverPath != nil && opensslPath != nil) || integrationRequired
    static let skipReason: Comment = "coturn integration: needs `turnserver` and `openssl` on PATH (apt install coturn openssl); set ICEPROBE_REQUIRE_INTEGRATION=1 to fail instead of skipping"

    enum Certificate: Sendable { case localhost, wrongName, expired }

    struct Server: Sendable {
        let directory: String
        let pid: Int32
        let port: UInt16
        let tlsPort: UInt16
        /// PEM of the certificate for `localhost`/127.0.0.1 (also usable as its own CA).
        let localhostCertificate: String
        /// PEM of the certificate for `wrong.example`.
        let wrongNameCertificate: String
        /// PEM of a certificate for `localhost` whose validity ended a day before it began.
        let expiredCertificate: String
        /// The certificate the server presents.
        let served: Certificate
        let username = "test"
        let realm = "iceprobe.test"

        var udpAddress: TransportAddress { TransportAddress(ip: .loopbackV4, port: port) }
        var log: String { (try? String(contentsOfFile: directory + "/turn.log", encoding: .utf8)) ?? "" }
    }

    struct HarnessError: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `body` with a started coturn and stops it afterwards, also when `body` throws.
    static func withCoturn<T: Sendable>(certificate: Certificate = .localhost,
                                        _ body: (Server) async throws -> T) async throws -> T {
        guard let turnserver = turnserverPath, let openssl = opensslPath else {
            throw HarnessError(description: "turnserver or openssl not found on PATH, but ICEPROBE_REQUIRE_INTEGRATION=1")
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("iceprobe-coturn-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        try await generateCertificate(openssl: openssl, directory: directory, name: "localhost",
                                      subjectAltName: "DNS:localhost,IP:127.0.0.1")
        try await generateCertificate(openssl: openssl, directory: directory, name: "wrong",
                                      subjectAltName: "DNS:wrong.example")
        try await generateExpiredCertificate(openssl: openssl, directory: directory)

        var lastError: Error = HarnessError(description: "coturn did not start")
        for _ in 0..<3 {   // a probed port can be taken by someone else before coturn binds it
            let server: Server
            let process: Process
            do {
                (server, process) = try start(turnserver: turnserver, directory: directory, certificate: certificate)
            } catch {
                lastError = error
                continue
            }
            do {
                try await waitUntilAnswering(server, process: process)
            } catch {
                await stop(process)
                lastError = error
                continue
            }
            do {
                let result = try await body(server)
                await stop(process)
                return result
            } catch {
                await stop(process)
                throw error
            }
        }
        throw lastError
    }

    // MARK: Steps

    private static func generateCertificate(openssl: String, directory: String, name: String, subjectAltName: String) async throws {
        let cn = subjectAltName.split(separator: ",").first.map { String($0.dropFirst(4)) } ?? name
        let result = try await run(openssl, [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "\(directory)/\(name).key", "-out", "\(directory)/\(name).pem", "-days", "2",
            "-subj", "/CN=\(cn)", "-addext", "subjectAltName=\(subjectAltName)",
        ], timeoutSeconds: 20)
        guard result.status == 0 else {
            throw HarnessError(description: "openssl could not create the \(name) certificate: \(result.output)")
        }
    }

    /// A self-signed `localhost` certificate with notAfter one day before notBefore (`-days -1`).
    private static func generateExpiredCertificate(openssl: String, directory: String) async throws {
        let request = try await run(openssl, [
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "\(directory)/expired.key", "-out", "\(directory)/expired.csr",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ], timeoutSeconds: 20)
        let sign = try await run(openssl, [
            "x509", "-req", "-in", "\(directory)/expired.csr", "-signkey", "\(directory)/expired.key",
            "-out", "\(directory)/expired.pem", "-days", "-1", "-copy_extensions", "copy",
        ], timeoutSeconds: 20)
        guard request.status == 0, sign.status == 0 else {
            throw HarnessError(description: "openssl could not create the expired certificate: \(request.output) \(sign.output)")
        }
    }

    private static func start(turnserver: String, directory: String, certificate: Certificate) throws -> (Server, Process) {
        let port = try freePort(alsoFree: 1)
        var tlsPort = try freePort(alsoFree: 1)
        while tlsPort == port || tlsPort == port + 1 || tlsPort + 1 == port { tlsPort = try freePort(alsoFree: 1) }
        let cert: String
        switch certificate {
        case .localhost: cert = "localhost"
        case .wrongName: cert = "wrong"
        case .expired: cert = "expired"
        }
        let configuration = """
        listening-ip=127.0.0.1
        relay-ip=127.0.0.1
        listening-port=\(port)
        alt-listening-port=\(port + 1)
        tls-listening-port=\(tlsPort)
        alt-tls-listening-port=\(tlsPort + 1)
        min-port=49152
        max-port=65535
        lt-cred-mech
        user=test:secret
        realm=iceprobe.test
        fingerprint
        no-cli
        no-dtls
        cert=\(directory)/\(cert).pem
        pkey=\(directory)/\(cert).key
        pidfile=\(directory)/turn.pid
        userdb=\(directory)/turndb
        log-file=\(directory)/turn.log
        simple-log
        no-stdout-log
        """
        try configuration.write(toFile: "\(directory)/turnserver.conf", atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: "\(directory)/turndb", contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: turnserver)
        process.arguments = ["-c", "\(directory)/turnserver.conf"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        let server = Server(directory: directory, pid: process.processIdentifier, port: port, tlsPort: tlsPort,
                            localhostCertificate: "\(directory)/localhost.pem",
                            wrongNameCertificate: "\(directory)/wrong.pem",
                            expiredCertificate: "\(directory)/expired.pem", served: certificate)
        return (server, process)
    }

    /// Polls with one-sample STUN probes (UDP and the TLS port over TCP) for up to 10 s.
    private static func waitUntilAnswering(_ server: Server, process: Process) async throws {
        let clock = SystemClock()
        let deadline = clock.now + Nanoseconds.seconds(10)
        while clock.now < deadline {
            guard process.isRunning else {
                throw HarnessError(description: "turnserver exited during start-up (status \(process.terminationStatus)); log:\n\(server.log.suffix(2_000))")
            }
            let udp = await StunProbe.run(StunProbeConfiguration(
                server: ServerURI(scheme: .stun, host: "127.0.0.1", port: server.port),
                count: 1, timeout: Nanoseconds.milliseconds(300)))
            let tls = try? await TCPConnection.connect(to: TransportAddress(ip: .loopbackV4, port: server.tlsPort),
                                                       deadline: clock.now + Nanoseconds.milliseconds(300))
            tls?.close()
            if udp.ok && tls != nil { return }
            try await clock.sleep(nanoseconds: Nanoseconds.milliseconds(100))
        }
        throw HarnessError(description: "turnserver did not answer within 10 s; log:\n\(server.log.suffix(2_000))")
    }

    /// SIGTERM, up to 3 s grace (coturn takes about 1.3 s), then SIGKILL; by PID only. Waits by
    /// sleeping the task, never by blocking a thread of the shared pool.
    static func stop(_ process: Process) async {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        kill(pid, SIGTERM)
        if await waitForExit(process, seconds: 3) { return }
        kill(pid, SIGKILL)
        _ = await waitForExit(process, seconds: 5)
    }

    /// True when `process` exited within `seconds`.
    private static func waitForExit(_ process: Process, seconds: Double) async -> Bool {
        let clock = SystemClock()
        let deadline = clock.now + Nanoseconds.seconds(seconds)
        while process.isRunning && clock.now < deadline {
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return !process.isRunning
    }

    // MARK: Helpers

    /// A port free for UDP and TCP on 127.0.0.1, with the next `alsoFree` ports free as well.
    static func freePort(alsoFree extra: UInt16 = 0) throws -> UInt16 {
        for _ in 0..<50 {
            let probe = try UDPSocket(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
            let port = try probe.localAddress().port
            probe.close()
            guard port < 65_000 else { continue }
            if (0...extra).allSatisfy({ isFree(port + $0) }) { return port }
        }
        throw HarnessError(description: "no free port pair found on 127.0.0.1")
    }

    private static func isFree(_ port: UInt16) -> Bool {
        let address = TransportAddress(ip: .loopbackV4, port: port)
        guard let udp = try? UDPSocket(bindingTo: address) else { return false }
        udp.close()
        guard let tcp = try? TCPListener(bindingTo: address) else { return false }
        tcp.close()
        return true
    }

    private static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") + ["/usr/sbin", "/usr/bin"] {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a program to completion (killed after `timeoutSeconds`), returning status and output.
    static func run(_ program: String, _ arguments: [String], timeoutSeconds: Double) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        let collected = Locked<[UInt8]>([])
        let reader = Thread {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            collected.withLock { $0 = Array(data) }
        }
        reader.start()
        let clock = SystemClock()
        if !(await waitForExit(process, seconds: timeoutSeconds)) {
            kill(process.processIdentifier, SIGKILL)
            _ = await waitForExit(process, seconds: 5)
            throw HarnessError(description: "\(program) did not finish within \(timeoutSeconds) s")
        }
        // The pipe closes when the child exits; give the reader a moment to drain it.
        let drainDeadline = clock.now + Nanoseconds.seconds(2)
        while !reader.isFinished && clock.now < drainDeadline { try? await Task.sleep(nanoseconds: 5_000_000) }
        return (process.terminationStatus, String(decoding: collected.current, as: UTF8.self))
    }
}
