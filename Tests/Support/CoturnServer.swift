import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ProbeTransport
import StunWire

extension Coturn {
    /// A running private coturn. Everything lives in a fresh temporary directory: the
    /// configuration file (so secrets never show in a process title), pid file, user database,
    /// log and certificates. ``stop()`` ends the process by its PID and removes the directory;
    /// ``Coturn/withServer(_:_:)`` calls it on every path. A server released without a stop is
    /// killed (without waiting) on deinit.
    public final class Server: @unchecked Sendable {
        public static let username = "probe"
        public static let password = "correct horse"
        public static let realm = "iceprobe.test"
        public static let sharedSecret = "rest-shared-secret"

        public let options: Options
        public let pid: Int32
        /// The listening port on every listening IP (coturn's alternate port is `port + 1`).
        public let port: UInt16
        /// The TLS listening port (its alternate is `tlsPort + 1`); nil without TLS.
        public let tlsPort: UInt16?
        public let directory: String
        private let process: Process
        private let stopped = Locked(false)

        /// The served certificate's PEM (self-signed, so also the CA file that trusts it); nil without TLS.
        public var caFile: String? { options.tls == nil ? nil : "\(directory)/served.pem" }

        /// The PEM of the spare certificate `name` from ``Options/spareCertificates``.
        public func certificatePath(_ name: String) -> String { "\(directory)/spare-\(name).pem" }

        /// The UDP/TCP listening address on the first listening IP.
        public var udpAddress: TransportAddress { address(on: options.listeningIPs.first ?? "127.0.0.1") }

        /// The listening address on `ip` (one of ``Options/listeningIPs``), optionally at `port + offset`.
        public func address(on ip: String, portOffset: UInt16 = 0) -> TransportAddress {
            TransportAddress(ip: IPAddress(ip) ?? .loopbackV4, port: port + portOffset)
        }

        /// coturn's log so far.
        public var log: String { (try? String(contentsOfFile: "\(directory)/turn.log", encoding: .utf8)) ?? "" }

        /// Number of allocations coturn has deleted so far (its `delete: realm=` log lines).
        public var deletions: Int { log.components(separatedBy: "delete: realm=").count - 1 }

        /// Waits (polling every 50 ms, sleeping the task, at most `seconds`) until coturn has logged
        /// at least `count` deletions.
        public func waitForDeletions(_ count: Int, seconds: Double = 4) async -> Bool {
            let clock = SystemClock()
            let deadline = clock.now + Nanoseconds.seconds(seconds)
            while clock.now < deadline {
                if deletions >= count { return true }
                await Coturn.pause(nanoseconds: 50_000_000)
            }
            return deletions >= count
        }

        /// Generates the certificates, starts coturn and waits until it answers a STUN Binding on
        /// every listening IP and, with TLS, accepts TCP on the TLS port: at most 10 s per attempt,
        /// three attempts on fresh ports (a probed port can be taken before coturn binds it), each
        /// openssl step at most 20 s. Throws with the log tail on failure. Waits by sleeping the
        /// task, never blocking a thread of the pool. Prefer ``Coturn/withServer(_:_:)``, which
        /// also stops the server when the test fails.
        public static func start(_ options: Options = Options()) async throws -> Server {
            let launch = try Launch(options)
            do {
                for command in launch.certificateCommands {
                    try await Coturn.runSucceeding(launch.openssl, command, timeoutSeconds: 20)
                }
                while let attempt = try launch.nextAttempt() {
                    while attempt.isWaiting() { await Coturn.pause(nanoseconds: 50_000_000) }
                    if let ready = await launch.finish(attempt) {
                        return Server(options: options, process: ready.process, port: ready.port, tlsPort: ready.tlsPort,
                                      directory: launch.directory)
                    }
                }
            } catch {
                launch.lastError = error
            }
            throw launch.abandon()
        }

        private init(options: Options, process: Process, port: UInt16, tlsPort: UInt16?, directory: String) {
            self.options = options
            self.process = process
            self.pid = process.processIdentifier
            self.port = port
            self.tlsPort = tlsPort
            self.directory = directory
        }

        /// Stops coturn by PID (SIGTERM, SIGKILL after ``graceSeconds``; at most 5.1 s) and removes
        /// its directory, sleeping the task while it waits. Safe to call more than once.
        public func stop() async {
            guard markStopped() else { return }
            await Self.terminate(process)
            try? FileManager.default.removeItem(atPath: directory)
        }

        private func markStopped() -> Bool {
            stopped.withLock { (value: inout Bool) -> Bool in
                defer { value = true }
                return !value
            }
        }

        /// A safety net for a server that was never stopped (``Coturn/withServer(_:_:)`` always
        /// stops it): SIGKILL by PID and remove the directory, without waiting for the exit, since
        /// a deinit cannot sleep and must not block the thread it runs on.
        deinit {
            guard markStopped() else { return }
            Self.killWithoutWaiting(process)
            try? FileManager.default.removeItem(atPath: directory)
        }

        /// How long coturn may take to exit on SIGTERM before it is killed. A graceful exit takes
        /// coturn about 1.3 s and gains a throwaway test server nothing, so the grace is short.
        static let graceSeconds = 0.1

        /// SIGTERM by PID, ``graceSeconds`` of grace, then SIGKILL and up to 5 s more; sleeps the task.
        static func terminate(_ process: Process) async {
            let pid = process.processIdentifier
            guard pid > 0, process.isRunning else { return }
            kill(pid, SIGTERM)
            if await Coturn.waitForExit(process, seconds: graceSeconds) { return }
            kill(pid, SIGKILL)
            _ = await Coturn.waitForExit(process, seconds: 5)
        }

        /// SIGKILL by PID without waiting (Foundation reaps the child).
        static func killWithoutWaiting(_ process: Process) {
            let pid = process.processIdentifier
            guard pid > 0, process.isRunning else { return }
            kill(pid, SIGKILL)
        }
    }
}
