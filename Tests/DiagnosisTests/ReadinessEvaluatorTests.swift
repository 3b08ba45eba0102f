import Foundation
import Testing
@testable import Diagnosis

private let local = ObservedAddress(ip: "10.0.0.2", port: 50000)
private let mapped = ObservedAddress(ip: "203.0.113.5", port: 40000)
private let mapped2 = ObservedAddress(ip: "203.0.113.5", port: 40001)

private let portRestrictedNat = NatClassifier.classify(NatObservations(
    udpReachable: true, localAddress: local, testIMapped: mapped, mappingAlternateIP: mapped,
    mappingAlternateIPAndPort: mapped, filteringChangeIPAndPortAnswered: false, filteringChangePortAnswered: false))
private let symmetricNat = NatClassifier.classify(NatObservations(
    udpReachable: true, localAddress: local, testIMapped: mapped, mappingAlternateIP: mapped2,
    mappingAlternateIPAndPort: mapped2, filteringChangeIPAndPortAnswered: false, filteringChangePortAnswered: false))
private let unknownNat = NatClassifier.classify(NatObservations(udpReachable: true, testIMapped: mapped))

private func region(_ id: String, _ rtt: Double, jitter: Double = 2, loss: Double = 0) -> RegionResult {
    RegionResult(id: id, rttMs: RttSummary(min: rtt, median: rtt, p95: rtt), jitterMs: jitter,
                 lossPercent: loss, reachable: true, samplesSent: 10)
}

/// A region probed with requests 20 ms apart, answered as `pattern` says ("." answered, "x" lost).
private func bursty(_ id: String, _ pattern: String, spacingMs: Double = 20) -> RegionResult {
    let answered = pattern.map { $0 == "." }
    let rtts = answered.filter { $0 }.map { _ in 12.0 }
    return RegionResult(id: id, rttSamplesMs: rtts, sent: answered.count, answered: answered, spacingMs: spacingMs)
}

private func unreachable(_ id: String) -> RegionResult {
    RegionResult(id: id, rttMs: nil, jitterMs: nil, lossPercent: 100, reachable: false, samplesSent: 10)
}

/// A row: facts in, expected verdict and findings (id and severity, in order) out.
private struct Row: Sendable, CustomStringConvertible {
    let name: String
    let facts: ReadinessFacts
    let verdict: Verdict
    let findings: [String]      // "severity:id"
    var thresholds: Thresholds = .defaults
    var description: String { name }
}

private let healthy = ReadinessFacts(udpReachable: true, turn: TurnTransportResults(udp: true, tcp: true, tls: true),
                                     nat: portRestrictedNat, regions: [region("jp1", 12), region("us1", 150)],
                                     homeRegion: "jp1", dns: DnsFacts(resolved: ["a", "b"], failed: []), ipv6Available: true)

private func with(_ base: ReadinessFacts, _ change: (inout ReadinessFacts) -> Void) -> ReadinessFacts {
    var copy = base
    change(&copy)
    return copy
}

private let rows: [Row] = [
    Row(name: "nothing measured", facts: ReadinessFacts(), verdict: .notReady, findings: ["failure:nothing-measured"]),
    Row(name: "healthy", facts: healthy, verdict: .ready, findings: []),
    Row(name: "udp blocked, relay over tcp", facts: with(healthy) {
        $0.udpReachable = false; $0.turn = TurnTransportResults(udp: false, tcp: true, tls: true)
    }, verdict: .readyWithWarnings, findings: ["warning:udp-blocked", "info:turn-udp-failed"]),
    Row(name: "udp blocked, tls only", facts: with(healthy) {
        $0.udpReachable = false; $0.turn = TurnTransportResults(udp: false, tcp: false, tls: true)
    }, verdict: .readyWithWarnings, findings: ["warning:udp-blocked", "info:turn-tls-only"]),
    Row(name: "udp blocked, nothing works, no ipv6", facts: with(healthy) {
        $0.udpReachable = false; $0.turn = TurnTransportResults(udp: false, tcp: false, tls: false); $0.ipv6Available = false
    }, verdict: .notReady, findings: ["failure:udp-blocked", "failure:turn-unavailable", "info:no-ipv6"]),
    Row(name: "udp blocked, turn untested", facts: with(healthy) { $0.udpReachable = false; $0.turn = TurnTransportResults() },
        verdict: .notReady, findings: ["failure:udp-blocked", "info:turn-not-tested"]),
    Row(name: "udp blocked via NAT verdict only", facts: with(healthy) {
        $0.udpReachable = nil; $0.nat = NatClassifier.classify(NatObservations(udpReachable: false))
        $0.turn = TurnTransportResults(udp: false, tcp: true, tls: nil)
    }, verdict: .readyWithWarnings, findings: ["warning:udp-blocked", "info:turn-udp-failed"]),
    Row(name: "symmetric with relay", facts: with(healthy) { $0.nat = symmetricNat },
        verdict: .readyWithWarnings, findings: ["warning:symmetric-nat"]),
    Row(name: "symmetric, relay fails", facts: with(healthy) {
        $0.nat = symmetricNat; $0.turn = TurnTransportResults(udp: false, tcp: false, tls: false)
    }, verdict: .notReady, findings: ["failure:turn-unavailable", "failure:symmetric-nat"]),
    Row(name: "symmetric, relay untested", facts: with(healthy) { $0.nat = symmetricNat; $0.turn = nil },
        verdict: .readyWithWarnings, findings: ["warning:symmetric-nat"]),
    Row(name: "symmetric, relay fails, client-to-server media", facts: with(healthy) {
        $0.nat = symmetricNat; $0.turn = TurnTransportResults(udp: false, tcp: false, tls: false); $0.mediaTopology = .clientToServer
    }, verdict: .readyWithWarnings, findings: ["warning:turn-unavailable", "info:symmetric-nat"]),
    Row(name: "symmetric, relay untested, client-to-server media", facts: with(healthy) {
        $0.nat = symmetricNat; $0.turn = nil; $0.mediaTopology = .clientToServer
    }, verdict: .ready, findings: ["info:symmetric-nat"]),
    Row(name: "symmetric, relay fails, peer-to-peer stated", facts: with(healthy) {
        $0.nat = symmetricNat; $0.turn = TurnTransportResults(udp: false, tcp: false, tls: false); $0.mediaTopology = .peerToPeer
    }, verdict: .notReady, findings: ["failure:turn-unavailable", "failure:symmetric-nat"]),
    Row(name: "only DNS and IPv6 measured: no media path proven", facts: ReadinessFacts(
        dns: DnsFacts(resolved: ["a", "b"], failed: []), ipv6Available: true),
        verdict: .notReady, findings: ["failure:media-path-unproven"]),
    Row(name: "UDP not measured, TURN cancelled or failing: no media path proven", facts: with(healthy) {
        $0.udpReachable = nil; $0.nat = nil; $0.regions = []; $0.turn = TurnTransportResults(udp: false, tcp: false, tls: nil)
    }, verdict: .notReady, findings: ["failure:media-path-unproven", "warning:turn-unavailable"]),
    Row(name: "UDP not measured but a TURN relay works", facts: with(healthy) {
        $0.udpReachable = nil; $0.nat = nil; $0.regions = []; $0.turn = TurnTransportResults(udp: nil, tcp: true, tls: nil)
    }, verdict: .ready, findings: []),
    Row(name: "tls fails while udp relay works", facts: with(healthy) { $0.turn = TurnTransportResults(udp: true, tcp: nil, tls: false) },
        verdict: .ready, findings: ["info:turn-tls-failed"]),
    Row(name: "cone NAT, relay fails", facts: with(healthy) { $0.turn = TurnTransportResults(udp: false, tcp: false, tls: false) },
        verdict: .readyWithWarnings, findings: ["warning:turn-unavailable"]),
    Row(name: "no ipv6 while udp works", facts: with(healthy) { $0.ipv6Available = false },
        verdict: .ready, findings: ["info:no-ipv6"]),
    Row(name: "ALG and unknown NAT", facts: with(healthy) {
        $0.nat = NatClassifier.classify(NatObservations(udpReachable: true, testIMapped: mapped, testIPlainMapped: mapped2))
    }, verdict: .readyWithWarnings, findings: ["warning:alg-detected", "info:nat-unknown"]),
    Row(name: "dns total failure", facts: with(healthy) { $0.dns = DnsFacts(resolved: [], failed: ["a", "b"]) },
        verdict: .notReady, findings: ["failure:dns-resolver-unreachable", "info:dns-failure"]),
    Row(name: "dns partial failure", facts: with(healthy) { $0.dns = DnsFacts(resolved: ["a"], failed: ["b"]) },
        verdict: .readyWithWarnings, findings: ["warning:dns-names-not-found", "info:dns-partial-failure"]),
    Row(name: "home unreachable", facts: with(healthy) { $0.regions = [unreachable("jp1"), region("us1", 150)] },
        verdict: .notReady, findings: ["failure:region-unreachable"]),
    Row(name: "other region unreachable", facts: with(healthy) { $0.regions = [region("jp1", 12), unreachable("us1")] },
        verdict: .readyWithWarnings, findings: ["warning:region-unreachable"]),
    Row(name: "all unreachable, no home", facts: with(healthy) { $0.homeRegion = nil; $0.regions = [unreachable("jp1"), unreachable("us1")] },
        verdict: .notReady, findings: ["failure:region-unreachable", "failure:region-unreachable"]),
    Row(name: "rtt exactly at limit", facts: with(healthy) { $0.regions = [region("jp1", 400)] },
        verdict: .ready, findings: ["info:rtt-above-target"]),
    Row(name: "rtt above limit, jitter and loss above", facts: with(healthy) { $0.regions = [region("jp1", 401, jitter: 31, loss: 1.5)] },
        verdict: .readyWithWarnings, findings: ["warning:high-loss", "warning:high-rtt", "info:high-jitter"]),
    Row(name: "loss above the failure limit", facts: with(healthy) { $0.regions = [region("jp1", 20, loss: 10.5)] },
        verdict: .notReady, findings: ["failure:high-loss"]),
    Row(name: "loss at the failure limit", facts: with(healthy) { $0.regions = [region("jp1", 20, loss: 10)] },
        verdict: .readyWithWarnings, findings: ["warning:high-loss"]),
    Row(name: "jitter and loss at limits", facts: with(healthy) { $0.regions = [region("jp1", 100, jitter: 30, loss: 1)] },
        verdict: .ready, findings: []),
    Row(name: "a burst of three in 200 ms", facts: with(healthy) {
        $0.regions = [bursty("jp1", String(repeating: ".", count: 150) + "xxx" + String(repeating: ".", count: 147))]
    }, verdict: .readyWithWarnings, findings: ["warning:bursty-loss"]),
    Row(name: "isolated losses, 1 % and never two in 200 ms: no burst finding", facts: with(healthy) {
        $0.regions = [bursty("jp1", String(repeating: String(repeating: ".", count: 99) + "x", count: 3))]
    }, verdict: .ready, findings: []),
    Row(name: "bursty but requests 50 ms apart: burst loss not measured", facts: with(healthy) {
        $0.regions = [bursty("jp1", String(repeating: ".", count: 297) + "xxx", spacingMs: 50)]
    }, verdict: .ready, findings: []),
    Row(name: "home not nearest", facts: with(healthy) { $0.regions = [region("jp1", 40), region("sg1", 20)] },
        verdict: .ready, findings: ["info:home-not-nearest"]),
    Row(name: "stricter profile thresholds", facts: with(healthy) { $0.regions = [region("jp1", 60, jitter: 12)] },
        verdict: .readyWithWarnings, findings: ["warning:high-jitter", "warning:high-rtt"],
        thresholds: Thresholds(rttWarningMs: 50, jitterWarningMs: 10)),
]

@Suite struct ReadinessEvaluatorTests {
    @Test(arguments: rows)
    private func rule(row: Row) {
        let result = ReadinessEvaluator.evaluate(row.facts, thresholds: row.thresholds)
        #expect(result.verdict == row.verdict)
        #expect(result.findings.map { "\($0.severity.rawValue):\($0.id.rawValue)" } == row.findings)
        // Every warning or failure says what to do.
        for finding in result.findings where finding.severity != .info && finding.id != .symmetricNat {
            #expect(finding.action?.isEmpty == false, "\(finding.id) has no action")
        }
        // Per-check verdicts agree with their findings as the rules wrote them (a consequence
        // folded under a root cause still fails its own check), plus the root cause's.
        let raw = ReadinessEvaluator.evaluate(row.facts, thresholds: row.thresholds, triage: false)
        let root = result.findings.first { $0.id == result.diagnosis.rootCause }
        for check in result.checks {
            if let verdict = check.verdict {
                let affected = root != nil && (root?.check == check.check
                    || result.findings.contains { $0.check == check.check && $0.explainedBy != nil })
                let severities = raw.findings.filter { $0.check == check.check && $0.id != root?.id }.map(\.severity)
                    + (affected ? [root!.severity] : [])
                #expect(verdict == Verdict(severities: severities))
            }
        }
        // A consequence has no action of its own and never outranks its cause.
        for finding in result.findings where finding.explainedBy != nil {
            #expect(finding.severity == .info && finding.action == nil)
            #expect(finding.explainedBy == result.diagnosis.rootCause)
        }
    }

    @Test func perCheckVerdictsAndNotMeasured() throws {
        let facts = ReadinessFacts(udpReachable: false, turn: TurnTransportResults(udp: false, tcp: true, tls: nil),
                                   firewallRanges: ["168.86.128.0/18"])
        let result = ReadinessEvaluator.evaluate(facts)
        #expect(result.check(.udp)?.verdict == .readyWithWarnings)
        #expect(result.check(.turn)?.verdict == .readyWithWarnings)
        #expect(result.check(.dns)?.verdict == nil)
        #expect(result.check(.routing)?.verdict == nil)
        #expect(result.checks.map(\.check) == CheckID.allCases.filter { $0 != .media })   // media: only when it ran
        let action = try #require(result.findings.first { $0.id == .udpBlocked }?.action)
        #expect(action == "Open UDP 3478 and UDP 10000-60000 outbound to 168.86.128.0/18.")
    }

    @Test func vpnLikeDefaultRouteIsAWarning() throws {
        let vpn = LocalFacts(interfaces: [.init(name: "tun0", up: true, mtu: 1500, ipv4: ["10.8.0.2"], ipv6: [])],
                             defaultRouteInterface: "tun0", ipv6DefaultRoute: false)
        let facts = ReadinessFacts(udpReachable: true, turn: TurnTransportResults(udp: true, tcp: true, tls: true),
                                   firewallRanges: ["168.86.128.0/18"], localFacts: vpn)
        let result = ReadinessEvaluator.evaluate(facts)
        let finding = try #require(result.findings.first { $0.id == .vpnDefaultRoute })
        #expect(finding.severity == .warning && finding.subject == "tun0" && finding.check == nil)
        #expect(finding.message.contains("hairpin") && finding.message.contains("VPN concentrator"))
        #expect(finding.action?.contains("168.86.128.0/18") == true)
        #expect(result.verdict == .readyWithWarnings)
        // A plain Ethernet route, or no local facts at all, gives no such finding.
        for local in [LocalFacts(interfaces: [.init(name: "eth0", up: true, mtu: 1500, ipv4: ["10.0.0.2"], ipv6: [])],
                                 defaultRouteInterface: "eth0", ipv6DefaultRoute: false), nil] {
            var plain = facts
            plain.localFacts = local
            let other = ReadinessEvaluator.evaluate(plain)
            #expect(!other.findings.contains { $0.id == .vpnDefaultRoute })
            #expect(other.verdict == .ready)
        }
    }

    @Test func turnFailureNamesShapeTheAction() throws {
        let auth = TurnTransportResults(udp: false, tcp: false, tls: false, failures: [
            TurnFailure(transport: "udp", error: TurnFailure.wrongCredentials),
            TurnFailure(transport: "tcp", error: TurnFailure.wrongCredentials),
            TurnFailure(transport: "tls", error: TurnFailure.wrongCredentials),
        ])
        let authFinding = try #require(ReadinessEvaluator.evaluate(with(healthy) { $0.turn = auth }, triage: false).findings.first)
        #expect(authFinding.id == .turnUnavailable)
        #expect(authFinding.message.hasSuffix("(udp: wrong-credentials, tcp: wrong-credentials, tls: wrong-credentials)."))
        #expect(authFinding.action?.hasPrefix("The TURN server rejected the credentials") == true)
        let mixed = TurnTransportResults(udp: false, tcp: false, tls: nil, failures: [
            TurnFailure(transport: "udp", error: "timeout"), TurnFailure(transport: "tcp", error: TurnFailure.wrongCredentials),
        ])
        let mixedFinding = try #require(ReadinessEvaluator.evaluate(with(healthy) { $0.turn = mixed }, triage: false).findings.first)
        #expect(mixedFinding.action?.hasPrefix("Check the TURN credentials, and allow UDP 3478") == true)
        let data = try JSONEncoder().encode(mixed)
        #expect(try JSONDecoder().decode(TurnTransportResults.self, from: data) == mixed)
        #expect(try JSONDecoder().decode(TurnTransportResults.self, from: Data(#"{"udp": true}"#.utf8)) == TurnTransportResults(udp: true))
    }

    @Test func routingRules() throws {
        let japan = try #require(QueueRoutingEstimate.estimate(QueueRoutingInput(homeRegion: "jp1", farRegion: "us1", homeRttMs: 10, farRttMs: 150)))
        let result = ReadinessEvaluator.evaluate(with(healthy) { $0.routing = japan })
        #expect(result.verdict == .readyWithWarnings)
        let detour = try #require(result.findings.first { $0.id == .queueDetourExceedsG114 })
        #expect(detour.action == japan.recommendation)
        #expect(detour.subject == "us1")

        let slow = try #require(QueueRoutingEstimate.estimate(QueueRoutingInput(homeRegion: "jp1", farRegion: "us1", homeRttMs: 130, farRttMs: 140, interRegionRttMs: 5)))
        #expect(slow.anchored.oneWayDelayMs == 216.5)
        let slowResult = ReadinessEvaluator.evaluate(with(healthy) { $0.routing = slow })
        #expect(slowResult.findings.map(\.id) == [.delayExceedsG114])   // detour 7.5 ms: negligible

        let awful = try #require(QueueRoutingEstimate.estimate(QueueRoutingInput(homeRegion: "jp1", farRegion: "us1", homeRttMs: 400, farRttMs: 500, homeLossPercent: 20)))
        let awfulResult = ReadinessEvaluator.evaluate(with(healthy) { $0.routing = awful })
        #expect(awfulResult.verdict == .notReady)
        #expect(awfulResult.findings.map(\.id) == [.delayUnacceptable, .queueDetourExceedsG114, .lowMos])
        #expect(awfulResult.check(.routing)?.verdict == .notReady)
    }

    /// Every combination of UDP, TURN transports, NAT kind, IPv6, DNS and media topology: the
    /// corporate-network rules, and the invariant that no ready verdict comes without a measured
    /// media path (UDP answered, or a TURN relay allocated).
    @Test func everyConnectivityCombination() {
        let bools: [Bool?] = [nil, true, false]
        var count = 0
        for topology in MediaTopology.allCases { for dns in [nil, DnsFacts(resolved: ["a"], failed: [])] {
        for udp in bools {
            for tu in bools { for tt in bools { for ts in bools {
                for nat in [nil, portRestrictedNat, symmetricNat] as [NatVerdict?] {
                    for ipv6 in bools {
                        count += 1
                        let turn = TurnTransportResults(udp: tu, tcp: tt, tls: ts)
                        let facts = ReadinessFacts(udpReachable: udp, turn: turn, nat: nat, dns: dns, ipv6Available: ipv6,
                                                   mediaTopology: topology)
                        let peerToPeer = topology == .peerToPeer
                        let result = ReadinessEvaluator.evaluate(facts, triage: false)
                        let relay = turn.anyWorks
                        let nothingWorks = udp == false && !relay
                        func severity(_ id: FindingID) -> Severity? { result.findings.first { $0.id == id }?.severity }
                        if nat?.classicType == .symmetric {
                            #expect(severity(.symmetricNat) == (!peerToPeer ? .info
                                : (relay ? .warning : ((turn.tested || udp == false) ? .failure : .warning))))
                        } else {
                            #expect(severity(.symmetricNat) == nil)
                        }
                        #expect(severity(.noIPv6) == (ipv6 == false ? (nothingWorks ? .failure : .info) : nil))
                        #expect(severity(.udpBlocked) == (udp == false ? (turn.streamWorks ? .warning : .failure) : nil))
                        #expect(severity(.turnUnavailable) == (turn.tested && !relay
                            ? ((udp == false || (nat?.classicType == .symmetric && peerToPeer)) ? .failure : .warning) : nil))
                        // Not ready exactly when some finding is a failure; a working path and a
                        // cone-or-unknown NAT with IPv4 never give not-ready.
                        #expect((result.verdict == .notReady) == result.findings.contains { $0.severity == .failure })
                        if udp == true && (nat?.classicType != .symmetric || !peerToPeer) { #expect(result.verdict != .notReady) }
                        if nothingWorks { #expect(result.verdict == .notReady) }
                        // Triage folds findings under a root cause but never changes the verdict,
                        // and no check says ready about NAT while UDP is blocked.
                        let triaged = ReadinessEvaluator.evaluate(facts)
                        #expect(triaged.verdict == result.verdict)
                        #expect(triaged.findings.filter { $0.severity == .failure }.count <= result.findings.filter { $0.severity == .failure }.count)
                        if udp == false { #expect(triaged.check(.nat)?.verdict == nil) }
                        // The invariant (UDP measured by the STUN step, or else by the NAT probe).
                        let udpMeasured = udp ?? nat?.udpBlocked.map { !$0 }
                        if result.verdict != .notReady {
                            #expect(udpMeasured == true || relay, "\(result.verdict) without a measured media path: \(facts)")
                        } else if udpMeasured != true && !relay {
                            let ids = result.findings.filter { $0.severity == .failure }.map(\.id)
                            #expect(!ids.isEmpty, "not-ready says why")
                        }
                    }
                }
            } } }
        }
        } }
        #expect(count == 2 * 2 * 3 * 27 * 3 * 3)
    }

    @Test func nearestRegionIgnoresUnreachableAndTiesGoFirst() {
        #expect(ReadinessEvaluator.nearestRegion([]) == nil)
        #expect(ReadinessEvaluator.nearestRegion([unreachable("a"), region("b", 50), region("c", 20), region("d", 20)]) == "c")
        #expect(ReadinessEvaluator.nearestRegion([unreachable("a")]) == nil)
    }

    @Test func regionFromSamples() throws {
        let r = RegionResult(id: "jp1", rttSamplesMs: [10, 12, 11, 30], sent: 5)
        #expect(r.reachable == true && r.lossPercent == 20 && r.samplesSent == 5)
        #expect(r.rttMs == RttSummary(min: 10, median: 11.5, p95: 30))
        let none = RegionResult(id: "us1", rttSamplesMs: [], sent: 10)
        #expect(none.reachable == false && none.lossPercent == 100 && none.rttMs == nil && none.jitterMs == nil)
        let notProbed = RegionResult(id: "x", rttSamplesMs: [], sent: 0)
        #expect(notProbed.reachable == nil && notProbed.lossPercent == nil)
    }

    @Test func thresholdsDecodePartialAndRejectBadValues() throws {
        let partial = try JSONDecoder().decode(Thresholds.self, from: Data(#"{"rttWarningMs": 250}"#.utf8))
        #expect(partial.rttWarningMs == 250)
        #expect(partial.jitterWarningMs == 30 && partial.lossWarningPercent == 1 && partial.mosWarning == 3)
        #expect(try JSONDecoder().decode(Thresholds.self, from: Data("{}".utf8)) == .defaults)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Thresholds.self, from: Data(#"{"jitterWarningMs": -1}"#.utf8)) }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Thresholds.self, from: Data(#"{"oneWayPreferredMs": 500, "oneWayAcceptableMs": 400}"#.utf8))
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Thresholds.self, from: Data(#"{"mosWarning": "high"}"#.utf8)) }
        let defaults = Thresholds.defaults
        #expect(defaults.rttWarningMs == 400 && defaults.rttTargetMs == 100 && defaults.oneWayPreferredMs == 150
                && defaults.oneWayAcceptableMs == 400)
    }
}

@Suite struct BurstyLossFindingTests {
    static func finding(_ pattern: String, thresholds: Thresholds = .defaults) -> Finding? {
        let facts = with(healthy) { $0.regions = [bursty("jp1", pattern)] }
        return ReadinessEvaluator.evaluate(facts, thresholds: thresholds).findings.first { $0.id == .burstyLoss }
    }

    @Test func burstsAndScatteredLossAreWordedApart() throws {
        let burst = try #require(Self.finding(String(repeating: ".", count: 100) + "xxxxx" + String(repeating: ".", count: 95)))
        #expect(burst.message.contains("come in bursts (up to 5 in a row"), "\(burst.message)")
        #expect(burst.message.contains("50 % lost in the worst 200 ms"), "\(burst.message)")
        // two single losses 100 ms apart, twice: 20 % in a window, burst ratio below 1
        let scattered = try #require(Self.finding(String(repeating: String(repeating: ".", count: 45) + "x....x", count: 4)))
        #expect(scattered.message.contains("scattered but frequent"), "\(scattered.message)")
    }

    @Test func thresholdComesFromTheProfile() {
        let pattern = String(repeating: ".", count: 100) + "xx" + String(repeating: ".", count: 98)
        #expect(Self.finding(pattern) != nil)
        #expect(Self.finding(pattern, thresholds: Thresholds(burstLossWarningPercent: 20)) == nil)
    }
}
