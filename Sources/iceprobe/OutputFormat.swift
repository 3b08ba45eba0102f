import ArgumentParser
import Diagnosis
import Foundation

/// `--format text|json`, shared by the probe subcommands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json

    /// Prints `value` as one line of JSON with sorted keys (stable for scripts and golden files).
    static func printJSON(_ value: some Encodable) throws {
        print(try jsonLine(value))
    }

    /// `value` as one line of JSON with sorted keys (every JSON document the executable writes).
    static func jsonLine(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A number for text output: at most 3 decimals, no trailing zeros, locale-free
    /// (Diagnosis' ``NumberText/compact(_:)``, the one formatter of report numbers).
    static func number(_ value: Double) -> String {
        NumberText.compact(value)
    }
}
