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
        try await NoNetworkPrerequisites.withScratchNamespace("iceprobe-chk", ip: ip) { namespace, directory in
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
            // One root cause: nothing but loopback (down) here.
            let diagnosis = try #require(object["diagnosis"] as? [String: Any])
            #expect(diagnosis["rootCause"] as? String == "no-network", "\(diagnosis)")
            #expect(ids.first == "no-network")
        }
    }

    /// The issue's case: `check --profile twilio` on a PC with no network at all (an empty
    /// namespace: no packet can leave it). One cause and one action open the report; the nine
    /// regions and the thirty ranges do not flood it; it fits one screen.
    @Test("twilio profile without a network: root cause no-network, one screen")
    func twilioWithoutNetwork() async throws {
        let ip = try #require(Self.ipTool, "the ip tool is missing")
        let binary = try #require(IceprobeBinary.path, "iceprobe executable not found next to the test bundle")
        try await NoNetworkPrerequisites.withScratchNamespace("iceprobe-tw", ip: ip) { namespace, _ in
            let result = try await Coturn.run(ip, ["netns", "exec", namespace, binary, "check", "--profile", "twilio", "--budget", "2",
                                                   "--no-proxy"], timeoutSeconds: 20)
            #expect(result.status == 1)
            let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first?.hasPrefix("Cause:  This computer is not connected to a network") == true, "\(result.output)")
            #expect(lines.dropFirst().first?.hasPrefix("Action: ") == true)
            #expect(lines.count <= 50, "\(lines.count) lines:\n\(result.output)")
            #expect(result.output.components(separatedBy: "FAILURE").count == 2, "one failure only:\n\(result.output)")
            #expect(!result.output.contains("13.115.244.0-13.115.244.31"), "ranges inlined")
            #expect(!result.output.contains("nat      ready"))
        }
    }

    /// The readiness invariant end to end: only TURN is planned (no STUN server), and its servers
    /// never answer (dropped by nft inside the namespace), so the TCP attempt runs until the budget
    /// and nothing proves a media path. Before the invariant this ended `ready-with-warnings`
    /// (IPv6 and a TURN warning were all that was measured).
    @Test("TURN attempts cut off at the budget, no UDP measured: not-ready (media-path-unproven), exit 1")
    func probesCancelledAtTheBudget() async throws {
        let ip = try #require(Self.ipTool, "the ip tool is missing")
        let nft = try #require(["/usr/sbin/nft", "/sbin/nft"].first { FileManager.default.isExecutableFile(atPath: $0) }, "nft is missing")
        let binary = try #require(IceprobeBinary.path, "iceprobe executable not found next to the test bundle")
        try await NoNetworkPrerequisites.withScratchNamespace("iceprobe-cut", ip: ip) { namespace, directory in
            _ = try await Coturn.runSucceeding(ip, ["netns", "exec", namespace, "ip", "link", "set", "lo", "up"], timeoutSeconds: 10)
            for command in [["add", "table", "ip", "hole"],
                            ["add", "chain", "ip", "hole", "out", "{ type filter hook output priority 0; policy accept; }"],
                            ["add", "rule", "ip", "hole", "out", "ip", "daddr", "127.0.0.1", "tcp", "dport", "3478", "drop"],
                            ["add", "rule", "ip", "hole", "out", "ip", "daddr", "127.0.0.1", "udp", "dport", "3478", "drop"]] {
                _ = try await Coturn.runSucceeding(ip, ["netns", "exec", namespace, nft] + command, timeoutSeconds: 10)
            }
            let profile = directory.appendingPathComponent("p.json").path
            try """
            {"schemaVersion": 1, "name": "hang", "homeRegion": "a",
             "regions": [{"id": "a", "turn": ["turn:127.0.0.1:3478?transport=udp", "turn:127.0.0.1:3478?transport=tcp"]}],
             "credentials": {"source": "static", "username": "u", "secret": "not-a-real-secret"}}
            """.write(toFile: profile, atomically: true, encoding: .utf8)
            let clock = SystemClock()
            let start = clock.now
            let result = try await Coturn.run(ip, ["netns", "exec", namespace, binary, "check", profile, "--budget", "2",
                                                   "--no-gather", "--format", "json"], timeoutSeconds: 20)
            let wallMs = Nanoseconds.toMilliseconds(clock.elapsed(since: start))
            #expect(result.status == 1, "\(result.output)")
            #expect(wallMs >= 1_500 && wallMs < 3_500, "the TCP attempt should run to the 2 s budget: \(wallMs) ms")
            let start_ = try #require(result.output.firstIndex(of: "{"), "no JSON: \(result.output)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output[start_...].utf8)) as? [String: Any])
            #expect(object["verdict"] as? String == "not-ready", "\(result.output)")
            #expect(object["udpReachable"] is NSNull, "UDP was not measured: \(object["udpReachable"] ?? "absent")")
            let turn = object["turn"] as? [String: Any] ?? [:]
            #expect(turn["tcp"] as? Bool == false, "\(turn)")
            let findings = (object["findings"] as? [[String: Any]] ?? []).map { "\($0["severity"] ?? ""):\($0["id"] ?? "")" }
            // media-path-unproven leads, unless triage names a root cause that explains it (this
            // namespace has no default route: no-network) and folds it underneath.
            #expect(findings.first == "failure:media-path-unproven" || findings.first == "failure:no-network", "\(findings)")
            // Since region latency by TCP methods (issue 12), the region is also timed over TCP
            // and found unreachable: that failure says why no media path was proven, so
            // media-path-unproven may give way to region-unreachable. Either way nothing was
            // measured to work, and the verdict above is not-ready.
            #expect(findings.contains { $0.hasSuffix(":media-path-unproven") || $0.hasSuffix(":region-unreachable") },
                    "\(findings)")
            #expect(findings.contains { $0.hasSuffix(":turn-unavailable") }, "\(findings)")
        }
    }
}

/// Root, `ip` and the built binary; or CI's ICEPROBE_REQUIRE_INTEGRATION=1 (then missing ones fail).
enum NoNetworkPrerequisites {
    static let ipTool = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let enabled = (getuid() == 0 && ipTool != nil && IceprobeBinary.path != nil)
        || ProcessInfo.processInfo.environment["ICEPROBE_REQUIRE_INTEGRATION"] == "1"

    /// Runs `body` with a fresh, empty network namespace (`PREFIX-PID`) and a fresh temporary
    /// directory; removes both afterwards, also when `body` throws. Deletion runs through the
    /// async process helper so no cooperative thread is blocked.
    static func withScratchNamespace(_ prefix: String, ip: String,
                                     _ body: (_ namespace: String, _ directory: URL) async throws -> Void) async throws {
        let namespace = "\(prefix)-\(getpid() % 100_000)"
        let added = try await Coturn.run(ip, ["netns", "add", namespace], timeoutSeconds: 10)
        try #require(added.status == 0, "ip netns add failed: \(added.output)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        var failure: Error?
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try await body(namespace, directory)
        } catch {
            failure = error
        }
        try? FileManager.default.removeItem(at: directory)
        let deleted = try? await Coturn.run(ip, ["netns", "delete", namespace], timeoutSeconds: 10)
        #expect(deleted?.status == 0, "ip netns delete \(namespace) failed: \(deleted?.output ?? "not run")")
        if let failure { throw failure }
    }
}
