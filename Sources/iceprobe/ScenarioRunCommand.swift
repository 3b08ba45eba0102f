import ArgumentParser
import Foundation
import Lab

/// `iceprobe scenario run FILE...`: builds each lab, runs its probes, checks expectations, tears down.
/// Exit 0 when every expectation held, 1 otherwise, 2 for invalid files.
struct ScenarioRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run scenarios in network namespaces (root) and print a pass/fail table."
    )

    @Option(name: .long, help: "Write JUnit XML to this file.")
    var junit: String?

    @Flag(name: .long, help: "Print each lab step to standard error.")
    var verbose = false

    @Argument(help: "Scenario files, or names of installed scenarios (iceprobe scenario list).")
    var files: [String]

    func run() throws {
        let scenarios = try LabCommandSupport.loadScenarios(files)
        do {
            try LabBuilder.checkPrerequisites()
        } catch {
            throw LabCommandSupport.fail(error)
        }
        let guardian = LabInterruptGuard()
        guardian.install()
        let verbose = self.verbose
        let runner = ScenarioRunner(
            iceprobeExecutable: LabCommandSupport.selfExecutable(),
            log: { line in if verbose { FileHandleOutput.standardError("lab: " + line) } },
            onLabState: { guardian.track($0) })
        var results: [ScenarioResult] = []
        for scenario in scenarios {
            FileHandleOutput.standardError("scenario \(scenario.name) (\(scenario.file)) ...")
            let result = runner.run(scenario)
            FileHandleOutput.standardError("scenario \(scenario.name): \(result.passed ? "passed" : "FAILED") in \(Int(result.totalMs)) ms")
            results.append(result)
        }
        print(ResultTable.render(results), terminator: "")
        let passedCount = results.filter(\.passed).count
        print("scenarios: \(passedCount) passed, \(results.count - passedCount) failed")
        if let junit {
            do {
                try JUnitReport.render(results).write(toFile: junit, atomically: true, encoding: .utf8)
            } catch {
                FileHandleOutput.standardError("iceprobe: cannot write \(junit): \(error.localizedDescription)")
                throw ExitCode(ExitStatus.failure)
            }
        }
        if !results.allSatisfy(\.passed) { throw ExitCode(ExitStatus.failure) }
    }
}
