import ArgumentParser

/// `iceprobe scenario`: declarative lab scenarios (validate without root, run as root).
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Validate, run and list lab scenarios (Scenarios/*.yaml; schema in Scenarios/README.md).",
        subcommands: [ScenarioValidateCommand.self, ScenarioRunCommand.self, ScenarioListCommand.self]
    )
}
