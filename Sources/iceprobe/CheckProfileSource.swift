import ArgumentParser
import Diagnosis
import Foundation

/// Resolves `--profile NAME|FILE`. A path is anything containing `/`, ending in `.json`, or an
/// existing file. A NAME is looked up as `NAME.json` in the installed directories
/// (`InstalledData`: the user's `~/.config/iceprobe/profiles`, `/etc/iceprobe/profiles`, then
/// `PREFIX/share/iceprobe/profiles` next to the executable), then among the profiles built into
/// the binary. Errors are usage errors (exit 2) with the profile's location
/// (file:line: key.path: problem).
enum CheckProfileSource {
    static func load(_ reference: String) throws -> Profile {
        let search = InstalledData.searchPath(.profiles)
        let looksLikePath = search.isPath(reference) || FileManager.default.fileExists(atPath: reference)
        var file = reference
        if !looksLikePath {
            if let installed = InstalledData.find(reference, .profiles) {
                file = installed
            } else {
                do {
                    if let profile = try ProfileCatalog.profile(named: reference) { return profile }
                } catch {
                    throw ValidationError("\(error)")
                }
                let known = Set(ProfileCatalog.names).union(InstalledData.names(.profiles)).sorted()
                throw ValidationError("--profile \(reference): no such file, and no profile of that name (known: \(known.joined(separator: ", "))); searched \(InstalledData.describe(.profiles)) and the built-in ones")
            }
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("--profile \(reference): cannot read \(file) (missing or not permitted)")
        }
        do {
            return try ProfileParser.parse(Array(data), source: file)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// Every profile name --profile finds, sorted, with what it resolves to: the installed file
    /// that wins the search, else "built-in".
    static func listing() -> [(name: String, source: String)] {
        let names = Set(ProfileCatalog.names).union(InstalledData.names(.profiles)).sorted()
        return names.map { name in (name, InstalledData.find(name, .profiles) ?? "built-in") }
    }
}
