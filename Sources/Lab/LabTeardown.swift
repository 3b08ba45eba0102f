import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Removes a lab from its state file: processes by PID (checked against their start time),
/// every process left inside its namespaces, the namespaces by exact name (which removes their
/// interfaces, nft tables, iptables rules, qdiscs and queues), /etc/netns entries, the run directory.
///
/// Bounded: about 3 s per process group to exit after SIGTERM, then SIGKILL; 10 s per command.
public enum LabTeardown {
    /// Tears down and returns the problems met (empty when everything was removed).
    @discardableResult
    public static func tearDown(_ state: LabState) -> [String] {
        var problems: [String] = []
        var victims: [Int32] = []
        for record in state.processes {
            if let ticks = LabState.startTicks(pid: record.pid), ticks == record.startTicks {
                victims.append(record.pid)
            }
        }
        // Anything else still running inside the lab's namespaces was started by the lab too.
        for namespace in state.namespaces where namespaceExists(namespace) {
            if let result = try? CommandRunner.run(["ip", "netns", "pids", namespace], timeout: 10) {
                victims += result.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
            }
        }
        terminate(Array(Set(victims)))
        for namespace in state.namespaces.reversed() where namespaceExists(namespace) {
            do {
                try CommandRunner.check(["ip", "netns", "del", namespace], timeout: 10)
            } catch {
                problems.append("namespace \(namespace): \(error)")
            }
        }
        for directory in state.etcDirectories where directory.hasPrefix("/etc/netns/\(state.prefix)-") {
            // `ip netns del` usually removes it already; only one that stays is a problem.
            if let problem = removeTree(directory) { problems.append(problem) }
        }
        if problems.isEmpty, state.runDirectory.hasPrefix(LabState.baseDirectory + "/") {
            if let problem = removeTree(state.runDirectory) { problems.append(problem) }
        }
        return problems
    }

    /// Removes a directory tree; retries for up to 1 s because an exiting daemon may still delete
    /// its own files meanwhile. Returns a problem only when the directory is still there.
    static func removeTree(_ path: String) -> String? {
        var lastError: Error?
        for _ in 0..<20 {
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                lastError = error
                usleep(50_000)
            }
        }
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return "\(path): \(lastError?.localizedDescription ?? "still present")"
    }

    static func namespaceExists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: "/run/netns/" + name)
    }

    /// SIGTERM, up to 3 s grace, then SIGKILL.
    static func terminate(_ pids: [Int32]) {
        guard !pids.isEmpty else { return }
        for pid in pids where pid > 1 { kill(pid, SIGTERM) }
        let deadline = ContinuousClock.now + .seconds(3)
        while ContinuousClock.now < deadline {
            if pids.allSatisfy({ !alive($0) }) {
                reap(pids)
                return
            }
            usleep(20_000)
        }
        for pid in pids where pid > 1 && alive(pid) { kill(pid, SIGKILL) }
        let killDeadline = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < killDeadline, pids.contains(where: alive) { usleep(20_000) }
        reap(pids)
    }

    /// Collects the exit status of those that are our own children (no zombies left behind).
    static func reap(_ pids: [Int32]) {
        for pid in pids {
            var status: Int32 = 0
            _ = waitpid(pid, &status, WNOHANG)
        }
    }

    /// True while the process exists and is not a zombie.
    static func alive(_ pid: Int32) -> Bool {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return false }
        let state = text[text.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }
}
