import ArgumentParser

/// `--user`, `--credential-file` and `--ice-servers`: the TURN login options, declared once for
/// every subcommand that talks to TURN (`check`, `gather`, `turn`, `media`). The password comes
/// from the file's first line, else from ICEPROBE_TURN_CREDENTIAL; it is never an argument.
struct TurnLoginOptions: ParsableArguments {
    @Option(help: ArgumentHelp("TURN user name (password from --credential-file or ICEPROBE_TURN_CREDENTIAL).",
                               valueName: "name"))
    var user: String?

    @Option(name: .customLong("credential-file"), help: ArgumentHelp(
        "File whose first line is the TURN password (else ICEPROBE_TURN_CREDENTIAL).", valueName: "path"))
    var credentialFile: String?

    @Option(name: .customLong("ice-servers"), help: ArgumentHelp(
        "JSON ICE server list [{\"urls\":[...],\"username\":...,\"credential\":...}]: its servers are tested too, each with its own credentials.",
        valueName: "path"))
    var iceServersFile: String?
}
