import ArgumentParser
import Diagnosis
import Foundation

/// Resolves `--profile NAME|FILE`: a shipped name (embedded in the binary) or a file path.
/// A path is anything containing `/` or ending in `.json`, or an existing file. Errors are usage
/// errors (exit 2) with the profile's location (file:line: key.path: problem).
enum CheckProfileSource {
    static func load(_ reference: String) throws -> Profile {
        let looksLikePath = reference.contains("/") || reference.hasSuffix(".json") || FileManager.default.fileExists(atPath: reference)
        if !looksLikePath {
            do {
                if let profile = try ProfileCatalog.profile(named: reference) { return profile }
            } catch {
                throw ValidationError("\(error)")
            }
            throw ValidationError("--profile \(reference): no shipped profile of that name (\(ProfileCatalog.names.joined(separator: ", "))) and no such file")
        }
        guard let data = FileManager.default.contents(atPath: reference) else {
            throw ValidationError("--profile \(reference): cannot read the file (missing or not permitted)")
        }
        do {
            return try ProfileParser.parse(Array(data), source: reference)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
