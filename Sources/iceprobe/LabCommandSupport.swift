import ArgumentParser
import Foundation
import Lab

/// Shared helpers of the `scenario` and `lab` commands.
enum LabCommandSupport {
    /// The absolute path of this executable (what the lab runs inside namespaces).
    static func selfExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Reads and validates scenario files; prints every problem; throws exit 2 when any is invalid.
    static func loadScenarios(_ files: [String]) throws -> [Scenario] {
        var scenarios: [Scenario] = []
        var invalid = false
        for file in files {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                FileHandleOutput.standardError("\(file):0:0: error: cannot read: \(error.localizedDescription)")
                invalid = true
                continue
            }
            do {
                scenarios.append(try ScenarioParser.parse(yaml: text, file: file))
            } catch {
                FileHandleOutput.standardError(error.description)
                invalid = true
            }
        }
        if invalid { throw ExitCode(ExitStatus.usage) }
        return scenarios
    }

    static func fail(_ error: Error) -> ExitCode {
        FileHandleOutput.standardError("iceprobe: \(error)")
        return ExitCode(ExitStatus.failure)
    }
}
