import ArgumentParser

/// `iceprobe lab`: keep a scenario's lab standing for manual exploration.
struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Build a scenario's lab and keep it (up), run commands in it (exec), remove it (down).",
        subcommands: [LabUpCommand.self, LabDownCommand.self, LabExecCommand.self, LabImpairCommand.self]
    )
}
