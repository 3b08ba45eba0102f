import Testing
@testable import Lab
import IceprobeTestSupport

/// Pure tests of what the lab would build: names, addresses, rules, probe command lines, schedule.
struct LabPlanTests {
    func site(_ nat: NatBehaviour?, firewall: FirewallPolicy = FirewallPolicy(), dns: SiteSpec.DNSMode = .working) -> SiteSpec {
        SiteSpec(name: "home", lan: IPv4Subnet("10.1.0.0/24")!, nat: nat, firewall: firewall, dns: dns, clients: ["pc1"])
    }

    func rules(_ site: SiteSpec) -> String {
        RouterRules(site: site, wanAddress: "198.51.100.2", resolverAddress: "192.0.2.253").ruleset
    }

    @Test func addressing() {
        let scenario = Scenario(name: "x", regions: [RegionSpec(name: "jp1"), RegionSpec(name: "us1")],
                                sites: [site(nil)], probes: [])
        let plan = LabAddressing(prefix: "ipab12", scenario: scenario)
        #expect(plan.allNamespaces == ["ipab12-inet", "ipab12-s-jp1", "ipab12-s-us1", "ipab12-r-home", "ipab12-c-pc1"])
        #expect(IPv4Subnet.format(plan.regionAddresses(1).primary) == "203.0.113.18")
        #expect(IPv4Subnet.format(plan.siteUplink(2).router) == "198.51.100.18")
        #expect(plan.hostRecords.map(\.name) == ["jp1.iceprobe.test", "us1.iceprobe.test"])
        #expect(LabBuilder.newPrefix().count == 6)
    }

    @Test func natRulesFollowTheBehaviour() {
        let cone = rules(site(NatBehaviour(mapping: .endpointIndependent, filtering: .endpointIndependent)))
        #expect(cone.contains("dnat ip to udp dport map @eim"))
        #expect(!cone.contains("@adf"))
        #expect(cone.contains("masquerade\n"))
        let restricted = rules(site(NatBehaviour(mapping: .endpointIndependent, filtering: .addressDependent)))
        #expect(restricted.contains("udp dport . ip saddr @adf dnat"))
        let home = rules(site(NatBehaviour(mapping: .endpointIndependent, filtering: .addressAndPortDependent)))
        #expect(!home.contains("map eim"))
        let symmetric = rules(site(NatBehaviour(mapping: .addressAndPortDependent, filtering: .addressAndPortDependent)))
        #expect(symmetric.contains("masquerade fully-random"))
        let hairpin = rules(site(NatBehaviour(mapping: .endpointIndependent, filtering: .addressAndPortDependent, hairpinning: true)))
        #expect(hairpin.contains("iifname \"br0\" ip daddr 198.51.100.2 meta l4proto udp dnat"))
        #expect(hairpin.contains("snat ip to 198.51.100.2"))
        // No chain may be called by an nft keyword (a chain named "fwd" fails to load).
        for text in [cone, restricted, home, symmetric, hairpin] {
            #expect(!text.contains("chain fwd"))
        }
        #expect(!rules(site(nil)).contains("masquerade"))
    }

    @Test func firewallRules() {
        let udp = rules(site(nil, firewall: FirewallPolicy(mode: .udpBlocked)))
        #expect(udp.contains("iifname \"br0\" meta l4proto udp drop"))
        let tls = rules(site(nil, firewall: FirewallPolicy(mode: .tcp443Only, blocked: [
            FirewallPolicy.BlockedPorts(name: "turn", proto: "udp", first: 3478, last: 3479)])))
        #expect(tls.contains("tcp dport 443 accept"))
        #expect(tls.contains("udp dport 3478-3479 drop comment \"turn\""))
        #expect(rules(site(nil, dns: .blocked)).contains("th dport 53 drop"))
    }

    @Test func triageSiteFeatures() throws {
        let closed = rules(site(nil, firewall: FirewallPolicy(mode: .closed)))
        #expect(closed.contains("iifname \"br0\" ip daddr 192.0.2.253 meta l4proto { tcp, udp } th dport 53 accept\n    iifname \"br0\" drop"))
        var inspected = site(NatBehaviour(mapping: .endpointIndependent, filtering: .addressAndPortDependent))
        inspected.tlsInterception = true
        let text = rules(inspected)
        #expect(text.contains("chain intercept_prerouting {\n    type nat hook prerouting priority dstnat; policy accept;\n    iifname \"br0\" tcp dport 443 redirect to :8443\n  }"))
        #expect(!rules(site(nil)).contains("intercept"))
        let proxy = TinyproxyConfig(listen: "10.1.0.1", port: 3128, allow: "10.1.0.0/24").text
        #expect(proxy == "Port 3128\nListen 10.1.0.1\nTimeout 30\nMaxClients 50\nLogLevel Info\nAllow 10.1.0.0/24\nConnectPort 443\nDisableViaHeader Yes\n")
        // The scenario keys parse, and wrong types are located errors.
        let yaml = """
        name: t
        regions: []
        sites:
          - name: office
            firewall: closed
            defaultRoute: false
            tlsInterception: true
            proxy: true
            clients: [pc1]
        probes: []
        """
        let scenario = try ScenarioParser.parse(yaml: yaml, file: "t.yaml")
        let parsed = try #require(scenario.sites.first)
        #expect(parsed.firewall.mode == .closed && !parsed.defaultRoute && parsed.tlsInterception && parsed.proxy)
        #expect {
            _ = try ScenarioParser.parse(yaml: yaml.replacingOccurrences(of: "proxy: true", with: "proxy: 3128"), file: "t.yaml")
        } throws: { error in
            "\(error)".contains("t.yaml:") && "\(error)".contains("proxy")
        }
    }

    @Test func probeCommandLines() {
        var probe = ProbeSpec(name: "p", client: "pc1", kind: "stun", region: "jp1", transport: .tls)
        #expect(probe.arguments(caPath: "/ca.pem") ==
            ["stun", "stuns:jp1.iceprobe.test:443", "--transport", "tls", "--ca-file", "/ca.pem", "--format", "json"])
        probe.transport = .tcp
        probe.args = ["--count", "3"]
        #expect(probe.arguments(caPath: "/ca.pem") ==
            ["stun", "stun:jp1.iceprobe.test:3478", "--transport", "tcp", "--format", "json", "--count", "3"])
        let explicit = ProbeSpec(name: "p", client: "pc1", kind: "stun", target: "stuns:{region.us1}:5349",
                                 args: ["--ca-file", "{ca}"])
        #expect(explicit.arguments(caPath: "/ca.pem") ==
            ["stun", "stuns:us1.iceprobe.test:5349", "--format", "json", "--ca-file", "/ca.pem"])
    }

    @Test func scheduleKeepsOrderAndDelay() {
        var random = SplitMix64(seed: 0x5C4E_D01E)
        var schedule = ImpairmentSchedule(delayMs: 60, jitterMs: 20, reorder: false, burstLoss: nil)
        var last = -1.0
        for step in 0..<1000 {
            let now = Double(step)
            guard let release = schedule.admit(nowMs: now, random: &random) else {
                Issue.record("no loss configured")
                return
            }
            #expect(release >= now + 40 && release <= max(now + 80, last))
            #expect(release >= last)
            last = release
        }
    }

    @Test func gilbertLossProducesBursts() {
        var random = SplitMix64(seed: 0x611B_E27)
        var schedule = ImpairmentSchedule(delayMs: 0, jitterMs: 0, reorder: false,
                                          burstLoss: Impairment.BurstLoss(enterPercent: 2, exitPercent: 25))
        var lost = 0
        var bursts = 0
        var previousLost = false
        let total = 50_000
        for step in 0..<total {
            let dropped = schedule.admit(nowMs: Double(step), random: &random) == nil
            if dropped { lost += 1; if !previousLost { bursts += 1 } }
            previousLost = dropped
        }
        // Stationary loss = p / (p + r) = 2 / 27 = 7.4 %; mean burst 1/r = 4 packets.
        let rate = Double(lost) / Double(total)
        #expect(rate > 0.055 && rate < 0.095, "loss rate \(rate)")
        let meanBurst = Double(lost) / Double(max(bursts, 1))
        #expect(meanBurst > 3 && meanBurst < 5, "mean burst \(meanBurst)")
    }
}
