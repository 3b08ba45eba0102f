import Foundation
import Testing

/// `iceprobe check` on a computer whose default route goes through a VPN tunnel: in a fresh
/// network namespace with a real tun device `tun0` carrying the default route, the report's
/// `localFacts` name it and the check warns `vpn-default-route`. Nothing is sent anywhere but
/// into that namespace (its only route leads into an unread tun device). Needs root and `ip`;
/// skipped otherwise unless ICEPROBE_REQUIRE_INTEGRATION=1.
@Suite(.enabled(if: NoNetworkPrerequisites.enabled, "needs root, the `ip` tool and the built iceprobe (set ICEPROBE_REQUIRE_INTEGRATION=1 to fail instead)"))
struct CheckVpnRouteTests {
    @Test("default route through tun0: localFacts say so and the check warns vpn-default-route")
    func vpnLikeDefaultRoute() async throws {
        let ip = try #require(NoNetworkPrerequisites.ipTool, "the ip tool is missing")
        let binary = try #require(IceprobeBinary.path, "iceprobe executable not found next to the test bundle")
        try await NoNetworkPrerequisites.withScratchNamespace("iceprobe-vpn", ip: ip) { namespace, directory in
            for step in [["netns", "exec", namespace, ip, "tuntap", "add", "dev", "tun0", "mode", "tun"],
                         ["-n", namespace, "link", "set", "tun0", "mtu", "1380", "up"],
                         ["-n", namespace, "addr", "add", "10.8.0.2/24", "dev", "tun0"],
                         ["-n", namespace, "route", "add", "default", "dev", "tun0"]] {
                let result = try await Coturn.run(ip, step, timeoutSeconds: 10)
                try #require(result.status == 0, "ip \(step.joined(separator: " ")) failed: \(result.output)")
            }
            let profile = directory.appendingPathComponent("p.json").path
            try """
            {"schemaVersion": 1, "name": "vpn", "regions": [{"id": "a", "stun": ["stun:192.0.2.1:3478"]}]}
            """.write(toFile: profile, atomically: true, encoding: .utf8)
            let out = directory.appendingPathComponent("report.json").path
            let result = try await Coturn.run(ip, ["netns", "exec", namespace, binary, "check", profile, "--budget", "1",
                                                   "--format", "json", "--out", out], timeoutSeconds: 20)
            #expect(result.status <= 1, "\(result.output)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
            let local = try #require(object["localFacts"] as? [String: Any], "no localFacts")
            #expect(local["defaultRouteInterface"] as? String == "tun0")
            #expect(local["defaultRouteMtu"] as? Int == 1380)
            #expect(local["vpnLikeDefaultRoute"] as? Bool == true)
            let interfaces = local["interfaces"] as? [[String: Any]] ?? []
            #expect(interfaces.contains { $0["name"] as? String == "tun0" && ($0["ipv4"] as? [String]) == ["10.8.0.2"] })
            let findings = object["findings"] as? [[String: Any]] ?? []
            let vpn = try #require(findings.first { $0["id"] as? String == "vpn-default-route" }, "\(findings)")
            #expect(vpn["severity"] as? String == "warning" && vpn["subject"] as? String == "tun0")
        }
    }
}
