import Foundation
import Testing
import IceprobeTestSupport

/// Rendering is deterministic across processes, not only within one: Swift seeds its hashing per
/// process, so a renderer that iterates a Dictionary or Set gives the same bytes twice in one
/// process and different bytes in the next. Each rendering here is made by two separate runs of
/// the binary over the same saved lab reports and compared byte for byte.
@Suite(.enabled(if: IceprobeBinary.path != nil, "needs the built iceprobe"))
struct CrossProcessDeterminismTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DiagnosisTests/Fixtures/site")

    @Test(arguments: ["text", "json", "markdown", "html"])
    func siteRollupIsTheSameBytesInTwoProcesses(format: String) async throws {
        let binary = try #require(IceprobeBinary.path)
        let lab = Self.fixtures.appendingPathComponent("lab").path
        let current = Self.fixtures.appendingPathComponent("current").path
        let baseline = Self.fixtures.appendingPathComponent("baseline").path
        for arguments in [["site", lab, current, "--format", format],
                          ["site", current, "--baseline", baseline, "--format", format]] {
            // SWIFT_DETERMINISTIC_HASHING would hide the very thing tested: make sure it is unset.
            let environment = ["SWIFT_DETERMINISTIC_HASHING": ""]
            let first = try await Coturn.run(binary, arguments, environment: environment, timeoutSeconds: 30)
            let second = try await Coturn.run(binary, arguments, environment: environment, timeoutSeconds: 30)
            #expect(first.output.count > 200, "\(arguments): \(first.output.prefix(300))")
            #expect(first.output == second.output, "\(arguments.joined(separator: " ")) differs between two runs")
        }
    }
}
