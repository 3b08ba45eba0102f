import ArgumentParser
import Lab

/// `iceprobe scenario validate FILE...`: checks files without root. Exit 0 valid, 2 invalid.
struct ScenarioValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files (unknown keys, types, impossible topologies) without root."
    )

    @Argument(help: "Scenario files, or names of installed scenarios (iceprobe scenario list).")
    var files: [String]

    func run() throws {
        let scenarios = try LabCommandSupport.loadScenarios(files)
        for scenario in scenarios {
            let services = scenario.services.isEmpty ? "" : ", \(scenario.services.count) services"
            print("\(scenario.file): ok (\(scenario.sites.count) sites, \(scenario.regions.count) regions\(services), \(scenario.probes.count) probes)")
        }
    }
}
