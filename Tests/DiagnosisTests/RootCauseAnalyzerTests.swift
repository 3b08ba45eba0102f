import Foundation
import Testing
@testable import Diagnosis

private func reached(_ id: String, _ rtt: Double, loss: Double = 0, jitter: Double = 1) -> RegionResult {
    RegionResult(id: id, rttMs: RttSummary(min: rtt, median: rtt, p95: rtt), jitterMs: jitter, lossPercent: loss,
                 reachable: true, samplesSent: 10)
}

private func silent(_ id: String) -> RegionResult {
    RegionResult(id: id, rttMs: nil, jitterMs: nil, lossPercent: 100, reachable: false, samplesSent: 10)
}

private func notProbed(_ id: String) -> RegionResult {
    RegionResult(id: id, rttMs: nil, jitterMs: nil, lossPercent: nil, reachable: nil, samplesSent: nil)
}

private let wired = LocalFacts(interfaces: [.init(name: "eth0", up: true, mtu: 1500, ipv4: ["10.1.0.2"], ipv6: [])],
                               defaultRouteInterface: "eth0", ipv6DefaultRoute: false)
private let names = ["jp1.example.test", "us1.example.test"]
private let blockedNat = NatClassifier.classify(NatObservations(udpReachable: false))

/// A working network in Tokyo: both regions answer, TURN works over every transport.
private let working = ReadinessFacts(
    udpReachable: true, turn: TurnTransportResults(udp: true, tcp: true, tls: true),
    regions: [reached("jp1", 10), reached("us1", 160)], homeRegion: "jp1",
    dns: DnsFacts(resolved: names, failed: []), ipv6Available: false,
    firewallRanges: ["203.0.113.0/24"], localFacts: wired, profileName: "lab")

private func with(_ base: ReadinessFacts, _ change: (inout ReadinessFacts) -> Void) -> ReadinessFacts {
    var copy = base
    change(&copy)
    return copy
}

private func tcp(_ host: String, _ port: Int, _ result: String) -> EgressAttempt {
    EgressAttempt(host: host, port: port, tls: false, result: result, tcpConnected: result == "ok", durationMs: 1)
}

private func tls(_ host: String, _ result: String, issuer: String?, connected: Bool = true) -> EgressAttempt {
    EgressAttempt(host: host, port: 443, tls: true, result: result, tcpConnected: connected, certificateIssuer: issuer, durationMs: 2)
}

private let timeouts = TurnTransportResults(udp: false, tcp: false, tls: false, failures: [
    TurnFailure(transport: "udp", error: "timeout"), TurnFailure(transport: "tcp", error: "timeout"),
    TurnFailure(transport: "tls", error: "timeout"),
])

/// Nothing leaves this computer: every probe failed, as on a PC without a network.
private let isolated = with(working) {
    $0.udpReachable = false
    $0.nat = blockedNat
    $0.turn = TurnTransportResults(udp: false, tcp: false, tls: false, failures: [
        TurnFailure(transport: "udp", error: "dns-failure"), TurnFailure(transport: "tcp", error: "dns-failure"),
        TurnFailure(transport: "tls", error: "dns-failure"),
    ])
    $0.regions = [notProbed("jp1"), notProbed("us1")]
    $0.dns = DnsFacts(resolved: [], failed: names, failures: names.map { DnsFailure(name: $0, kind: .error, detail: "network unreachable") })
}

private struct Row: Sendable, CustomStringConvertible {
    let name: String
    let facts: ReadinessFacts
    let root: FindingID?
    let verdict: Verdict
    /// Findings that must be consequences of the root cause (explainedBy it, info, no action).
    var consequences: Set<FindingID> = []
    /// Findings that must stay independent (own severity and action).
    var independent: Set<FindingID> = []
    /// Words the summary must contain.
    var summaryHas: [String] = []
    /// The cause itself is news the rules had no finding for (interception): it may raise the verdict.
    var raisesVerdict = false
    var description: String { name }
}

private let rows: [Row] = [
    Row(name: "working network, queue detour only", facts: with(working) {
        $0.routing = QueueRoutingEstimate.estimate(QueueRoutingInput(homeRegion: "jp1", farRegion: "us1", homeRttMs: 10, farRttMs: 160))
    }, root: nil, verdict: .readyWithWarnings, independent: [.queueDetourExceedsG114]),
    Row(name: "no interface besides loopback", facts: with(isolated) {
        $0.localFacts = LocalFacts(interfaces: [], defaultRouteInterface: nil, ipv6DefaultRoute: false)
    }, root: .noNetwork, verdict: .notReady, consequences: [.dnsFailure, .udpBlocked, .turnUnavailable],
        summaryHas: ["not connected"]),
    Row(name: "interface but no default route", facts: with(isolated) {
        $0.localFacts = LocalFacts(interfaces: wired.interfaces, defaultRouteInterface: nil, ipv6DefaultRoute: false)
    }, root: .noDefaultRoute, verdict: .notReady, consequences: [.dnsFailure, .udpBlocked, .turnUnavailable],
        summaryHas: ["no default route"]),
    Row(name: "resolver times out", facts: with(working) {
        $0.udpReachable = nil; $0.nat = nil; $0.regions = [notProbed("jp1"), notProbed("us1")]
        $0.turn = TurnTransportResults(udp: false, tcp: false, tls: false, failures: [
            TurnFailure(transport: "udp", error: "dns-failure"), TurnFailure(transport: "tcp", error: "dns-failure"),
            TurnFailure(transport: "tls", error: "dns-failure")])
        $0.dns = DnsFacts(resolved: [], failed: names, failures: names.map { DnsFailure(name: $0, kind: .timeout, detail: "timed out after 1500 ms") })
    }, root: .dnsResolverUnreachable, verdict: .notReady, consequences: [.dnsFailure, .turnUnavailable],
        summaryHas: ["does not answer"]),
    Row(name: "names do not exist", facts: with(working) {
        $0.udpReachable = nil; $0.nat = nil; $0.regions = [notProbed("jp1"), notProbed("us1")]; $0.turn = nil
        $0.dns = DnsFacts(resolved: [], failed: names, failures: names.map { DnsFailure(name: $0, kind: .notFound, detail: "no such host") })
    }, root: .dnsNamesNotFound, verdict: .notReady, consequences: [.dnsFailure],
        summaryHas: ["do not exist", "jp1.example.test"]),
    Row(name: "UDP blocked, TCP 3478 open", facts: with(working) {
        $0.udpReachable = false; $0.nat = blockedNat; $0.regions = [silent("jp1"), silent("us1")]
        $0.turn = TurnTransportResults(udp: false, tcp: true, tls: true, failures: [TurnFailure(transport: "udp", error: "timeout")])
        $0.egress = [tcp("jp1.example.test", 3478, "ok"), tls("jp1.example.test", "ok", issuer: "/CN=lab CA")]
    }, root: .udpBlocked, verdict: .readyWithWarnings, consequences: [.turnUdpFailed, .regionUnreachable]),
    Row(name: "only TCP 443", facts: with(working) {
        $0.udpReachable = false; $0.nat = blockedNat; $0.regions = [silent("jp1"), silent("us1")]
        $0.turn = TurnTransportResults(udp: false, tcp: false, tls: true, failures: [
            TurnFailure(transport: "udp", error: "timeout"), TurnFailure(transport: "tcp", error: "timeout")])
        $0.egress = [tcp("jp1.example.test", 3478, "timeout"), tls("jp1.example.test", "ok", issuer: "/CN=lab CA")]
    }, root: .onlyTcp443, verdict: .readyWithWarnings, consequences: [.udpBlocked, .turnTlsOnly, .regionUnreachable]),
    Row(name: "only TCP 443, known from TURN alone", facts: with(working) {
        $0.udpReachable = false; $0.nat = blockedNat; $0.regions = [silent("jp1"), silent("us1")]
        $0.turn = TurnTransportResults(udp: false, tcp: false, tls: true, failures: [
            TurnFailure(transport: "udp", error: "timeout"), TurnFailure(transport: "tcp", error: "timeout")])
    }, root: .onlyTcp443, verdict: .readyWithWarnings, consequences: [.udpBlocked, .turnTlsOnly]),
    Row(name: "everything blocked, no proxy", facts: with(working) {
        $0.udpReachable = false; $0.nat = blockedNat; $0.regions = [silent("jp1"), silent("us1")]; $0.turn = timeouts
        $0.egress = [tcp("jp1.example.test", 3478, "timeout"), tls("jp1.example.test", "timeout", issuer: nil, connected: false)]
    }, root: .egressBlocked, verdict: .notReady, consequences: [.udpBlocked, .turnUnavailable, .regionUnreachable]),
    Row(name: "everything blocked, proxy configured", facts: with(working) {
        $0.udpReachable = false; $0.nat = blockedNat; $0.regions = [silent("jp1"), silent("us1")]; $0.turn = timeouts
        $0.egress = [tcp("jp1.example.test", 3478, "timeout"), tls("jp1.example.test", "timeout", issuer: nil, connected: false)]
        $0.proxy = ProxySetting(source: "HTTPS_PROXY", host: "10.1.0.1", port: 3128)
    }, root: .proxyRequired, verdict: .notReady, consequences: [.udpBlocked, .turnUnavailable, .regionUnreachable],
        summaryHas: ["10.1.0.1:3128"]),
    Row(name: "TLS intercepted on two servers", facts: with(working) {
        $0.turn = TurnTransportResults(udp: true, tcp: true, tls: false, failures: [TurnFailure(transport: "tls", error: "tls-untrusted-certificate")])
        $0.egress = [tcp("jp1.example.test", 3478, "ok"),
                     tls("jp1.example.test", "tls-untrusted-certificate", issuer: "/CN=Corp Inspection CA"),
                     tls("us1.example.test", "tls-untrusted-certificate", issuer: "/CN=Corp Inspection CA")]
    }, root: .tlsInterception, verdict: .readyWithWarnings, consequences: [.turnTlsFailed],
        summaryHas: ["/CN=Corp Inspection CA", "2 unrelated servers"], raisesVerdict: true),
    Row(name: "one untrusted server is not interception", facts: with(working) {
        $0.turn = TurnTransportResults(udp: true, tcp: true, tls: false, failures: [TurnFailure(transport: "tls", error: "tls-untrusted-certificate")])
        $0.egress = [tls("jp1.example.test", "tls-untrusted-certificate", issuer: "/CN=Self"),
                     tls("us1.example.test", "ok", issuer: "/CN=Public CA")]
    }, root: nil, verdict: .ready, independent: [.turnTlsFailed]),
    Row(name: "wrong TURN credentials", facts: with(working) {
        $0.turn = TurnTransportResults(udp: false, tcp: false, tls: false, failures: ["udp", "tcp", "tls"].map {
            TurnFailure(transport: $0, error: TurnFailure.wrongCredentials) })
    }, root: .turnWrongCredentials, verdict: .readyWithWarnings, consequences: [.turnUnavailable]),
    Row(name: "UDP blocked and wrong credentials: two problems", facts: with(working) {
        $0.udpReachable = false; $0.nat = blockedNat; $0.regions = [silent("jp1"), silent("us1")]
        $0.turn = TurnTransportResults(udp: false, tcp: false, tls: false, failures: ["udp", "tcp", "tls"].map {
            TurnFailure(transport: $0, error: TurnFailure.wrongCredentials) })
    }, root: .udpBlocked, verdict: .notReady, consequences: [.regionUnreachable], independent: [.turnUnavailable]),
    Row(name: "lossy home region", facts: with(working) { $0.regions = [reached("jp1", 10, loss: 8, jitter: 40), reached("us1", 160)] },
        root: .highLoss, verdict: .readyWithWarnings, consequences: [.highJitter]),
    Row(name: "VPN route stays independent", facts: with(working) {
        $0.localFacts = LocalFacts(interfaces: [.init(name: "wg0", up: true, mtu: 1420, ipv4: ["10.8.0.2"], ipv6: [])],
                                   defaultRouteInterface: "wg0", ipv6DefaultRoute: false)
    }, root: nil, verdict: .readyWithWarnings, independent: [.vpnDefaultRoute]),
]

@Suite struct RootCauseAnalyzerTests {
    @Test(arguments: rows)
    private func triage(row: Row) throws {
        let result = ReadinessEvaluator.evaluate(row.facts)
        let raw = ReadinessEvaluator.evaluate(row.facts, triage: false)
        #expect(result.diagnosis.rootCause == row.root)
        #expect(result.verdict == row.verdict)
        if !row.raisesVerdict { #expect(raw.verdict == result.verdict, "triage must not change the verdict") }
        for id in row.consequences {
            #expect(result.diagnosis.consequences.contains(id), "\(id) should be a consequence")
            for finding in result.findings where finding.id == id {
                #expect(finding.explainedBy == row.root && finding.severity == .info && finding.action == nil)
            }
        }
        for id in row.independent {
            let finding = try #require(result.findings.first { $0.id == id }, "\(id) missing")
            #expect(finding.explainedBy == nil && !result.diagnosis.consequences.contains(id))
        }
        for word in row.summaryHas { #expect(result.diagnosis.summary.contains(word), "summary lacks \(word)") }
        if let root = row.root {
            // The root cause is the first finding, the only one that can fail, and it says what to do.
            let first = try #require(result.findings.first)
            #expect(first.id == root && first.explainedBy == nil && first.action?.isEmpty == false)
            #expect(result.findings.dropFirst().allSatisfy { $0.severity != .failure || $0.explainedBy == nil })
            #expect(!result.diagnosis.evidence.isEmpty)
            #expect(result.diagnosis.action == first.action)
            // Every consequence listed is a finding folded under the cause.
            for id in result.diagnosis.consequences {
                #expect(result.findings.contains { $0.id == id && $0.explainedBy == root })
            }
        } else {
            #expect(result.diagnosis == .none)
            #expect(result.findings.allSatisfy { $0.explainedBy == nil })
        }
    }

    @Test func noNetworkFitsOneScreen() throws {
        // The issue's case: twenty-odd failures on a PC with no network become one cause.
        var facts = with(isolated) { $0.localFacts = LocalFacts(interfaces: [], defaultRouteInterface: nil, ipv6DefaultRoute: false) }
        facts.regions = ["jp1", "us1", "us2", "ie1", "de1", "sg1", "au1", "br1", "in1"].map(silent)
        facts.firewallRanges = (0..<30).map { "198.51.\($0).0/24" }
        facts.profileName = "twilio"
        let result = ReadinessEvaluator.evaluate(facts)
        #expect(result.findings.filter { $0.severity == .failure }.map(\.id) == [.noNetwork])
        #expect(result.check(.nat)?.verdict == nil)
        // Every check holding a consequence of the failure says not-ready, none says ready.
        #expect(result.checks.allSatisfy { $0.verdict == nil || $0.verdict == .notReady })
        let report = CheckReport(facts: facts, assessment: result, site: nil, agent: "pc", startedAt: Date(timeIntervalSince1970: 0),
                                 durationMs: 1500, candidates: nil)
        let text = TextReportRenderer.render(report)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("Cause:  This computer is not connected to a network"))
        #expect(lines[0].hasSuffix("[no-network]"))
        #expect(lines[1].hasPrefix("Action: Connect the computer"))
        #expect(lines.count <= 50, "\(lines.count) lines:\n\(text)")
        #expect(!text.contains("198.51.29.0/24"), "ranges must not be inlined")
        // Consequences are named once on one line, not repeated with actions.
        #expect(text.contains("Explained by no-network: "))
        #expect(text.components(separatedBy: "region-unreachable").count == 2)
    }

    @Test func manyRangesPointToTheFirewallRulesCommand() throws {
        var facts = with(working) {
            $0.udpReachable = false; $0.nat = blockedNat; $0.regions = [silent("jp1"), silent("us1")]
            $0.turn = TurnTransportResults(udp: false, tcp: true, tls: true, failures: [TurnFailure(transport: "udp", error: "timeout")])
        }
        facts.firewallRanges = (0..<12).map { "198.51.\($0).0/24" }
        facts.profileName = "twilio"
        let result = ReadinessEvaluator.evaluate(facts)
        let action = try #require(result.diagnosis.action)
        #expect(action.contains("iceprobe check --profile twilio --firewall-rules csv"))
        #expect(!action.contains("198.51.3.0/24"))
        facts.firewallRanges = ["203.0.113.0/24"]
        #expect(ReadinessEvaluator.evaluate(facts).diagnosis.action?.contains("203.0.113.0/24") == true)
    }

    @Test func diagnosisRoundTripsInJSON() throws {
        let facts = with(working) {
            $0.turn = TurnTransportResults(udp: false, tcp: false, tls: false, failures: ["udp", "tcp", "tls"].map {
                TurnFailure(transport: $0, error: TurnFailure.wrongCredentials) })
            $0.proxy = ProxySetting(source: "HTTPS_PROXY", host: "proxy.example.test", port: 3128)
            $0.egress = [tcp("jp1.example.test", 3478, "ok")]
        }
        let report = CheckReport(facts: facts, assessment: ReadinessEvaluator.evaluate(facts), site: "s", agent: "a",
                                 startedAt: Date(timeIntervalSince1970: 0), durationMs: 10, candidates: nil)
        let json = try ReportJSON.render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let diagnosis = try #require(object["diagnosis"] as? [String: Any])
        #expect(diagnosis["rootCause"] as? String == "turn-wrong-credentials")
        #expect(diagnosis["layer"] as? String == "turn-auth")
        #expect(diagnosis["consequences"] as? [String] == ["turn-unavailable"])
        #expect((object["proxy"] as? [String: Any])?["port"] as? Int == 3128)
        let decoded = try ReportJSON.decode(Data(json.utf8))
        #expect(decoded.diagnosis == report.diagnosis)
        #expect(decoded.egress == report.egress)
    }

    @Test func proxySettingsNeverKeepCredentials() throws {
        let parsed = try ProxySetting.parse("http://user:s3cret@proxy.example.test:3128/", source: "HTTPS_PROXY").get()
        #expect(parsed == ProxySetting(source: "HTTPS_PROXY", host: "proxy.example.test", port: 3128))
        #expect(!"\(parsed)".contains("s3cret"))
        #expect(try ProxySetting.parse("10.0.0.1:8080", source: "--proxy").get().port == 8080)
        #expect(try ProxySetting.parse("http://[2001:db8::1]:3128", source: "--proxy").get().host == "2001:db8::1")
        #expect(try ProxySetting.parse("http://proxy", source: "--proxy").get().port == 80)
        for bad in ["socks5://p:1080", "http://:3128", "http://p:0", "http://p:99999", "http://[::1", "http://p q:1"] {
            guard case .failure(let error) = ProxySetting.parse(bad, source: "HTTPS_PROXY") else {
                Issue.record("\(bad) parsed"); continue
            }
            #expect(!error.description.contains("s3cret"))
        }
        guard case .failure(let error) = ProxySetting.parse("ftp://u:s3cret@p:1", source: "HTTPS_PROXY") else { Issue.record("ftp parsed"); return }
        #expect(!error.description.contains("s3cret"))
        #expect(ProxySetting.fromEnvironment(["PATH": "/bin"]) == nil)
        #expect(try ProxySetting.fromEnvironment(["https_proxy": "http://p:1"])?.get().source == "https_proxy")
    }
}
