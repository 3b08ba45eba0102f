import Foundation
import Testing
@testable import Lab

/// Pure tests of per-direction impairments: parsing, validation with positions, and which
/// queue, chain and device each direction lands on (no root needed).
struct LinkImpairmentTests {
    /// A scenario whose region `jp1` gets the `impair:` block given (indented under the region).
    func scenario(impair lines: String) -> String {
        """
        name: sample
        regions:
          - name: jp1
            impair:
        \(lines)
        sites:
          - name: home
            clients: [pc1]
        probes: []
        """
    }

    func parse(_ yaml: String) throws -> LinkImpairment {
        let scenario = try ScenarioParser.parse(yaml: yaml, file: "t.yaml")
        return try #require(scenario.regions.first).impairment
    }

    @Test func sharedKeysApplyToBothDirections() throws {
        let link = try parse(scenario(impair: "      delayMs: 20\n      lossPercent: 1\n      rateKbit: 2000"))
        #expect(link.isSymmetric)
        #expect(link.outbound == Impairment(delayMs: 20, lossPercent: 1, rateKbit: 2000))
    }

    @Test func flowStyleFromTheTaskExample() throws {
        let yaml = """
        name: sample
        regions: []
        sites:
          - name: home
            impair: {delayMs: 20, outbound: {lossPercent: 5, rateKbit: 1000}}
            clients: [pc1]
        probes: []
        """
        let site = try #require(try ScenarioParser.parse(yaml: yaml, file: "t.yaml").sites.first)
        #expect(site.impairment.outbound == Impairment(delayMs: 20, lossPercent: 5, rateKbit: 1000))
        #expect(site.impairment.inbound == Impairment(delayMs: 20))
    }

    @Test func directionMapsOverrideKeyByKey() throws {
        let link = try parse(scenario(impair: """
              delayMs: 30
              jitterMs: 5
              burstLoss: {enterPercent: 1, exitPercent: 50}
              rateKbit: 4000
              outbound: {delayMs: 60, rateKbit: 1000, reorder: true}
              inbound: {jitterMs: 0, burstLoss: null, rateKbit: ~}
        """))
        #expect(link.outbound == Impairment(delayMs: 60, jitterMs: 5, burstLoss: .init(enterPercent: 1, exitPercent: 50),
                                            rateKbit: 1000, reorder: true))
        #expect(link.inbound == Impairment(delayMs: 30, jitterMs: 0))
        #expect(!link.isSymmetric)
    }

    @Test func oneDirectionOnlyLeavesTheOtherUnimpaired() throws {
        let link = try parse(scenario(impair: "      outbound: {delayMs: 40}"))
        #expect(link.outbound == Impairment(delayMs: 40))
        #expect(link.inbound.isEmpty)
        #expect(!link.isEmpty)
        #expect(try parse(scenario(impair: "      inbound: {}")).isEmpty)
    }

    @Test func unknownKeyInADirectionIsReportedWhereItIs() {
        // Line 6 is the `outbound:` line; its map opens at column 17, the key at 18.
        let found = issues(scenario(impair: "      delayMs: 5\n      outbound: {delay: 10}"))
        #expect(found.count == 1)
        let issue = found.first
        #expect(issue?.message.contains("impair outbound: unknown key 'delay'") == true)
        #expect(issue?.line == 6)
        #expect(issue?.column == 18)
        #expect(issue?.description.hasPrefix("t.yaml:6:18: error:") == true)
    }

    @Test func directionsDoNotNest() {
        let found = issues(scenario(impair: "      outbound: {inbound: {delayMs: 1}}"))
        #expect(found.contains { $0.message.contains("impair outbound: unknown key 'inbound'") })
        #expect(issues(scenario(impair: "      upstream: {delayMs: 1}"))
            .contains { $0.message.contains("impair: unknown key 'upstream'") && $0.message.contains("outbound, inbound") })
    }

    @Test func aDirectionMustBeAMapping() {
        let found = issues(scenario(impair: "      inbound: 5"))
        #expect(found.contains { $0.message == "impair inbound must be a mapping" && $0.line == 5 && $0.column == 16 })
    }

    @Test func valueRangesAreCheckedInDirections() {
        let found = issues(scenario(impair: "      inbound:\n        lossPercent: 150\n        rateKbit: 2"))
        #expect(found.contains { $0.message.contains("lossPercent must be in 0...100") && $0.line == 6 && $0.column == 22 })
        #expect(found.contains { $0.message.contains("rateKbit must be in 8...10000000") && $0.line == 7 })
        #expect(issues(scenario(impair: "      outbound: {burstLoss: {enterPercent: 1}}"))
            .contains { $0.message.contains("missing required key 'exitPercent'") })
        #expect(issues(scenario(impair: "      outbound: {delayMs: fast}"))
            .contains { $0.message == "delayMs must be a number" })
    }

    @Test func jitterIsCheckedPerDirectionAfterMerging() {
        // The shared jitter (5) exceeds only the inbound delay (2): one issue, at the jitter value.
        let found = issues(scenario(impair: "      delayMs: 10\n      jitterMs: 5\n      inbound: {delayMs: 2}"))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("impair inbound: jitterMs (5.0) must not exceed delayMs (2.0)") == true)
        #expect(found.first?.line == 6)
        #expect(found.first?.column == 17)
        // A jitter given in one direction is reported at its own place.
        let outbound = issues(scenario(impair: "      outbound: {delayMs: 1, jitterMs: 3}"))
        #expect(outbound.count == 1)
        #expect(outbound.first?.message.contains("impair outbound: jitterMs (3.0)") == true)
        #expect(outbound.first?.column == 40)
        // The same problem from the shared keys in both directions is reported once.
        let shared = issues(scenario(impair: "      delayMs: 5\n      jitterMs: 10"))
        #expect(shared.count == 1)
        #expect(shared.first?.message.hasPrefix("jitterMs (10.0) must not exceed delayMs (5.0)") == true)
        // Raising the delay of one direction fixes that direction only.
        let half = issues(scenario(impair: "      jitterMs: 4\n      outbound: {delayMs: 8}"))
        #expect(half.count == 1)
        #expect(half.first?.message.contains("impair inbound:") == true)
    }

    // MARK: the plan: which queue, chain and device each direction uses

    func plan(_ impairment: LinkImpairment) -> ImpairmentPlan {
        ImpairmentPlan(link: ImpairmentPlan.Link(name: "site-home", internetInterface: "site0", farNamespace: "ipab12-r-home",
                                                 farInterface: "wan0", impairment: impairment, queues: (4, 5)),
                       internetNamespace: "ipab12-inet", runDirectory: "/run/x")
    }

    @Test func outboundUsesPreroutingItsQueueAndTheFarEndShaper() {
        let plan = plan(LinkImpairment(outbound: Impairment(delayMs: 40, lossPercent: 5, rateKbit: 1000)))
        #expect(plan.daemons.map(\.queue) == [4])
        #expect(plan.daemons.first?.role == "impair-site-home-outbound")
        #expect(plan.daemons.first?.arguments.prefix(6) == ["lab", "impair", "--queue", "4", "--delay-ms", "40.0"])
        #expect(plan.rules.map(\.argv) == [
            ["iptables", "-w", "5", "-t", "mangle", "-A", "PREROUTING", "-i", "site0",
             "-m", "statistic", "--mode", "random", "--probability", "0.050000", "-j", "DROP"],
            ["iptables", "-w", "5", "-t", "mangle", "-A", "PREROUTING", "-i", "site0",
             "-j", "NFQUEUE", "--queue-num", "4", "--queue-bypass"],
        ])
        #expect(plan.shapers == [ImpairmentPlan.Command(namespace: "ipab12-r-home", argv: [
            "tc", "qdisc", "add", "dev", "wan0", "root", "tbf", "rate", "1000kbit", "burst", "3200", "latency", "200ms"])])
    }

    @Test func inboundUsesPostroutingItsQueueAndTheInternetSideShaper() {
        let plan = plan(LinkImpairment(inbound: Impairment(delayMs: 10, jitterMs: 2, lossPercent: 1, rateKbit: 4000)))
        #expect(plan.daemons.map(\.queue) == [5])
        #expect(plan.daemons.first?.readyFile == "/run/x/impair-5.ready")
        #expect(plan.rules.allSatisfy { $0.namespace == "ipab12-inet" && $0.argv.contains("POSTROUTING") && $0.argv.contains("-o") })
        #expect(plan.rules.count == 2)
        #expect(plan.shapers.map(\.namespace) == ["ipab12-inet"])
        #expect(plan.shapers.first?.argv.contains("site0") == true)
        #expect(plan.shapers.first?.argv.contains("4000kbit") == true)
        #expect(plan.shapers.first?.argv.contains("5000") == true)   // 10 ms at 4000 kbit/s
    }

    @Test func symmetricImpairmentKeepsTheFormerRuleSet() {
        // What the lab built before directions existed: two daemons, four rules, two shapers.
        let plan = plan(LinkImpairment(both: Impairment(delayMs: 5, lossPercent: 1, rateKbit: 2000)))
        #expect(plan.daemons.map(\.queue) == [4, 5])
        #expect(plan.rules.count == 4)
        #expect(Set(plan.shapers.map(\.namespace)) == ["ipab12-inet", "ipab12-r-home"])
        // Loss only, no delay: no daemon, no queue rule.
        let lossOnly = self.plan(LinkImpairment(outbound: Impairment(lossPercent: 3)))
        #expect(lossOnly.daemons.isEmpty)
        #expect(lossOnly.rules.count == 1)
        #expect(lossOnly.shapers.isEmpty)
    }
}
