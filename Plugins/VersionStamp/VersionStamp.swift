import Foundation
import PackagePlugin

/// Writes `BuildVersion.swift` (version from `git describe`, commit, modified flag) into the
/// iceprobe target by running `scripts/version.sh`, so every build answers `--version` alike: a
/// debug build in the repository, CI's release build and the Debian package's binary.
///
/// A build command, rerun whenever one of its inputs changes: the package's sources and manifest
/// (the "modified" flag), and git's HEAD, index, current branch ref and packed refs (a commit or
/// a checkout). SwiftPM does not rerun prebuild commands when only git's state changed. The script
/// rewrites the file only when its content changes, so an unchanged version costs no compilation.
@main
struct VersionStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let script = package.appending(path: "scripts/version.sh")
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildVersion.swift")
        var inputs: [URL] = [script, package.appending(path: "Package.swift")]
        for case let module as SourceModuleTarget in context.package.targets {
            inputs += module.sourceFiles.map(\.url)
        }
        inputs += Self.gitFiles(package: package)
        return [
            .buildCommand(
                displayName: "iceprobe version from git describe",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [
                    script.path(percentEncoded: false), "--swift", output.path(percentEncoded: false),
                    package.path(percentEncoded: false),
                ],
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }

    /// git's files that change on a commit or checkout: HEAD, the index, the branch's ref and
    /// packed-refs. `.git` may be a directory or, in a worktree, a file naming the git directory.
    /// Only files that exist are listed (a source tarball has none).
    static func gitFiles(package: URL) -> [URL] {
        let fileManager = FileManager.default
        let dotGit = package.appending(path: ".git")
        var gitDir = dotGit
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: dotGit.path(percentEncoded: false), isDirectory: &isDirectory) else { return [] }
        if !isDirectory.boolValue {
            guard let text = try? String(contentsOf: dotGit, encoding: .utf8),
                  let line = text.split(separator: "\n").first, line.hasPrefix("gitdir: ") else { return [] }
            let path = String(line.dropFirst("gitdir: ".count))
            gitDir = path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appending(path: path)
        }
        var commonDir = gitDir
        if let text = try? String(contentsOf: gitDir.appending(path: "commondir"), encoding: .utf8) {
            let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
            commonDir = path.hasPrefix("/") ? URL(fileURLWithPath: path) : gitDir.appending(path: path)
        }
        var files = [gitDir.appending(path: "HEAD"), gitDir.appending(path: "index"), commonDir.appending(path: "packed-refs")]
        if let head = try? String(contentsOf: gitDir.appending(path: "HEAD"), encoding: .utf8), head.hasPrefix("ref: ") {
            let ref = head.dropFirst("ref: ".count).trimmingCharacters(in: .whitespacesAndNewlines)
            files.append(commonDir.appending(path: ref))
        }
        return files.filter { fileManager.fileExists(atPath: $0.path(percentEncoded: false)) }
    }
}
