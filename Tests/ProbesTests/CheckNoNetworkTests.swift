import Foundation
import Testing
import ProbeTransport

/// `iceprobe check` with no network at all: inside a fresh network namespace (only a down
/// loopback, no routes) the check must say so within its budget and exit 1, never hang.
/// Needs root and `ip`; skipped otherwise unless ICEPROBE_REQUIRE_INTEGRATION=1.
@Suite(.enabled(if: NoNetworkPrerequisites.enabled, "needs root, the `ip` tool and the built iceprobe (set ICEPROBE_REQUIRE_INTEGRATION=1 to fail instead)"))
struct CheckNoNetworkTests {
    static let ipTool = NoNetworkPrerequisites.ipTool

    @Test("no route and no DNS: not-ready, exit 1, within a 2 s budget")
    func noNetwork() async throws {
        let ip = try #require(Self.ipTool, "the ip tool is missing")
        let binary = try #require(IceprobeBinary.path, "iceprobe executable not found next to the test bundle")
        let namespace = "iceprobe-chk-\(getpid() % 100_000)"
        let added = try await Coturn.run(ip, ["netns", "add", namespace], timeoutSeconds: 10)
        try #require(added.status == 0, "ip netns add failed: \(added.output)")
        defer {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ip)
            process.arguments = ["netns", "delete", namespace]
            try? process.run()
            process.waitUntilExit()
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iceprobe-check-nonet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let profile = directory.appendingPathComponent("p.json").path
        try """
        {"schemaVersion": 1, "name": "nonet", "homeRegion": "a",
         "regions": [{"id": "a", "stun": ["stun:192.0.2.1:3478"]}, {"id": "b", "stun": ["stun:region-b.example.test:3478"]}]}
        """.write(toFile: profile, atomically: true, encoding: .utf8)
        let clock = SystemClock()
        let start = clock.now
        let result = try await Coturn.run(ip, ["netns", "exec", namespace, binary, "check", profile, "--budget", "2",
                                               "--format", "json"], timeoutSeconds: 20)
        let wallMs = Nanoseconds.toMilliseconds(clock.elapsed(since: start))
        #expect(result.status == 1, "\(result.output)")
        #expect(wallMs < 3_500, "a 2 s budget took \(wallMs) ms")
        let start_ = try #require(result.output.firstIndex(of: "{"), "no JSON: \(result.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output[start_...].utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "not-ready")
        let regions = object["regions"] as? [[String: Any]] ?? []
        #expect(regions.first?["reachable"] as? Bool == false, "\(regions)")
        let ids = (object["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids.contains("region-unreachable") && ids.contains("dns-failure"), "\(ids)")
    }
}

/// Root, `ip` and the built binary; or CI's ICEPROBE_REQUIRE_INTEGRATION=1 (then missing ones fail).
enum NoNetworkPrerequisites {
    static let ipTool = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let enabled = (getuid() == 0 && ipTool != nil && IceprobeBinary.path != nil)
        || ProcessInfo.processInfo.environment["ICEPROBE_REQUIRE_INTEGRATION"] == "1"
}
