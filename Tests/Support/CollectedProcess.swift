import Foundation
import ProbeTransport

/// A started child process whose combined stdout/stderr a reader thread collects until the
/// pipe closes. The caller bounds the wait and ends the process by its PID.
final class CollectedProcess: @unchecked Sendable {
    let process: Process
    let reader: Thread
    private let collected = Locked<[UInt8]>([])

    /// Starts `program` with stdin from /dev/null; `environment` entries are added to (or replace
    /// those of) this process's environment.
    init(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let collected = self.collected
        reader = Thread {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            collected.withLock { $0 = Array(data) }
        }
        reader.start()
    }

    /// The output collected so far (all of it once ``reader`` has finished).
    var output: String { String(decoding: collected.current, as: UTF8.self) }
}
