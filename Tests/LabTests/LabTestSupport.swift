import Foundation
import Testing
@testable import Lab
#if canImport(Glibc)
import Glibc
#endif

/// Gates for the root lab tests: they run when root, the tools and the built iceprobe binary are
/// there, or always when ICEPROBE_REQUIRE_INTEGRATION=1 (then a missing prerequisite fails loudly).
enum LabTestSupport {
    static var required: Bool { ProcessInfo.processInfo.environment["ICEPROBE_REQUIRE_INTEGRATION"] == "1" }

    /// The iceprobe executable: $ICEPROBE_EXECUTABLE, or `iceprobe` next to the test bundle.
    static var iceprobeExecutable: String? {
        if let path = ProcessInfo.processInfo.environment["ICEPROBE_EXECUTABLE"], access(path, X_OK) == 0 {
            return path
        }
        var directory = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "")
        for _ in 0..<5 {
            directory = directory.deletingLastPathComponent()
            let candidate = directory.appendingPathComponent("iceprobe").path
            if access(candidate, X_OK) == 0, !candidate.hasSuffix(".xctest") { return candidate }
        }
        return nil
    }

    static var missingPrerequisite: String? {
        do { try LabBuilder.checkPrerequisites() } catch { return "\(error)" }
        if CommandRunner.resolve("ping") == nil { return "ping not installed (iputils-ping)" }
        if iceprobeExecutable == nil { return "built iceprobe executable not found (run swift build first)" }
        return nil
    }

    /// Enabled when prerequisites hold, or when integration is required (the test then fails).
    static var enabled: Bool {
        if let reason = missingPrerequisite {
            if !required { print("LabTests: skipping root lab tests: \(reason)") }
            return required
        }
        return true
    }

    /// Runs blocking work (the lab builder, teardown and `CommandRunner` wait with waitpid and
    /// usleep) on a thread of its own, so it never holds one of the few cooperative-pool threads
    /// other tests need; the calling test task just awaits the result.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            }.start()
        }
    }

    /// `CommandRunner.run` off the cooperative pool.
    static func run(_ argv: [String], timeout: Double) async throws -> CommandRunner.Result {
        try await offPool { try CommandRunner.run(argv, timeout: timeout) }
    }

    /// Builds the lab of `scenario` (off the pool), runs `body` with its state, and tears it down
    /// afterwards, also when `body` throws; teardown problems are test failures.
    static func withLab(_ scenario: Scenario, executable: String,
                        _ body: (LabState) async throws -> Void) async throws {
        let state = try await offPool { try LabBuilder(scenario: scenario, iceprobeExecutable: executable).up() }
        do {
            try await body(state)
        } catch {
            let problems = (try? await offPool { LabTeardown.tearDown(state) }) ?? ["teardown did not run"]
            #expect(problems.isEmpty, "teardown: \(problems)")
            throw error
        }
        let problems = try await offPool { LabTeardown.tearDown(state) }
        #expect(problems.isEmpty, "teardown: \(problems)")
    }

    static func scenario(_ yaml: String) throws -> Scenario {
        try ScenarioParser.parse(yaml: yaml, file: "inline.yaml")
    }

    /// Namespaces whose names start with `prefix-`.
    static func namespaces(prefix: String) -> [String] {
        let listed = (try? CommandRunner.run(["ip", "netns", "list"]).stdout) ?? ""
        return listed.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.hasPrefix(prefix + "-") }
    }
}
