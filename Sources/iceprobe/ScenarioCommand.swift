import ArgumentParser

/// `iceprobe scenario`: declarative lab scenarios (validate without root, run as root).
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Validate and run lab scenarios (Scenarios/*.yaml; schema in Scenarios/README.md).",
        subcommands: [ScenarioValidateCommand.self, ScenarioRunCommand.self]
    )
}
