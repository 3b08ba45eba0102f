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
    /// A reference that is not a path (no `/`, no `.yaml`/`.yml`, no such file) names an installed
    /// scenario: `NAME.yaml` in `InstalledData`'s directories (`/usr/share/iceprobe/scenarios` for
    /// the package).
    static func loadScenarios(_ references: [String]) throws -> [Scenario] {
        var scenarios: [Scenario] = []
        var invalid = false
        for reference in references {
            guard let file = resolveScenario(reference) else {
                FileHandleOutput.standardError("\(reference):0:0: error: no such file, and no installed scenario of that name (searched \(InstalledData.describe(.scenarios)); `iceprobe scenario list` shows them)")
                invalid = true
                continue
            }
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

    /// The file for a scenario reference: the reference itself when it is a path or an existing
    /// file, else the first installed `NAME.yaml`; nil when neither exists.
    static func resolveScenario(_ reference: String) -> String? {
        let search = InstalledData.searchPath(.scenarios)
        if search.isPath(reference) || FileManager.default.fileExists(atPath: reference) { return reference }
        return InstalledData.find(reference, .scenarios)
    }

    static func fail(_ error: Error) -> ExitCode {
        FileHandleOutput.standardError("iceprobe: \(error)")
        return ExitCode(ExitStatus.failure)
    }
}
