import Foundation
import PackagePlugin

/// Writes `BuildVersion.swift` (version from `git describe`, commit, modified flag) into the
/// target before every build, by running `scripts/version.sh`. Every build gets it: a debug build
/// in the repository, CI's release build and the Debian package's binary answer `--version` alike.
/// The script rewrites the file only when its content changes, so an unchanged commit costs no
/// recompilation.
@main
struct VersionStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        let package = context.package.directoryURL
        let script = package.appending(path: "scripts/version.sh")
        return [
            .prebuildCommand(
                displayName: "iceprobe version from git describe",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [
                    script.path(percentEncoded: false),
                    "--swift", output.appending(path: "BuildVersion.swift").path(percentEncoded: false),
                    package.path(percentEncoded: false),
                ],
                outputFilesDirectory: output)
        ]
    }
}
