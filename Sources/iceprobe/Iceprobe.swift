import ArgumentParser

/// The `iceprobe` command: a thin shell over the library modules.
///
/// Exit codes (all subcommands):
/// - 0: the probe or check succeeded (for `check`: ready, or ready-with-warnings without `--strict`)
/// - 1: the probe ran and failed (network failure, not ready, failed expectation)
/// - 2: usage error (bad flag, bad URI, bad file)
struct Iceprobe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iceprobe",
        abstract: "WebRTC connectivity diagnostics: STUN/TURN probes, NAT classification, network lab.",
        discussion: """
        Exit codes: 0 success, 1 probe failed or expectations not met, 2 usage error.
        """,
        version: IceprobeVersion.string,
        subcommands: IceprobeSubcommands.all
    )
}

enum IceprobeVersion {
    static let string = "0.1.0"
}
