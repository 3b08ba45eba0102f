import Foundation
import Testing
import IceprobeTestSupport

/// Runs the built `iceprobe turn` executable against coturn on loopback: exit 0 (at least one
/// transport allocated and relayed), 1 (none did), 2 (usage errors); checks the JSON shape and that
/// the password never appears in stdout or stderr, whatever the outcome.
@Suite(.serialized, .enabled(if: IceprobeBinary.enabled, IceprobeBinary.skipReason))
struct TurnCommandBinaryTests {
    static let reportKeys: Set<String> = ["schemaVersion", "kind", "ok", "results"]
    static let resultKeys: Set<String> = [
        "transport", "server", "ok", "resolvedAddress", "proxy", "localAddress", "relayedAddress", "mappedAddress",
        "lifetimeSeconds", "diagnosis", "explanation", "errorCode", "failedStage", "message", "username",
        "passwordAlgorithm", "redirects", "staleNonceRetries", "connectMs", "tlsHandshakeMs", "tlsVersion", "allocateMs", "relayRttMs",
        "relayLossPercent", "relaySent", "relayReceived", "deallocated", "durationMs",
    ]
    /// Distinct from every other string the tests print, so a leak cannot hide behind a coincidence.
    static let wrongPassword = "wrong-Pa55-zebra-7q"

    private func iceprobe(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let binary = try #require(IceprobeBinary.path, "iceprobe executable not found next to the test bundle")
        return try await Coturn.run(binary, arguments, timeoutSeconds: 20)
    }

    private func report(_ output: String) throws -> [String: Any] {
        let line = try #require(output.split(separator: "\n").first(where: { $0.hasPrefix("{") }), "no JSON in: \(output)")
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    private func results(_ report: [String: Any]) throws -> [[String: Any]] {
        try #require(report["results"] as? [[String: Any]])
    }

    /// A directory with the right and a wrong password file; removed by the caller.
    private func credentialFiles() throws -> (directory: String, right: String, wrong: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iceprobe-turn-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let right = "\(directory)/right", wrong = "\(directory)/wrong"
        try (Coturn.Server.password + "\n").write(toFile: right, atomically: true, encoding: .utf8)
        try (Self.wrongPassword + "\n").write(toFile: wrong, atomically: true, encoding: .utf8)
        return (directory, right, wrong)
    }

    private func expectNoSecret(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!output.contains(Coturn.Server.password), "the password leaked: \(output)", sourceLocation: sourceLocation)
        #expect(!output.contains(Self.wrongPassword), "the password leaked: \(output)", sourceLocation: sourceLocation)
    }

    @Test("exit 0: UDP, TCP and TLS relay; JSON shape; no password in the output")
    func success() async throws {
        let files = try credentialFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        try await Coturn.withServer(.init(tlsNames: ["IP:127.0.0.1"])) { server in
            let tlsPort = try #require(server.tlsPort)
            let run = try await iceprobe(["turn", "turn:127.0.0.1:\(server.port)", "turns:127.0.0.1:\(tlsPort)",
                                          "--user", Coturn.Server.username, "--credential-file", files.right,
                                          "--ca-file", try #require(server.caFile), "--timeout", "3", "--format", "json"])
            #expect(run.status == 0, "\(run.output)")
            expectNoSecret(run.output)
            let object = try report(run.output)
            #expect(Set(object.keys) == Self.reportKeys)
            #expect(object["kind"] as? String == "turn")
            #expect(object["schemaVersion"] as? Int == 1)
            #expect(object["ok"] as? Bool == true)
            let attempts = try results(object)
            #expect(attempts.map { $0["transport"] as? String } == ["udp", "tcp", "tls"])
            for attempt in attempts {
                #expect(Set(attempt.keys) == Self.resultKeys)
                #expect(attempt["ok"] as? Bool == true, "\(attempt)")
                #expect(attempt["diagnosis"] as? String == "ok")
                #expect(attempt["errorCode"] is NSNull)
                #expect(attempt["failedStage"] is NSNull)
                #expect((attempt["relayedAddress"] as? String)?.hasPrefix("127.0.0.1:") == true)
                #expect(attempt["relayReceived"] as? Int == 10)
                #expect(attempt["deallocated"] as? Bool == true)
                #expect(attempt["username"] as? String == Coturn.Server.username)
            #expect(attempt["staleNonceRetries"] as? Int == 0)
                #expect((attempt["allocateMs"] as? Double).map { $0 >= 0 } == true)
            }
            #expect(attempts.first?["connectMs"] is NSNull)
            #expect(attempts.last?["tlsHandshakeMs"] is Double)

            // Text output: also no password.
            let text = try await iceprobe(["turn", "turn:127.0.0.1:\(server.port)", "--transport", "udp",
                                           "--user", Coturn.Server.username, "--credential-file", files.right, "--timeout", "3"])
            #expect(text.status == 0, "\(text.output)")
            expectNoSecret(text.output)
        }
    }

    @Test("exit 1: wrong password (wrong-credentials, 401) and a closed port (tcp-refused); no password in the output")
    func failures() async throws {
        let files = try credentialFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        try await Coturn.withServer { server in
            for format in ["json", "text"] {
                let refused = try await iceprobe(["turn", "turn:127.0.0.1:\(server.port)", "--user", Coturn.Server.username,
                                                  "--credential-file", files.wrong, "--timeout", "3", "--format", format])
                #expect(refused.status == 1, "\(refused.output)")
                expectNoSecret(refused.output)
                if format == "json" {
                    let object = try report(refused.output)
                    #expect(object["ok"] as? Bool == false)
                    let attempts = try results(object)
                    #expect(attempts.count == 2)
                    for attempt in attempts {
                        #expect(Set(attempt.keys) == Self.resultKeys)
                        #expect(attempt["diagnosis"] as? String == "wrong-credentials")
                        #expect(attempt["errorCode"] as? Int == 401)
                        #expect(attempt["relayedAddress"] is NSNull)
                        #expect(attempt["deallocated"] is NSNull)
                    }
                } else {
                    #expect(refused.output.contains("wrong-credentials"))
                }
            }
            let closed = try Coturn.freePort()
            let unreachable = try await iceprobe(["turn", "turn:127.0.0.1:\(closed)?transport=tcp", "--user", Coturn.Server.username,
                                                  "--credential-file", files.right, "--timeout", "2", "--format", "json"])
            #expect(unreachable.status == 1, "\(unreachable.output)")
            expectNoSecret(unreachable.output)
            let attempt = try #require(try results(report(unreachable.output)).first)
            #expect(attempt["diagnosis"] as? String == "tcp-refused")
            #expect(attempt["failedStage"] as? String == "connect")
            #expect(attempt["errorCode"] is NSNull)
        }
    }

    @Test("exit 2: usage errors, never echoing the password")
    func usageErrors() async throws {
        let files = try credentialFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        let cases: [[String]] = [
            ["turn"],
            ["turn", "stun:127.0.0.1:3478"],
            ["turn", "turn:127.0.0.1:3478", "--transport", "quic"],
            ["turn", "turn:127.0.0.1:3478", "--credential-file", files.right],
            ["turn", "turn:127.0.0.1:3478", "--user", "probe", "--credential-file", "\(files.directory)/missing"],
            ["turn", "turn:127.0.0.1:3478", "--user", "probe", "--credential-file", files.right, "--timeout", "0"],
            ["turn", "turn:127.0.0.1:3478", "--user", "probe", "--credential-file", files.wrong,
             "--shared-secret-file", files.right],
            ["turn", "turn:127.0.0.1:3478", "--user", "probe", "--credential-file", files.wrong, "--relay-packets", "0"],
        ]
        for arguments in cases {
            let run = try await iceprobe(arguments)
            #expect(run.status == 2, "\(arguments): \(run.output)")
            #expect(!run.output.isEmpty, "\(arguments): no explanation")
            expectNoSecret(run.output)
        }
    }
}
