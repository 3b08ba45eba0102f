import Foundation
import Testing
import ProbeTransport

/// `iceprobe turn` where the network has no route to the server (a fresh namespace: no
/// interfaces up, no routes): every transport must be diagnosed `unreachable` at once, not time
/// out. Needs root and `ip`; skipped otherwise unless ICEPROBE_REQUIRE_INTEGRATION=1.
@Suite(.enabled(if: NoNetworkPrerequisites.enabled, "needs root, the `ip` tool and the built iceprobe (set ICEPROBE_REQUIRE_INTEGRATION=1 to fail instead)"))
struct TurnNoRouteTests {
    @Test("no route: udp, tcp and tls are 'unreachable' within a second, with no allocation")
    func noRoute() async throws {
        let ip = try #require(NoNetworkPrerequisites.ipTool, "the ip tool is missing")
        let binary = try #require(IceprobeBinary.path, "iceprobe executable not found next to the test bundle")
        try await NoNetworkPrerequisites.withScratchNamespace("iceprobe-turn-noroute", ip: ip) { namespace, directory in
            let secret = directory.appendingPathComponent("secret").path
            try "no-route-password\n".write(toFile: secret, atomically: true, encoding: .utf8)
            let clock = SystemClock()
            let start = clock.now
            let result = try await Coturn.run(ip, ["netns", "exec", namespace, binary, "turn",
                                                   "turn:192.0.2.1:3478?transport=udp", "turn:192.0.2.1:3478?transport=tcp",
                                                   "turns:192.0.2.1:443", "--insecure", "--user", "agent",
                                                   "--credential-file", secret, "--format", "json"], timeoutSeconds: 20)
            let wallMs = Nanoseconds.toMilliseconds(clock.elapsed(since: start))
            #expect(result.status == 1, "\(result.output)")
            #expect(wallMs < 1_000, "no route took \(wallMs) ms")
            #expect(!result.output.contains("no-route-password"))
            let brace = try #require(result.output.firstIndex(of: "{"), "no JSON: \(result.output)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output[brace...].utf8)) as? [String: Any])
            let results = object["results"] as? [[String: Any]] ?? []
            #expect(results.count == 3, "\(results)")
            for attempt in results {
                #expect(attempt["diagnosis"] as? String == "unreachable", "\(attempt)")
                #expect(attempt["ok"] as? Bool == false)
                #expect(attempt["relayedAddress"] is NSNull, "\(attempt)")
            }
        }
    }
}
