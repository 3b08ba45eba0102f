import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs system tools (ip, nft, iptables, tc, openssl, ...) with a time bound, and starts daemons.
///
/// Uses posix_spawn and waitpid directly: output goes to temporary files (no pipe can fill up and
/// block the child). Arguments must never contain secrets: they are visible in process listings.
public enum CommandRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool
        public var durationMs: Double
        /// The signal that ended the child, nil when it exited by itself (then `status` is its
        /// exit status; after a signal `status` is 128 + the signal number, like a shell's).
        public var signal: Int32? = nil

        public init(status: Int32, stdout: String, stderr: String, timedOut: Bool, durationMs: Double,
                    signal: Int32? = nil) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
            self.timedOut = timedOut
            self.durationMs = durationMs
            self.signal = signal
        }
    }

    /// Runs `argv` (argv[0] resolved through PATH) and waits at most `timeout` seconds; on timeout
    /// the child gets SIGTERM, then SIGKILL 1 s later. `input` is written to its standard input.
    /// `spawnLock`, when given, is held while the child is started (see `LabInterruptGuard`).
    public static func run(_ argv: [String], input: String? = nil, timeout: Double = 10,
                           spawnLock: NSLock? = nil) throws(LabError) -> Result {
        guard let first = argv.first else { throw LabError(.commandFailed, "empty command") }
        guard let executable = resolve(first) else {
            throw LabError(.missingTool, "'\(first)' not found in PATH")
        }
        let scratch = FileManager.default.temporaryDirectory.path + "/iceprobe-cmd-\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            throw LabError(.io, "cannot create \(scratch): \(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let outPath = scratch + "/out", errPath = scratch + "/err", inPath = scratch + "/in"
        guard FileManager.default.createFile(atPath: inPath, contents: Data((input ?? "").utf8)) else {
            throw LabError(.io, "cannot write \(inPath)")
        }
        let started = ContinuousClock.now
        spawnLock?.lock()
        let spawned = Swift.Result<Int32, LabError> { () throws(LabError) -> Int32 in
            try spawnProcess(executable: executable, argv: argv, stdin: inPath, stdout: outPath,
                             stderr: errPath, newSession: false)
        }
        spawnLock?.unlock()
        let pid = try spawned.get()
        let deadline = started + .milliseconds(Int(max(0, timeout) * 1000))
        var status: Int32 = 0
        var timedOut = false
        var exited = false
        var killAt: ContinuousClock.Instant?
        while !exited {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { exited = true; break }
            if result < 0 && errno != EINTR { break }
            let now = ContinuousClock.now
            if let killAt {
                if now >= killAt { kill(pid, SIGKILL) }
            } else if now >= deadline {
                timedOut = true
                kill(pid, SIGTERM)
                killAt = now + .seconds(1)
            }
            usleep(1_000)
        }
        let elapsed = ContinuousClock.now - started
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: code, stdout: stdout, stderr: stderr, timedOut: timedOut,
                      durationMs: Double(elapsed.components.seconds) * 1000
                          + Double(elapsed.components.attoseconds) / 1e15,
                      signal: (status & 0x7f) == 0 ? nil : status & 0x7f)
    }

    /// Runs `argv` and throws unless it exits 0 within `timeout` seconds.
    @discardableResult
    public static func check(_ argv: [String], input: String? = nil, timeout: Double = 10) throws(LabError) -> String {
        let result = try run(argv, input: input, timeout: timeout)
        if result.timedOut {
            throw LabError(.commandTimeout, "\(argv.joined(separator: " ")) did not finish within \(timeout) s")
        }
        guard result.status == 0 else {
            let detail = result.stderr.split(separator: "\n").prefix(5).joined(separator: " | ")
            throw LabError(.commandFailed, "\(argv.joined(separator: " ")) exited \(result.status): \(detail)")
        }
        return result.stdout
    }

    /// Starts a long-running process in its own session, output appended to `logFile`; returns
    /// its PID. The caller records the PID and ends it by PID.
    public static func spawn(_ argv: [String], logFile: String) throws(LabError) -> Int32 {
        guard let first = argv.first, let executable = resolve(first) else {
            throw LabError(.missingTool, "'\(argv.first ?? "")' not found in PATH")
        }
        return try spawnProcess(executable: executable, argv: argv, stdin: "/dev/null", stdout: logFile,
                                stderr: logFile, newSession: true)
    }

    static func spawnProcess(executable: String, argv: [String], stdin: String, stdout: String, stderr: String,
                             newSession: Bool) throws(LabError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        if stderr == stdout {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Children start with default signal handling and an empty mask, whatever ours are.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        if newSession { flags |= 0x80 }   // POSIX_SPAWN_SETSID (glibc, hidden behind _GNU_SOURCE)
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        cArgs.append(nil)
        defer { for pointer in cArgs { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, &cArgs, environ)
        guard result == 0 else {
            throw LabError(.commandFailed, "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// The absolute path of a tool: as given when it contains '/', else searched in PATH and sbin dirs.
    public static func resolve(_ name: String) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let dirs = path.split(separator: ":").map(String.init) + ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        for dir in dirs where !dir.isEmpty {
            let candidate = dir + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
