import ArgumentParser
import Lab

/// `iceprobe lab down [PREFIX]`: removes one lab, or every lab whose state file is in /run/iceprobe.
/// Only what a state file records is touched.
struct LabDownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down", abstract: "Remove a lab started by 'lab up' (all of them without a prefix).")

    @Argument(help: "The lab's prefix (as printed by 'lab up').")
    var prefix: String?

    func run() throws {
        let directories: [String]
        if let prefix {
            guard !prefix.contains("/"), !prefix.isEmpty else { throw ValidationError("invalid prefix '\(prefix)'") }
            directories = [LabState.baseDirectory + "/" + prefix]
        } else {
            directories = LabState.existingRunDirectories()
        }
        if directories.isEmpty { print("no labs found in \(LabState.baseDirectory)") }
        var failed = false
        for directory in directories {
            let state: LabState
            do {
                state = try LabState.load(runDirectory: directory)
            } catch {
                FileHandleOutput.standardError("iceprobe: \(error)")
                failed = true
                continue
            }
            let problems = LabTeardown.tearDown(state)
            for problem in problems { FileHandleOutput.standardError("iceprobe: \(problem)") }
            failed = failed || !problems.isEmpty
            print("lab \(state.prefix) (\(state.scenarioName)) \(problems.isEmpty ? "removed" : "partly removed")")
        }
        if failed { throw ExitCode(ExitStatus.failure) }
    }
}
