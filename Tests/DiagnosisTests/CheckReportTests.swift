import Foundation
import Testing
@testable import Diagnosis

/// A fixed report of a Japanese site (agent near jp1, a us1 queue), built only from public
/// functions, so the golden files show what the real pipeline produces.
func sampleReport() throws -> CheckReport {
    let local = ObservedAddress(ip: "10.20.0.42", port: 50000)
    let mapped = ObservedAddress(ip: "203.0.113.5", port: 50000)
    let nat = NatClassifier.classify(NatObservations(
        udpReachable: true, localAddress: local, testIMapped: mapped, testIPlainMapped: mapped,
        otherAddressAvailable: true, mappingAlternateIP: mapped, mappingAlternateIPAndPort: mapped,
        filteringChangeIPAndPortAnswered: false, filteringChangePortAnswered: false))
    let jp1 = RegionResult(id: "jp1", rttSamplesMs: [10.4, 11.0, 10.8, 12.6, 10.9, 11.3, 10.7, 14.2, 11.1, 10.6], sent: 10)
    // requests 50 ms apart, the sixth unanswered: one burst of one; the 200 ms window is not measured
    let us1 = RegionResult(id: "us1", rttSamplesMs: [148.2, 150.1, 149.5, 151.0, 148.9, 150.4, 149.8, 156.3, 149.1], sent: 10,
                           answered: [true, true, true, true, true, false, true, true, true, true], spacingMs: 50)
    let de1 = RegionResult(id: "de1", rttSamplesMs: [], sent: 10)
    let jp1Rtt = try #require(jp1.rttMs?.median)
    let us1Rtt = try #require(us1.rttMs?.median)
    let routing = try #require(QueueRoutingEstimate.estimate(QueueRoutingInput(
        homeRegion: "jp1", farRegion: "us1", homeRttMs: jp1Rtt,
        farRttMs: us1Rtt, homeJitterMs: jp1.jitterMs, farJitterMs: us1.jitterMs,
        homeLossPercent: jp1.lossPercent, farLossPercent: us1.lossPercent)))
    let facts = ReadinessFacts(udpReachable: true, turn: TurnTransportResults(udp: true, tcp: true, tls: false,
                                                                failures: [TurnFailure(transport: "tls", error: "tls-name-mismatch")]),
                               nat: nat, regions: [jp1, us1, de1], homeRegion: "jp1",
                               dns: DnsFacts(resolved: ["global.stun.twilio.com", "global.turn.twilio.com"], failed: []),
                               ipv6Available: false, routing: routing,
                               firewallRanges: ["168.86.128.0/18"],
                               regionRanges: ["de1": ["52.59.186.0-52.59.186.31", "18.195.48.224-18.195.48.255"]],
                               localFacts: LocalFacts(interfaces: [
                                   .init(name: "eth0", up: true, mtu: 1500, ipv4: ["10.20.0.42"], ipv6: ["fe80::20:42"]),
                                   .init(name: "wlan0", up: false, mtu: nil, ipv4: [], ipv6: []),
                               ], defaultRouteInterface: "eth0", ipv6DefaultRoute: false))
    let assessment = ReadinessEvaluator.evaluate(facts)
    return CheckReport(facts: facts, assessment: assessment, site: "tokyo-office", agent: "pc-042",
                       startedAt: Date(timeIntervalSince1970: 1_780_000_000), durationMs: 4210.4,
                       candidates: [
                           // As one libnice agent per server gathers them: TCP host candidates,
                           // tcp-active with port 0, the srflx address again on another port.
                           CandidateSummary(type: "host", transport: "udp", address: local),
                           CandidateSummary(type: "host", transport: "tcp-active", address: ObservedAddress(ip: "10.20.0.42", port: 0)),
                           CandidateSummary(type: "host", transport: "tcp-passive", address: ObservedAddress(ip: "10.20.0.42", port: 50001)),
                           CandidateSummary(type: "host", transport: "tcp-active", address: ObservedAddress(ip: "fe80::20:42", port: 0)),
                           CandidateSummary(type: "srflx", transport: "udp", address: mapped),
                           CandidateSummary(type: "srflx", transport: "udp", address: ObservedAddress(ip: "203.0.113.5", port: 50002)),
                           CandidateSummary(type: "relay", transport: "udp", address: ObservedAddress(ip: "198.51.100.7", port: 49160), relayProtocol: "udp"),
                           CandidateSummary(type: "relay", transport: "udp", address: ObservedAddress(ip: "198.51.100.7", port: 49162), relayProtocol: "tcp"),
                       ])
}

/// Compares `text` with its golden copy in `Golden/CheckReportGolden.swift` (kept as Swift
/// string literals so SwiftPM needs no resources entry and prints no "unhandled file" warning).
func compareGolden(_ text: String, _ golden: String, _ name: String) {
    let expected = golden + "\n"
    guard text != expected else { return }
    let got = text.split(separator: "\n", omittingEmptySubsequences: false)
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
    Issue.record("\(name) differs from the golden copy at line \(line + 1) (run with ICEPROBE_UPDATE_GOLDEN=1 to rewrite, then review the diff):\n got: \(line < got.count ? String(got[line]) : "<end>")\nwant: \(line < want.count ? String(want[line]) : "<end>")")
}

@Suite struct CheckReportTests {
    @Test func textGolden() throws {
        compareGolden(TextReportRenderer.render(try sampleReport()), CheckReportGolden.text, "text")
    }

    @Test func markdownGolden() throws {
        compareGolden(MarkdownReportRenderer.render(try sampleReport()), CheckReportGolden.markdown, "markdown")
    }

    @Test func jsonGolden() throws {
        compareGolden(try ReportJSON.render(try sampleReport()), CheckReportGolden.json, "json")
    }

    /// With `ICEPROBE_UPDATE_GOLDEN=1`, rewrites `Golden/CheckReportGolden.swift` from the
    /// current renderers (review the diff before committing); otherwise does nothing.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ICEPROBE_UPDATE_GOLDEN"] == "1",
                   "set ICEPROBE_UPDATE_GOLDEN=1 to rewrite the golden copies"))
    func updateGolden() throws {
        let report = try sampleReport()
        func literal(_ name: String, _ text: String) -> String {
            var body = text
            if body.hasSuffix("\n") { body.removeLast() }
            return "    static let \(name) = #\"\"\"\n\(body)\n\"\"\"#\n"
        }
        let source = """
        // Generated by CheckReportTests.updateGolden (ICEPROBE_UPDATE_GOLDEN=1); reviewed by hand.
        // The expected renderings of the sample report in CheckReportTests.

        enum CheckReportGolden {

        """ + literal("text", TextReportRenderer.render(report)) + "\n"
            + literal("markdown", MarkdownReportRenderer.render(report)) + "\n"
            + literal("json", try ReportJSON.render(report)) + "\n"
            + literal("junit", CheckJUnitRenderer.render(report)) + "\n"
            + literal("junitRegressed", CheckJUnitRenderer.render(try regressedReport())) + "\n"
            + literal("textRegressed", TextReportRenderer.render(try regressedReport())) + "}\n"
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent("CheckReportGolden.swift")
        try source.write(to: url, atomically: true, encoding: .utf8)
    }

    // Determinism: the goldens above pin each rendering's bytes; rendering in two processes (where
    // Swift's per-process hash seed would reorder any Dictionary iteration) is compared by
    // ProbesTests/CrossProcessDeterminismTests (an in-process render(r) == render(r) could not see it).

    @Test func jsonRoundTripsAndKeepsNulls() throws {
        let report = try sampleReport()
        let json = try ReportJSON.render(report)
        #expect(try ReportJSON.decode(Data(json.utf8)) == report)
        var bare = report
        bare.site = nil
        bare.candidates = nil
        bare.nat = nil
        bare.localFacts = nil
        let bareJSON = try ReportJSON.render(bare)
        for key in ["site", "candidates", "nat", "localFacts"] {
            #expect(bareJSON.range(of: #""\#(key)"\s*:\s*null"#, options: .regularExpression) != nil, "\(key) must be null")
        }
        #expect(json.contains("\"startedAt\" : \"2026-05-28T20:26:40Z\"") || json.contains("\"startedAt\":\"2026-05-28T20:26:40Z\""))
        let decoded = try ReportJSON.decode(Data(bareJSON.utf8))
        #expect(decoded.site == nil && decoded.candidates == nil && decoded.nat == nil && decoded.localFacts == nil)
    }

    /// Reports written before `localFacts` existed (same schema version) still decode, as not measured.
    @Test func reportsWithoutLocalFactsStillDecode() throws {
        let json = try ReportJSON.render(try sampleReport())
        var object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["localFacts"] is [String: Any])
        object.removeValue(forKey: "localFacts")
        let old = try JSONSerialization.data(withJSONObject: object)
        #expect(try ReportJSON.decode(old).localFacts == nil)
    }

    @Test func localFactsFieldsAndVpnRoute() throws {
        let json = try ReportJSON.render(try sampleReport())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let local = try #require(object["localFacts"] as? [String: Any])
        #expect(Set(local.keys) == ["interfaces", "defaultRouteInterface", "defaultRouteMtu", "vpnLikeDefaultRoute", "ipv6DefaultRoute"])
        #expect(local["defaultRouteInterface"] as? String == "eth0" && local["defaultRouteMtu"] as? Int == 1500)
        #expect(local["vpnLikeDefaultRoute"] as? Bool == false)
        let interfaces = try #require(local["interfaces"] as? [[String: Any]])
        #expect(interfaces.count == 2 && interfaces[1]["mtu"] is NSNull)
        let vpn = LocalFacts(interfaces: [.init(name: "wg0", up: true, mtu: 1420, ipv4: ["10.8.0.2"], ipv6: [])],
                             defaultRouteInterface: "wg0", ipv6DefaultRoute: false)
        #expect(vpn.vpnLikeDefaultRoute == true && vpn.defaultRouteMtu == 1420)
        let none = LocalFacts(interfaces: [], defaultRouteInterface: nil, ipv6DefaultRoute: false)
        #expect(none.vpnLikeDefaultRoute == nil && none.defaultRouteMtu == nil)
        // A small MTU alone also looks like a tunnel.
        let small = LocalFacts(interfaces: [.init(name: "eth0", up: true, mtu: 1280, ipv4: ["10.0.0.2"], ipv6: [])],
                               defaultRouteInterface: "eth0", ipv6DefaultRoute: false)
        #expect(small.vpnLikeDefaultRoute == true)
    }

    @Test func reportCarriesTheRequiredFields() throws {
        let json = try ReportJSON.render(try sampleReport())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["schemaVersion", "verdict", "site", "agent", "startedAt", "durationMs", "regions", "nearestRegion",
                    "routing", "nat", "turn", "candidates", "findings", "checks"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(object["schemaVersion"] as? Int == 1)
        let region = try #require((object["regions"] as? [[String: Any]])?.first)
        for key in ["id", "rttMs", "jitterMs", "lossPercent", "reachable"] { #expect(region.keys.contains(key)) }
        let rtt = try #require(region["rttMs"] as? [String: Any])
        #expect(Set(rtt.keys) == ["min", "median", "p95"])
        let path = try #require(((object["routing"] as? [String: Any])?["paths"] as? [[String: Any]])?.first)
        for key in ["via", "oneWayDelayMs", "mos", "withinG114"] { #expect(path.keys.contains(key)) }
        let finding = try #require((object["findings"] as? [[String: Any]])?.first)
        for key in ["severity", "id", "message", "action"] { #expect(finding.keys.contains(key)) }
    }

    @Test func decodingErrorsSayWhatAndWhere() throws {
        func error(_ text: String) -> ReportDecodingError? {
            do {
                _ = try ReportJSON.decode(Data(text.utf8))
                return nil
            } catch {
                return error
            }
        }
        guard case .notJSON? = error("{not json") else { Issue.record("bad JSON"); return }
        guard case .notJSON? = error("[1, 2]") else { Issue.record("array"); return }
        #expect(error(#"{"verdict": "ready"}"#) == .missingSchemaVersion)
        #expect(error(#"{"schemaVersion": 2}"#) == .unsupportedSchemaVersion(found: 2, supported: [1]))
        #expect(error(#"{"schemaVersion": 1.5}"#) == .missingSchemaVersion)
        let json = try ReportJSON.render(try sampleReport())
        let broken = json.replacingOccurrences(of: "\"verdict\" : \"ready-with-warnings\"", with: "\"verdict\" : \"maybe\"")
        #expect(broken != json)
        guard case .invalidField(let path, _)? = error(broken) else { Issue.record("bad verdict not reported"); return }
        #expect(path == "verdict")
        let missing = json.replacingOccurrences(of: "\"id\" : \"jp1\",", with: "")
        guard case .invalidField(let missingPath, let reason)? = error(missing) else { Issue.record("missing id not reported"); return }
        #expect(missingPath == "regions[0].id" && reason == "missing")
        #expect(ReportDecodingError.unsupportedSchemaVersion(found: 2, supported: [1]).description.contains("schemaVersion 2"))
    }
}
