import Foundation

/// Counts of this process's threads and file descriptors, read from /proc/self.
struct ProcessResources: Equatable, CustomStringConvertible {
    var threads: Int
    var fileDescriptors: Int
    /// Threads named like IceAgent's GLib loop thread.
    var loopThreads: Int

    static func current() -> ProcessResources {
        let fm = FileManager.default
        let tasks = (try? fm.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        let loops = tasks.filter { task in
            let comm = (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? ""
            return comm.trimmingCharacters(in: .whitespacesAndNewlines) == "iceprobe-gloop"
        }.count
        let fds = ((try? fm.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).count
        return ProcessResources(threads: tasks.count, fileDescriptors: fds, loopThreads: loops)
    }

    /// Polls (every 20 ms, at most `timeoutMs`) until `condition` holds; returns the last reading.
    static func settle(timeoutMs: Int = 2000, until condition: (ProcessResources) -> Bool) async -> ProcessResources {
        var reading = current()
        var waited = 0
        while !condition(reading), waited < timeoutMs {
            try? await Task.sleep(for: .milliseconds(20))
            waited += 20
            reading = current()
        }
        return reading
    }

    var description: String { "threads \(threads) (loop \(loopThreads)), fds \(fileDescriptors)" }
}
