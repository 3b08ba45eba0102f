import Foundation

extension Coturn {
    /// One start of a coturn: the directory, the certificate commands, writing the configuration
    /// and starting the process on fresh ports, and telling a failed start-up apart. The caller
    /// (``Server/start(_:)``) drives the waiting.
    final class Launch {
        /// How long one attempt may take to answer before it counts as failed.
        static let readySeconds: Double = 10

        let options: Options
        let turnserver: String
        /// The openssl executable (only used when certificates are needed, which requires it).
        let openssl: String
        let directory: String
        var lastError: Error = HarnessError("coturn did not start")

        /// Three attempts on fresh ports; one when the test fixed the port (it will not get better).
        var attempts: Int { options.port == nil ? 3 : 1 }
        private var attemptsMade = 0

        /// One started turnserver waiting to become ready (bounded by ``readySeconds``).
        final class Attempt {
            let process: Process
            let port: UInt16
            let tlsPort: UInt16?
            fileprivate let readiness: Readiness
            fileprivate let deadline = Date().addingTimeInterval(Launch.readySeconds)
            fileprivate var ready = false

            fileprivate init(process: Process, port: UInt16, tlsPort: UInt16?, ips: [String]) {
                self.process = process
                self.port = port
                self.tlsPort = tlsPort
                readiness = Readiness(ips: ips, port: port, tlsPort: tlsPort)
            }

            /// Polls once: true while it is neither ready, nor exited, nor past its deadline.
            func isWaiting() -> Bool {
                ready = ready || readiness.poll()
                return !ready && process.isRunning && Date() < deadline
            }
        }

        /// Starts the next attempt on fresh ports; nil when all attempts are used up.
        func nextAttempt() throws -> Attempt? {
            guard attemptsMade < attempts else { return nil }
            attemptsMade += 1
            let (process, port, tlsPort) = try startProcess()
            return Attempt(process: process, port: port, tlsPort: tlsPort, ips: options.listeningIPs)
        }

        /// The attempt when it became ready; otherwise records why it failed (with the log tail),
        /// ends its process by PID (sleeping the task while it waits) and returns nil.
        func finish(_ attempt: Attempt) async -> Attempt? {
            if attempt.ready { return attempt }
            lastError = startFailure(attempt.process, port: attempt.port, timedOut: true) ?? HarnessError("coturn did not start")
            await Server.terminate(attempt.process)
            return nil
        }

        /// Removes the directory after a failed launch and returns the error to throw.
        func abandon() -> Error {
            try? FileManager.default.removeItem(atPath: directory)
            return lastError
        }

        /// Creates the directory; throws when turnserver (or, for certificates, openssl) is missing.
        init(_ options: Options) throws {
            guard let turnserver = Coturn.turnserverPath else {
                throw HarnessError("turnserver not found on PATH (apt install coturn), but ICEPROBE_REQUIRE_INTEGRATION=1")
            }
            let needsCertificates = options.tls != nil || !options.spareCertificates.isEmpty
            if needsCertificates && Coturn.opensslPath == nil {
                throw HarnessError("openssl not found on PATH (apt install openssl), but ICEPROBE_REQUIRE_INTEGRATION=1")
            }
            self.options = options
            self.turnserver = turnserver
            self.openssl = Coturn.opensslPath ?? "openssl"
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("iceprobe-coturn-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }

        /// The openssl argument lists for the served and the spare certificates.
        var certificateCommands: [[String]] {
            let served = options.tls?.opensslCommands(directory: directory, name: "served") ?? []
            return served + options.spareCertificates.sorted { $0.key < $1.key }.flatMap {
                $0.value.opensslCommands(directory: directory, name: "spare-\($0.key)")
            }
        }

        /// Picks ports, writes the configuration and starts turnserver.
        private func startProcess() throws -> (Process, UInt16, UInt16?) {
            let port = try options.port ?? Coturn.freePort(on: options.listeningIPs)
            let tlsPort = try options.tls.map { _ in try Coturn.freePort(on: options.listeningIPs, excluding: [port]) }
            try configuration(port: port, tlsPort: tlsPort)
                .write(toFile: "\(directory)/turnserver.conf", atomically: true, encoding: .utf8)
            _ = FileManager.default.createFile(atPath: "\(directory)/turndb", contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: turnserver)
            process.arguments = ["-c", "\(directory)/turnserver.conf"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            return (process, port, tlsPort)
        }

        /// Why the start failed (exited, or `timedOut`), with the log tail; nil while it may still come up.
        private func startFailure(_ process: Process, port: UInt16, timedOut: Bool) -> HarnessError? {
            let log = { String(((try? String(contentsOfFile: "\(self.directory)/turn.log", encoding: .utf8)) ?? "").suffix(1_500)) }
            if !process.isRunning {
                return HarnessError("turnserver exited during start-up (status \(process.terminationStatus)); log:\n\(log())")
            }
            if timedOut {
                return HarnessError("turnserver did not answer on port \(port) within \(Int(Self.readySeconds)) s; log:\n\(log())")
            }
            return nil
        }

        /// The configuration file: secrets live here, never on the command line.
        private func configuration(port: UInt16, tlsPort: UInt16?) -> String {
            let relayLow = Int.random(in: 50_000...64_000)
            var lines = options.listeningIPs.map { "listening-ip=\($0)" } + [
                "relay-ip=\(options.listeningIPs.first ?? "127.0.0.1")",
                "listening-port=\(port)",
                "min-port=\(relayLow)", "max-port=\(relayLow + 400)",
                "realm=\(Server.realm)", "fingerprint", "no-cli", "no-dtls", "allow-loopback-peers", "verbose",
                "pidfile=\(directory)/turnserver.pid", "userdb=\(directory)/turndb",
                "log-file=\(directory)/turn.log", "simple-log", "no-stdout-log",
            ]
            switch options.credentials {
            case .none: break
            case .user(let name, let password): lines += ["lt-cred-mech", "user=\(name):\(password)"]
            case .restSecret(let secret): lines += ["use-auth-secret", "static-auth-secret=\(secret)"]
            }
            if let quota = options.userQuota { lines.append("user-quota=\(quota)") }
            if !options.rfc5780 { lines.append("no-rfc5780") }
            lines += options.alternateServers.map { "alternate-server=\($0)" }
            if let tlsPort {
                lines += ["tls-listening-port=\(tlsPort)", "cert=\(directory)/served.pem", "pkey=\(directory)/served.key"]
            } else {
                lines.append("no-tls")
            }
            return (lines + options.extraConfiguration).joined(separator: "\n") + "\n"
        }
    }
}
