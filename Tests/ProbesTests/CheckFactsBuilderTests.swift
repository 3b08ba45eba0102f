import Diagnosis
import Foundation
import Testing
@testable import Probes
import ProbeTransport
import Credentials

/// Observations -> facts and report (pure): regions, UDP reachability, routing, DNS, TURN.
struct CheckFactsBuilderTests {
    static func plan(credential: Bool = false) throws -> CheckPlan {
        let profile = Profile(name: "t", regions: [
            ProfileRegion(id: "jp1", name: "jp1", stun: ["stun:jp1.example.test"], turn: ["turn:jp1.example.test"]),
            ProfileRegion(id: "us1", name: "us1", stun: ["stun:us1.example.test"], turn: ["turn:us1.example.test"]),
        ], homeRegion: "jp1", queueRegion: "us1", interRegionRttMs: ["jp1": ["us1": 170]])
        return try CheckPlanner.plan(profile: profile, options: CheckOptions(
            turnCredential: credential ? TurnCredential(username: "u", password: RedactedSecret("p")) : nil))
    }

    static func latency(_ id: String, rtt: Double, sent: Int = 10, received: Int = 10) -> RegionLatencyObservation {
        RegionLatencyObservation(region: id, server: "stun:\(id).example.test:3478", rttSamplesMs: Array(repeating: rtt, count: received),
                                 sent: sent, received: received)
    }

    @Test("two answering regions: reachable, nearest, routing with the profile's inter-region RTT")
    func answering() throws {
        let plan = try Self.plan()
        var observations = CheckObservations(startedAt: Date(timeIntervalSince1970: 0), durationMs: 1234)
        observations.dnsResolved = ["jp1.example.test", "us1.example.test"]
        observations.latency = ["jp1": Self.latency("jp1", rtt: 10), "us1": Self.latency("us1", rtt: 160)]
        let (report, facts) = CheckFactsBuilder.report(plan: plan, observations: observations, site: "s", agent: "a")
        #expect(facts.udpReachable == true)
        #expect(report.nearestRegion == "jp1")
        #expect(report.regions.map(\.reachable) == [true, true])
        #expect(report.dns == DnsFacts(resolved: ["jp1.example.test", "us1.example.test"], failed: []))
        let routing = try #require(report.routing)
        #expect(routing.interRegionRttMs == 170)
        // anchored: (10 + 10) / 2; bridged: (160 + 10 + 170) / 2 -> 160 ms more one way.
        #expect(abs(routing.detourMs - 160) < 0.001)
        #expect(report.turn == TurnTransportResults(), "TURN servers but no credential: not tested")
        #expect(report.findings.contains { $0.id == .turnNotTested })
        #expect(report.findings.contains { $0.id == .queueDetourExceedsG114 })
        #expect(report.durationMs == 1234)
    }

    @Test("nothing answered: UDP unreachable; DNS failed: region not measured")
    func silent() throws {
        let plan = try Self.plan()
        var observations = CheckObservations(startedAt: Date())
        observations.dnsResolved = ["jp1.example.test"]
        observations.dnsFailed = ["us1.example.test": "dns: NXDOMAIN"]
        observations.latency = ["jp1": Self.latency("jp1", rtt: 0, sent: 10, received: 0),
                                "us1": RegionLatencyObservation(region: "us1", server: "stun:us1.example.test:3478", error: "dns")]
        let facts = CheckFactsBuilder.facts(plan: plan, observations: observations)
        #expect(facts.udpReachable == false)
        #expect(facts.regions.map(\.reachable) == [false, nil])
        #expect(facts.regions[0].lossPercent == 100)
        #expect(facts.dns?.failed == ["us1.example.test"])
        #expect(facts.routing == nil)
        let assessment = ReadinessEvaluator.evaluate(facts)
        #expect(assessment.verdict == .notReady)
    }

    @Test("a NAT probe whose servers did not resolve is not measured")
    func natUnresolved() throws {
        let plan = try Self.plan()
        var observations = CheckObservations(startedAt: Date())
        observations.nat = NatSession(servers: [])
        #expect(CheckFactsBuilder.facts(plan: plan, observations: observations).nat == nil)
    }

    @Test("TURN planned but nothing finished: transports not measured; failures named")
    func turnResults() throws {
        let plan = try Self.plan(credential: true)
        var observations = CheckObservations(startedAt: Date())
        #expect(CheckFactsBuilder.turnResults(plan: plan, observations: observations) == TurnTransportResults())
        var failed = TurnObservation(server: "turn:jp1.example.test:3478", transport: .udp, hadCredential: true, username: "u")
        failed.failedStage = .allocate
        failed.transportError = TransportError(.timeout, "no answer")
        observations.turn = [failed]
        let results = try #require(CheckFactsBuilder.turnResults(plan: plan, observations: observations))
        #expect(results.udp == false && results.tcp == nil && results.tls == nil)
        #expect(results.failures == [TurnFailure(transport: "udp", error: "timeout")])
    }
}

/// The evaluator on the facts `iceprobe check` produces behind a TCP-443-only firewall.
struct CheckUdpBlockedVerdictTests {
    @Test("UDP blocked, TURN over TLS works: home region silence is a warning, verdict ready-with-warnings")
    func tlsOnly() {
        let facts = ReadinessFacts(udpReachable: false, turn: TurnTransportResults(udp: false, tcp: false, tls: true),
                                   regions: [RegionResult(id: "jp1", rttSamplesMs: [], sent: 10),
                                             RegionResult(id: "us1", rttSamplesMs: [], sent: 10)],
                                   homeRegion: "jp1", ipv6Available: true)
        let assessment = ReadinessEvaluator.evaluate(facts, triage: false)
        #expect(assessment.verdict == .readyWithWarnings, "\(assessment.findings.map { "\($0.severity):\($0.id.rawValue)" })")
        #expect(assessment.findings.filter { $0.id == .regionUnreachable }.allSatisfy { $0.severity == .warning })
        #expect(assessment.findings.contains { $0.id == .turnTlsOnly })
        // Triaged: one cause, the silent regions its consequences.
        let triaged = ReadinessEvaluator.evaluate(facts)
        #expect(triaged.verdict == .readyWithWarnings)
        #expect(triaged.diagnosis.rootCause == .udpBlocked)   // why TCP 3478 failed is not named here
        #expect(triaged.findings.filter { $0.id == .regionUnreachable }.allSatisfy { $0.explainedBy == .udpBlocked })
    }

    @Test("UDP blocked and no relay: the home region's silence stays a failure")
    func nothingWorks() {
        let facts = ReadinessFacts(udpReachable: false, turn: TurnTransportResults(udp: false, tcp: false, tls: false),
                                   regions: [RegionResult(id: "jp1", rttSamplesMs: [], sent: 10)], homeRegion: "jp1")
        let assessment = ReadinessEvaluator.evaluate(facts, triage: false)
        #expect(assessment.verdict == .notReady)
        #expect(assessment.findings.contains { $0.id == .regionUnreachable && $0.severity == .failure })
        // Triaged: UDP blocked is the one failure; the region's silence is explained by it.
        let triaged = ReadinessEvaluator.evaluate(facts)
        #expect(triaged.verdict == .notReady)
        #expect(triaged.findings.first?.id == .udpBlocked && triaged.findings.first?.severity == .failure)
        #expect(triaged.findings.contains { $0.id == .regionUnreachable && $0.explainedBy == .udpBlocked })
    }
}
