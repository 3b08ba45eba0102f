import Foundation
import Testing
import IceprobeTestSupport

/// Runs the built `iceprobe media` executable against coturn on loopback: exit 0 with every
/// target met, 1 when the relays cannot be set up (a wrong password, named), 2 for usage errors;
/// the JSON's documented keys; the password never in stdout or stderr.
@Suite(.serialized, .enabled(if: IceprobeBinary.enabled, IceprobeBinary.skipReason))
struct MediaCommandBinaryTests {
    static let reportKeys: Set<String> = [
        "kind", "schemaVersion", "ok", "verdict", "server", "resolvedAddress", "transport", "codec", "seconds",
        "packetIntervalMs", "payloadBytes", "relayedAddresses", "maxDatagramBytes", "datagrams", "stream",
        "directionsSeparable", "eModelFormula", "notes", "findings", "findingIds", "error", "deallocated", "durationMs",
    ]
    static let streamKeys: Set<String> = [
        "sent", "received", "lost", "lossPercent", "duplicates", "bursts", "burstRatio", "worstWindowLossPercent",
        "jitterMs", "delayVariationMs", "latePercent", "reorderedPercent", "rttMs", "rFactor", "mos", "mosBand",
        "eModel", "returnLeg",
    ]
    static let wrongPassword = "wrong-Pa55-media-3z"

    private func iceprobe(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let binary = try #require(IceprobeBinary.path, "iceprobe executable not found next to the test bundle")
        return try await Coturn.run(binary, arguments, timeoutSeconds: 30)
    }

    private func report(_ output: String) throws -> [String: Any] {
        let line = try #require(output.split(separator: "\n").first(where: { $0.hasPrefix("{") }), "no JSON in: \(output)")
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func usageErrorsExitTwo() async throws {
        for arguments in [["media"], ["media", "stun:127.0.0.1"], ["media", "turn:127.0.0.1", "--seconds", "0"],
                          ["media", "turn:127.0.0.1", "--seconds", "241"], ["media", "turn:127.0.0.1", "--codec", "g729"],
                          ["media", "turn:127.0.0.1", "--transport", "sctp"], ["media", "turn:127.0.0.1", "--credential-file", "/nonexistent"]] {
            let (status, output) = try await iceprobe(arguments)
            #expect(status == 2, "\(arguments): \(output)")
        }
    }

    @Test(.enabled(if: Coturn.enabled, Comment(rawValue: Coturn.skipReason)))
    func streamsAndNamesAWrongPassword() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iceprobe-media-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let right = "\(directory)/right", wrong = "\(directory)/wrong"
        try (Coturn.Server.password + "\n").write(toFile: right, atomically: true, encoding: .utf8)
        try (Self.wrongPassword + "\n").write(toFile: wrong, atomically: true, encoding: .utf8)
        try await Coturn.withServer { server in
            let uri = "turn:127.0.0.1:\(server.port)"
            let (status, output) = try await iceprobe(["media", uri, "--user", Coturn.Server.username, "--credential-file", right,
                                                       "--seconds", "1", "--codec", "pcmu", "--format", "json"])
            #expect(status == 0, "\(output)")
            let json = try report(output)
            #expect(Set(json.keys) == Self.reportKeys)
            #expect(json["kind"] as? String == "media" && json["ok"] as? Bool == true && json["codec"] as? String == "pcmu")
            #expect(json["maxDatagramBytes"] as? Int == 1472)
            let stream = try #require(json["stream"] as? [String: Any])
            #expect(Set(stream.keys) == Self.streamKeys)
            #expect(stream["sent"] as? Int == 50 && stream["received"] as? Int == 50)
            #expect(!output.contains(Coturn.Server.password))

            let (failed, failedOutput) = try await iceprobe(["media", uri, "--user", Coturn.Server.username,
                                                             "--credential-file", wrong, "--seconds", "1"])
            #expect(failed == 1, "\(failedOutput)")
            #expect(failedOutput.contains("wrong-credentials") && failedOutput.contains("media-failed"))
            #expect(!failedOutput.contains(Self.wrongPassword))
        }
    }
}
