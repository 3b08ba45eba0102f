import ArgumentParser

/// Every subcommand, in the order `--help` lists them. Each lives in its own file.
enum IceprobeSubcommands {
    static let all: [ParsableCommand.Type] = [
        CheckCommand.self,
        BrowserCommand.self,
        StunCommand.self,
        NatCommand.self,
        TurnCommand.self,
        MediaCommand.self,
        GatherCommand.self,
        SiteCommand.self,
        ServeCommand.self,
        ScenarioCommand.self,
        LabCommand.self,
    ]
}
