import Foundation
import Testing
@testable import Lab
import IceprobeTestSupport

/// The scenario reader is total: every shipped scenario, mutated thousands of ways (flipped and
/// overwritten bytes, cut short, lines swapped or duplicated), parses or gives a
/// `ScenarioValidationError` with at least one FILE:LINE:COLUMN problem; it never traps or hangs.
@Suite struct ScenarioFuzzTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios")

    static func mutate(_ text: String, _ random: inout SplitMix64) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch random.next() % 4 {
        case 0 where !lines.isEmpty:        // swap two lines
            lines.swapAt(random.below(lines.count), random.below(lines.count))
            return lines.joined(separator: "\n")
        case 1 where !lines.isEmpty:        // duplicate a line somewhere else
            lines.insert(lines[random.below(lines.count)], at: random.below(lines.count + 1))
            return lines.joined(separator: "\n")
        default:                            // cut, a span removed, or YAML-ish / random bytes overwritten
            let alphabet = Array(":-[]{}\"'#&*!|>%@` \t\n0.9".utf8)
            return String(decoding: random.damage(Array(text.utf8), alphabet: alphabet), as: UTF8.self)
        }
    }

    @Test func mutatedShippedScenariosNeverTrap() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 20, "shipped scenarios not found in \(Self.directory.path)")
        var random = SplitMix64(seed: 0x5CE7_A210)
        var parsed = 0, rejected = 0
        for file in files {
            await Task.yield()   // a few seconds of CPU in all: let other tests' tasks run in between
            let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
            for _ in 0..<150 {
                let mutated = Self.mutate(text, &random)
                do {
                    _ = try ScenarioParser.parse(yaml: mutated, file: file)
                    parsed += 1
                } catch {
                    rejected += 1
                    #expect(!error.issues.isEmpty, "\(file): an error without a problem listed")
                    for issue in error.issues {
                        #expect(issue.line >= 0 && issue.column >= 0 && issue.file == file)
                    }
                }
            }
        }
        print("ScenarioFuzzTests: \(parsed) mutated scenarios still parsed, \(rejected) rejected with located errors")
        #expect(rejected > parsed / 10, "the mutations should break most files")
    }

    @Test func garbageAndHugeInputsAreErrors() {
        for text in ["", "\u{0}\u{1}\u{2}", "[", "name: [", String(repeating: "a: {", count: 5_000),
                     String(repeating: "- ", count: 10_000), "name: x\nregions: 5\n", "\u{FEFF}name: bom"] {
            do {
                _ = try ScenarioParser.parse(yaml: text, file: "garbage.yaml")
                Issue.record("accepted \(text.prefix(40))")
            } catch {
                #expect(!error.issues.isEmpty)
            }
        }
    }
}
