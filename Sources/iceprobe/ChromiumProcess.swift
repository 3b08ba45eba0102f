import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium started in a process group of its own (Chromium forks zygote, GPU and
/// network processes), so that `stop` ends every process it started and nothing else: SIGTERM to
/// the group, then SIGKILL after `graceSeconds`. Its standard output and error go to `logFile`.
final class ChromiumProcess: @unchecked Sendable {
    let pid: pid_t
    private var reaped = false

    /// Process groups started and not yet stopped, for `stopAllOnSignal` (SIGTERM or SIGINT to
    /// iceprobe, as a scenario's timeout sends, must not leave Chromium running).
    private static let running = NSLock()
    nonisolated(unsafe) private static var groups: Set<pid_t> = []
    nonisolated(unsafe) private static var signalSources: [DispatchSourceSignal] = []

    /// On SIGTERM or SIGINT: SIGKILL to every Chromium group this process started, then exit
    /// (143 or 130). Installed once, before the first Chromium starts.
    static func stopAllOnSignal() {
        running.withLock {
            guard signalSources.isEmpty else { return }
            for (number, code) in [(SIGTERM, Int32(143)), (SIGINT, Int32(130))] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    let all = running.withLock { groups }
                    for group in all { kill(-group, SIGKILL) }
                    exit(code)
                }
                source.resume()
                signalSources.append(source)
            }
        }
    }

    /// Flags that run Chromium headless as root in a lab namespace (see the README's browser
    /// section): no sandbox (root), no GPU, no first-run UI, autoplay allowed, and a throw-away
    /// profile directory. No media-device flags: the page needs no microphone (its tone is
    /// generated), and a page granted one sees real host addresses instead of mDNS names, which
    /// is not what an agent's browser shows.
    static func arguments(url: String, profileDirectory: String) -> [String] {
        ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
         "--disable-extensions", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--metrics-recording-only", "--mute-audio",
         "--autoplay-policy=no-user-gesture-required",
         "--user-data-dir=\(profileDirectory)", "--window-size=900,1400", url]
    }

    /// A text only this run's processes have on their command line (the temporary directory).
    private let profileMarker: String?

    init(executable: String, arguments: [String], environment: [String: String], logFile: String,
         profileMarker: String? = nil) throws {
        self.profileMarker = profileMarker
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = [executable] + arguments
        let env = environment.map { "\($0.key)=\($0.value)" }
        var cArgv = argv.map { strdup($0) } + [nil]
        var cEnv = env.map { strdup($0) } + [nil]
        defer {
            cArgv.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawnp(&child, executable, &actions, &attributes, &cArgv, &cEnv)
        guard status == 0 else {
            throw BrowserCheckError("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        Self.running.withLock { _ = Self.groups.insert(child) }
    }

    /// Whether the main process has exited (reaps it when it has).
    func hasExited() -> Bool {
        if reaped { return true }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid || (result == -1 && errno == ECHILD) { reaped = true }
        return reaped
    }

    /// Ends the whole process group: SIGTERM, then SIGKILL after `graceSeconds`. Bounded.
    func stop(graceSeconds: Double = 3) {
        kill(-pid, SIGTERM)
        let deadline = Date().addingTimeInterval(graceSeconds)
        while !hasExited() && Date() < deadline { usleep(50_000) }
        // The group may hold children after the main process has gone.
        kill(-pid, SIGKILL)
        if !hasExited() {
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
            reaped = true
        }
        Self.running.withLock { _ = Self.groups.remove(pid) }
        stopCrashHandlers()
    }

    /// Chromium's crash handlers (`chrome_crashpad_handler`) leave its process group (their parent
    /// is init); they end on their own once Chromium has gone, but are stopped here too: the
    /// processes whose command line names this run's profile directory, which `mkdtemp` made
    /// unique, so nothing else matches.
    private func stopCrashHandlers() {
        guard let marker = profileMarker,
              let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return }
        for entry in entries {
            guard let other = pid_t(entry), other != getpid(),
                  let raw = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let command = String(decoding: raw.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            if command.contains("crashpad") && command.contains(marker) { kill(other, SIGKILL) }
        }
    }
}

struct BrowserCheckError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
