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

/// `iceprobe --version`: the version from `git describe` and the commit, stamped into every build
/// by the VersionStamp plugin (`scripts/version.sh`), e.g.
/// `1.2.0+3.g4bd4326 (commit 4bd4326a71d6..., modified)`.
enum IceprobeVersion {
    static let string = "\(BuildVersion.version) (commit \(BuildVersion.commit)\(BuildVersion.modified ? ", modified" : ""))"
}
