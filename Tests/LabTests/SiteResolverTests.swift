import Foundation
import Testing
@testable import Lab

/// Site resolver answers (`resolver: answers:`) and silent region ports (`blockedPorts`): parsing,
/// validation with positions, and the dnsmasq / nft text they become (pure; no root needed).
struct SiteResolverTests {
    static let base = """
    name: steering
    regions:
      - name: jp1
        hostnames: [roaming.iceprobe.test]
      - name: us1
        blockedPorts:
          - {name: stun, protocol: udp, ports: 3478-3479}
          - {name: tls, protocol: tcp, ports: 5349}
    sites:
      - name: vpn
        lan: 10.97.0.0/24
        resolver:
          answers:
            roaming.iceprobe.test: us1
            other.example.test: 192.0.2.77
        clients: [pc1]
    probes:
      - name: check
        client: pc1
        run: check
        target: lab
        expect:
          $exitCode: 0
    """

    func issues(_ yaml: String) -> [ScenarioIssue] {
        do {
            _ = try ScenarioParser.parse(yaml: yaml, file: "t.yaml")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func answersAndBlockedPortsParse() throws {
        let scenario = try ScenarioParser.parse(yaml: Self.base, file: "t.yaml")
        let answers = try #require(scenario.sites.first?.resolverAnswers)
        #expect(answers.map(\.name) == ["roaming.iceprobe.test", "other.example.test"])
        #expect(answers.map(\.target) == ["us1", "192.0.2.77"])
        #expect(scenario.regions[1].blockedPorts == [
            FirewallPolicy.BlockedPorts(name: "stun", proto: "udp", first: 3478, last: 3479),
            FirewallPolicy.BlockedPorts(name: "tls", proto: "tcp", first: 5349, last: 5349),
        ])
    }

    @Test func unknownTargetIsRejectedWhereItIsWritten() {
        let found = issues(Self.base.replacingOccurrences(of: "roaming.iceprobe.test: us1", with: "roaming.iceprobe.test: eu9"))
        #expect(found.count == 1)
        #expect(found.first?.line == 14)
        #expect(found.first?.message.contains("must be a region of this scenario (jp1, us1) or an IPv4 address, not 'eu9'") == true)
    }

    @Test func badNamesAndContradictionsAreRejected() {
        #expect(issues(Self.base.replacingOccurrences(of: "other.example.test:", with: "bad_name..test:"))
            .contains { $0.message.contains("is not a valid host name") })
        #expect(issues(Self.base.replacingOccurrences(of: "    clients: [pc1]", with: "    dns: blocked\n    clients: [pc1]"))
            .contains { $0.message.contains("resolver answers need DNS") })
        #expect(issues(Self.base.replacingOccurrences(of: "answers:", with: "answer:"))
            .contains { $0.message.contains("unknown key 'answer'") })
        #expect(issues(Self.base.replacingOccurrences(of: "ports: 5349}", with: "ports: 0}"))
            .contains { $0.message.contains("ports must be a port") })
    }

    @Test func siteResolverForwardsEverythingElseToTheLabResolver() {
        let config = ResolverConfig(listenAddress: "10.97.0.1", records: [("roaming.iceprobe.test", "203.0.113.18")],
                                    upstream: "192.0.2.253")
        let text = config.dnsmasqConfiguration
        #expect(text.contains("listen-address=10.97.0.1\n"))
        #expect(text.contains("host-record=roaming.iceprobe.test,203.0.113.18\n"))
        #expect(text.contains("server=192.0.2.253\n"))
        #expect(!text.contains("local=/"))
        let lab = ResolverConfig(listenAddress: "192.0.2.253", records: []).dnsmasqConfiguration
        #expect(lab.contains("local=/iceprobe.test/") && !lab.contains("server="))
    }

    @Test func blockedRegionPortsAreDroppedBeforeTheTlsRedirect() {
        let ruleset = RouterRules.serverRuleset(tlsPort: 5349, blocked: [
            FirewallPolicy.BlockedPorts(name: "stun", proto: "udp", first: 3478, last: 3479),
        ])
        #expect(ruleset.contains("type filter hook prerouting priority raw; policy accept;"))
        #expect(ruleset.contains("udp dport 3478-3479 drop comment \"stun\""))
        #expect(ruleset.contains("tcp dport 443 redirect to :5349"))
        #expect(!RouterRules.serverRuleset(tlsPort: 5349).contains("filter_prerouting"))
    }
}
