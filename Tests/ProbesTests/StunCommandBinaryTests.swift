import Foundation
import Testing
import StunWire
import ProbeTransport
import IceprobeTestSupport

/// Runs the built `iceprobe` executable (next to the test bundle in the build directory) once per
/// exit code: 0 against coturn, 1 against a closed port, 2 for usage errors; and checks the JSON.
@Suite(.enabled(if: IceprobeBinary.enabled, IceprobeBinary.skipReason))
struct StunCommandBinaryTests {
    static let expectedKeys: Set<String> = [
        "schemaVersion", "kind", "server", "resolvedAddress", "transport", "ok", "localAddress", "mappedAddress",
        "natDetected", "rttMs", "sent", "received", "lossPercent", "retransmissions", "strayPackets", "rfc5780",
        "serverStandard", "otherAddress", "otherAddressAttribute", "responseOrigin", "responseOriginAttribute",
        "mappedAddressAttribute", "software", "error", "durationMs",
    ]

    private func iceprobe(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let binary = try #require(IceprobeBinary.path, "iceprobe executable not found next to the test bundle")
        return try await Coturn.run(binary, arguments, timeoutSeconds: 20)
    }

    private func json(_ output: String) throws -> [String: Any] {
        let line = try #require(output.split(separator: "\n").first(where: { $0.hasPrefix("{") }))
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func exitCodesAndJSONShape() async throws {
        try await Coturn.withServer(.localhostTLS) { server in
            let tlsPort = try #require(server.tlsPort)
            // 0: success, full JSON shape.
            let success = try await iceprobe(["stun", "stun:127.0.0.1:\(server.port)", "--count", "2", "--format", "json"])
            #expect(success.status == 0, "\(success.output)")
            let object = try json(success.output)
            #expect(Set(object.keys) == StunCommandBinaryTests.expectedKeys)
            #expect(object["ok"] as? Bool == true)
            #expect(object["kind"] as? String == "stun")
            #expect(object["transport"] as? String == "udp")
            #expect(object["server"] as? String == "stun:127.0.0.1:\(server.port)")
            #expect(object["resolvedAddress"] as? String == "127.0.0.1:\(server.port)")
            #expect(object["error"] is NSNull)
            #expect(object["natDetected"] as? Bool == false)
            #expect(object["mappedAddress"] as? String == object["localAddress"] as? String)
            let rtt = try #require(object["rttMs"] as? [String: Any])
            #expect(Set(rtt.keys) == ["min", "median", "max", "samples"])
            #expect(rtt["samples"] as? Int == 2)
            // Keys are sorted: the line starts with the alphabetically first key.
            #expect(success.output.hasPrefix("{\"durationMs\":"))

            // 0 over TLS with the generated CA, text output.
            let tls = try await iceprobe(["stun", "stuns:localhost:\(tlsPort)", "--count", "1",
                                          "--ca-file", try #require(server.caFile)])
            #expect(tls.status == 0, "\(tls.output)")
            #expect(tls.output.contains("result:         ok"))
            #expect(tls.output.contains("over tls"))

            // 1: TLS without the CA, named error in JSON.
            let untrusted = try await iceprobe(["stun", "stuns:localhost:\(tlsPort)", "--count", "1", "--format", "json"])
            #expect(untrusted.status == 1, "\(untrusted.output)")
            let failure = try #require(try json(untrusted.output)["error"] as? [String: Any])
            #expect(failure["kind"] as? String == "tls-untrusted-certificate")
        }
    }

    @Test func probeFailureExitsOne() async throws {
        let port = try Coturn.freePort()
        let result = try await iceprobe(["stun", "stun:127.0.0.1:\(port)", "--format", "json", "--timeout", "2"])
        #expect(result.status == 1, "\(result.output)")
        let object = try json(result.output)
        #expect(object["ok"] as? Bool == false)
        #expect(object["mappedAddress"] is NSNull)
        #expect(object["rttMs"] is NSNull)
        let failure = try #require(object["error"] as? [String: Any])
        #expect(failure["kind"] as? String == "refused")
        #expect((failure["message"] as? String)?.isEmpty == false)
    }

    static let usageErrors: [[String]] = [
        ["stun"],
        ["stun", "stun://example.org"],
        ["stun", "turn:example.org"],
        ["stun", "stun:127.0.0.1", "--count", "0"],
        ["stun", "stun:127.0.0.1", "--timeout", "-1"],
        ["stun", "stun:127.0.0.1", "--transport", "sctp"],
        ["stun", "stun:127.0.0.1", "--format", "xml"],
        ["stun", "stun:127.0.0.1", "--insecure"],
        ["stun", "stuns:127.0.0.1", "--ca-file", "/nonexistent.pem"],
        ["stun", "stun:127.0.0.1", "--local-address", "not-an-ip"],
    ]

    @Test(arguments: usageErrors)
    func usageErrorsExitTwo(arguments: [String]) async throws {
        let result = try await iceprobe(arguments)
        #expect(result.status == 2, "\(arguments): \(result.output)")
        #expect(!result.output.isEmpty)
    }
}

/// Where the built `iceprobe` executable is, and whether the binary tests can run.
enum IceprobeBinary {
    static let path: String? = {
        let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        // macOS-style bundles nest the runner in Contents/MacOS; walk up to the build directory.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("iceprobe").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()
    static let enabled = (path != nil && Coturn.enabled) || Coturn.integrationRequired
    static let skipReason: Comment = "needs the built iceprobe executable next to the test bundle (swift build) and coturn; set ICEPROBE_REQUIRE_INTEGRATION=1 to fail instead of skipping"

}
