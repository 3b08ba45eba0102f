import Testing
import Foundation
@testable import IceAgent
import IceprobeTestSupport

/// With debug output on, libnice's messages go to standard error, and the TURN password it logs
/// is redacted. Standard error is redirected to a file for the duration of the run.
extension LibniceIntegrationTests {
    @Test(.enabled(if: Integration.coturnEnabled, "turnserver (coturn) is not installed"))
    func debugOutputGoesToStandardErrorWithoutThePassword() async throws {
        try await Coturn.withServer(Self.coturn()) { coturn in
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("iceprobe-ice-stderr-\(getpid()).txt").path
            let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            try #require(file >= 0)
            defer { unlink(path) }
            let saved = dup(2)
            dup2(file, 2)
            close(file)
            var plan = Self.plan([Self.turn(coturn, .udp)])
            plan.debug = true
            let report = try? await Gatherer.gather(plan)
            dup2(saved, 2)
            close(saved)
            let captured = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            #expect(report?.hasServerCandidate == true)
            #expect(captured.contains("libnice-DEBUG"))
            #expect(captured.contains("user/pass <redacted>"))
            #expect(!captured.contains(Coturn.Server.password))
        }
    }
}
