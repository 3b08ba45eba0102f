import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ProbeTransport
import StunWire

/// The one coturn (`turnserver`) launcher for the test targets.
///
/// ``Server`` starts a private coturn configured by ``Options`` (listening IPs, TLS certificate,
/// static user or REST shared secret, user quota, RFC 5780 on/off, ALTERNATE-SERVER, extra flags)
/// in a fresh temporary directory and stops it by PID; ``withServer(_:_:)`` wraps start and stop
/// around a body so the process and directory are gone on every path. This namespace also holds
/// the integration gate (skip unless installed, fail loudly under `ICEPROBE_REQUIRE_INTEGRATION=1`)
/// and small process and port helpers the tests share.
public enum Coturn {
    /// Set by CI: tests whose prerequisites are missing must fail instead of being skipped.
    public static let integrationRequired = ProcessInfo.processInfo.environment["ICEPROBE_REQUIRE_INTEGRATION"] == "1"

    public static let turnserverPath = executable("turnserver")
    public static let opensslPath = executable("openssl")

    /// True when `turnserver` and `openssl` are installed.
    public static let isInstalled = turnserverPath != nil && opensslPath != nil

    /// True when coturn tests can run (installed), or CI demands the attempt (and its failure).
    public static let enabled = isInstalled || integrationRequired

    /// Like ``enabled``, for tests that also need every IP of `listeningIPs` to be bindable
    /// (Linux routes all of 127/8 to loopback; other systems may not).
    public static func enabled(listeningIPs: [String]) -> Bool {
        (isInstalled && listeningIPs.allSatisfy(canBind(ip:))) || integrationRequired
    }

    public static let skipReason = "coturn integration: needs `turnserver` and `openssl` on PATH (apt install coturn openssl); set ICEPROBE_REQUIRE_INTEGRATION=1 to fail instead of skipping"

    public struct HarnessError: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// Runs `body` with a started coturn and stops it afterwards (by PID), also when `body`
    /// throws. Start-up is bounded as in ``Server/start(_:)``; the stop takes at most 5.1 s.
    public static func withServer<T: Sendable>(_ options: Options = Options(),
                                               _ body: (Server) async throws -> T) async throws -> T {
        let server = try await Server.start(options)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    // MARK: Ports

    /// A port P on which P and the next `alsoFree` ports are free for UDP and TCP on every IP of
    /// `ips` (coturn uses P + 1 as its alternate port), avoiding `excluding` and their neighbours.
    public static func freePort(alsoFree extra: UInt16 = 1, on ips: [String] = ["127.0.0.1"],
                                excluding: [UInt16] = []) throws -> UInt16 {
        for _ in 0..<100 {
            let port = UInt16.random(in: 20_000...40_000)
            let range = (0...extra).map { port + $0 }
            if range.contains(where: { candidate in excluding.contains { $0 <= candidate && candidate <= $0 &+ extra } }) {
                continue
            }
            if ips.allSatisfy({ ip in range.allSatisfy { isFree(ip: ip, port: $0) } }) { return port }
        }
        throw HarnessError("no free port run found on \(ips.joined(separator: ", "))")
    }

    /// Whether a UDP socket can be bound to `ip` (any port).
    public static func canBind(ip: String) -> Bool {
        RawSocket.bind(ip: ip, port: 0, type: Int32(SOCK_DGRAM.rawValue))
    }

    static func isFree(ip: String, port: UInt16) -> Bool {
        RawSocket.bind(ip: ip, port: port, type: Int32(SOCK_DGRAM.rawValue))
            && RawSocket.bind(ip: ip, port: port, type: Int32(SOCK_STREAM.rawValue))
    }

    // MARK: Processes

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") + ["/usr/sbin", "/usr/bin", "/usr/local/bin"] {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a program to completion (killed by PID after `timeoutSeconds`, then waited for at most
    /// 5 s more), returning its exit status and combined stdout/stderr. `environment` entries are
    /// added to this process's environment (keep secrets there, never in `arguments`). Waits by
    /// sleeping the task; never blocks a thread of the cooperative pool.
    public static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:],
                           timeoutSeconds: Double) async throws -> (status: Int32, output: String) {
        let child = try CollectedProcess(program, arguments, environment: environment)
        if !(await waitForExit(child.process, seconds: timeoutSeconds)) {
            kill(child.process.processIdentifier, SIGKILL)
            _ = await waitForExit(child.process, seconds: 5)
            throw HarnessError("\(program) \(arguments.first ?? "") did not finish within \(timeoutSeconds) s")
        }
        // The pipe closes when the child exits; give the reader a moment (at most 2 s) to drain it.
        let clock = SystemClock()
        let drainDeadline = clock.now + Nanoseconds.seconds(2)
        while !child.reader.isFinished && clock.now < drainDeadline { await pause(nanoseconds: 5_000_000) }
        return (child.process.terminationStatus, child.output)
    }

    /// As ``run(_:_:environment:timeoutSeconds:)``, but throws with the command and the tail of
    /// its output unless it exits 0; returns the output.
    @discardableResult
    public static func runSucceeding(_ program: String, _ arguments: [String],
                                     timeoutSeconds: Double) async throws -> String {
        let result = try await run(program, arguments, timeoutSeconds: timeoutSeconds)
        guard result.status == 0 else {
            let command = ([program] + arguments).joined(separator: " ")
            throw HarnessError("\(command) failed with status \(result.status): \(result.output.suffix(600))")
        }
        return result.output
    }

    /// True when `process` exited within `seconds`; sleeps the task, never blocks a pool thread.
    static func waitForExit(_ process: Process, seconds: Double) async -> Bool {
        let clock = SystemClock()
        let deadline = clock.now + Nanoseconds.seconds(seconds)
        while process.isRunning && clock.now < deadline {
            await pause(nanoseconds: 20_000_000)
        }
        return !process.isRunning
    }

    /// Sleeps the task for `nanoseconds`, also when it is cancelled: the harness's waits are
    /// clean-up waits (a process ending, a pipe draining) and must neither be skipped nor turn into
    /// a busy loop because a test was cancelled. A cancelled task sleeps in a detached child.
    static func pause(nanoseconds: UInt64) async {
        if Task.isCancelled {
            await Task.detached { try? await Task.sleep(nanoseconds: nanoseconds) }.value
        } else {
            try? await Task.sleep(nanoseconds: nanoseconds)
        }
    }
}
