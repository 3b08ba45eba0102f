import ArgumentParser
import Foundation

/// `--ca-file` and `--insecure`, shared by the subcommands that can speak TLS.
struct TLSOptionGroup: ParsableArguments {
    @Option(name: .customLong("ca-file"), help: ArgumentHelp(
        "PEM file of CA certificates to trust for TLS (default: the system store).", valueName: "path"))
    var caFile: String?

    @Flag(help: "Do not verify the TLS server certificate (chain or name). For testing only.")
    var insecure = false

    /// Usage errors: unreadable CA file, or both options at once.
    func validate(usingTLS: Bool) throws {
        if let caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw ValidationError("--ca-file '\(caFile)' does not exist or is not readable")
            }
        }
        if caFile != nil && insecure {
            throw ValidationError("--ca-file and --insecure contradict each other; use one")
        }
        if !usingTLS && (caFile != nil || insecure) {
            throw ValidationError("--ca-file and --insecure only apply to TLS (stuns:, turns: or --transport tls)")
        }
    }
}
