import Diagnosis
import Foundation
import Testing
import IceprobeTestSupport
@testable import Probes

/// `check --firewall-rules`: the profile's required egress, per region and for media, in four
/// forms an admin can apply; loaded by `nft -c` (check only, changes nothing) when it is present.
@Suite struct FirewallRulesTests {
    private func profile(_ name: String) throws -> Profile {
        try #require(try ProfileCatalog.profile(named: name))
    }

    @Test func labProfileRules() throws {
        let rules = try FirewallRulePlanner.rules(for: try profile("lab"))
        #expect(rules.map { "\($0.scope) \($0.proto.rawValue) \($0.ports)" } == [
            "jp1 udp 3478", "jp1 tcp 3478", "jp1 tcp 443", "us1 udp 3478", "us1 tcp 3478", "us1 tcp 443", "media udp 49152-49999",
        ])
        #expect(rules.allSatisfy { $0.destinations == ["203.0.113.0/24"] && $0.names.isEmpty })
        #expect(rules[0].purpose == "STUN, TURN")
        #expect(rules[2].purpose == "TURN over TLS")
    }

    @Test func twilioEveryRangeOnceInTheMediaRule() throws {
        let twilio = try profile("twilio")
        let rules = try FirewallRulePlanner.rules(for: twilio)
        let media = try #require(rules.last)
        #expect(media.scope == "media" && media.ports == twilio.mediaPorts)
        let every = twilio.mediaRanges + twilio.regions.flatMap(\.addressRanges)
        #expect(Set(media.destinations) == Set(every))
        #expect(media.destinations.count == Set(media.destinations).count)
        // The CSV has one row per destination of every rule, plus the header.
        let csv = FirewallRulesRenderer.render(rules, profile: "twilio", format: .csv)
        let rows = csv.split(separator: "\r\n")
        #expect(rows.count == 1 + rules.map { $0.destinations.count + $0.names.count }.reduce(0, +))
        #expect(rows[0] == "profile,scope,purpose,direction,protocol,ports,destination,kind")
        #expect(rows.dropFirst().allSatisfy { $0.hasPrefix("twilio,") && $0.contains(",outbound,") })
        // The twilio regions name no STUN server of their own (none is documented): UDP 3478 is TURN's.
        #expect(csv.contains("twilio,jp1,TURN,outbound,udp,3478,13.115.244.0-13.115.244.31,ipv4-range"))
    }

    @Test func serversWithoutRangesAreNamed() throws {
        let rules = try FirewallRulePlanner.rules(for: try profile("generic"))
        #expect(!rules.isEmpty && rules.allSatisfy { $0.destinations.isEmpty && !$0.names.isEmpty })
        let netsh = FirewallRulesRenderer.render(rules, profile: "generic", format: .netsh)
        #expect(!netsh.contains("netsh advfirewall"), "no address: no rule, only a remark")
        #expect(netsh.contains("REM google STUN: udp 19302 to stun.l.google.com"))
        let csv = FirewallRulesRenderer.render(rules, profile: "generic", format: .csv)
        #expect(csv.contains(",stun.l.google.com,host-name"))
    }

    @Test func formsForTheLabProfile() throws {
        let rules = try FirewallRulePlanner.rules(for: try profile("lab"))
        let nft = FirewallRulesRenderer.render(rules, profile: "lab", format: .nftables)
        #expect(nft.contains("  set iceprobe_jp1_v4 {\n    type ipv4_addr; flags interval;\n    elements = { 203.0.113.0/24 }\n  }"))
        #expect(nft.components(separatedBy: "  set ").count == 2, "one set per distinct destination list")
        #expect(nft.contains("    ip daddr @iceprobe_jp1_v4 tcp dport 443 accept comment \"jp1: TURN over TLS\""))
        #expect(nft.contains("    ip daddr @iceprobe_jp1_v4 udp dport 49152-49999 accept comment \"media: direct and relayed media\""))
        let iptables = FirewallRulesRenderer.render(rules, profile: "lab", format: .iptables)
        #expect(iptables.contains("iptables -A ICEPROBE-EGRESS -p udp -d 203.0.113.0/24 --dport 49152:49999 -m comment --comment \"iceprobe lab media: direct and relayed media\" -j ACCEPT"))
        #expect(!iptables.contains("ip6tables"))
        let netsh = FirewallRulesRenderer.render(rules, profile: "lab", format: .netsh)
        #expect(netsh.contains("netsh advfirewall firewall add rule name=\"iceprobe lab jp1 TURN over TLS TCP 443\" dir=out action=allow protocol=TCP remoteport=443 remoteip=203.0.113.0/24\r\n"))
        // Same rules, same bytes.
        #expect(FirewallRulesRenderer.render(rules, profile: "lab", format: .nftables) == nft)
    }

    @Test func ipv6PrefixesGoToIp6Rules() throws {
        let rules = [EgressRule(scope: "eu-1", purpose: "TURN", proto: .udp, ports: "3478", destinations: ["192.0.2.0/24", "2001:db8::/32"])]
        let nft = FirewallRulesRenderer.render(rules, profile: "x", format: .nftables)
        #expect(nft.contains("set iceprobe_eu_1_v6 {\n    type ipv6_addr; flags interval;\n    elements = { 2001:db8::/32 }"))
        #expect(nft.contains("ip6 daddr @iceprobe_eu_1_v6 udp dport 3478 accept"))
        let iptables = FirewallRulesRenderer.render(rules, profile: "x", format: .iptables)
        #expect(iptables.contains("ip6tables -N ICEPROBE-EGRESS"))
        #expect(iptables.contains("ip6tables -A ICEPROBE-EGRESS -p udp -d 2001:db8::/32 --dport 3478"))
        let csv = FirewallRulesRenderer.render(rules, profile: "x", format: .csv)
        #expect(csv.contains("x,eu-1,TURN,outbound,udp,3478,2001:db8::/32,ipv6-prefix"))
    }

    /// nft parses every shipped profile's rules (`nft -c`: check only, nothing is loaded).
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/nft")))
    func nftAcceptsEveryShippedProfile() async throws {
        for name in ProfileCatalog.names {
            let rules = try FirewallRulePlanner.rules(for: try profile(name))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("iceprobe-fw-\(UUID().uuidString).nft").path
            try FirewallRulesRenderer.render(rules, profile: name, format: .nftables).write(toFile: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: file) }
            let result = try await Coturn.run("/usr/sbin/nft", ["-c", "-f", file], timeoutSeconds: 10)
            #expect(result.status == 0, "\(name): \(result.output)")
        }
    }
}

/// The command prints the rules and exits 0 without probing; a bad format is a usage error.
@Suite(.enabled(if: IceprobeBinary.path != nil, "needs the built iceprobe executable"))
struct FirewallRulesCommandTests {
    @Test func printsRulesAndExits() async throws {
        let binary = try #require(IceprobeBinary.path)
        let csv = try await Coturn.run(binary, ["check", "--profile", "twilio", "--firewall-rules", "csv"], timeoutSeconds: 20)
        #expect(csv.status == 0)
        #expect(csv.output.hasPrefix("profile,scope,purpose,direction,protocol,ports,destination,kind"))
        #expect(!csv.output.contains("iceprobe check:"), "no readiness report: no probe ran")
        let bad = try await Coturn.run(binary, ["check", "--profile", "lab", "--firewall-rules", "pf"], timeoutSeconds: 20)
        #expect(bad.status == 2)
        #expect(bad.output.contains("nftables"))
    }
}
