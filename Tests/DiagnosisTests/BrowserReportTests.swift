import Foundation
import Testing
@testable import Diagnosis

/// The browser check page's report, judged by the shared evaluator. The fixtures under
/// `Fixtures/browser/` are bodies the page posted from headless Chromium 156 in a lab client
/// namespace (jp1 5 ms and us1 80 ms one way): behind a port-restricted NAT without the lab CA
/// (so `turns:` failed), behind a firewall letting only TCP 443 out (lab CA trusted), and with a
/// TURN password the servers do not know.
@Suite struct BrowserReportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/browser")

    static func submission(_ name: String) throws -> BrowserSubmission {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(name + ".json"))
        return try BrowserSubmission.decode(data)
    }

    static func report(_ name: String) throws -> CheckReport {
        let submission = try submission(name)
        let profile = try #require(try ProfileCatalog.profile(named: "lab"))
        return BrowserReportBuilder.report(submission.observations, profile: profile, site: "home", agent: "web1",
                                           startedAt: submission.startedAt, durationMs: submission.durationMs)
    }

    @Test func homeNatGivesHostSrflxAndRelayAndRegionRtts() throws {
        let report = try Self.report("home-nat-untrusted-tls")
        #expect(report.source == "browser")
        #expect(report.browser?.userAgent.contains("HeadlessChrome") == true)
        let types = Set(report.candidates?.map(\.type) ?? [])
        #expect(types == ["host", "srflx", "relay"])
        // Chromium hides the host address behind an mDNS name.
        #expect(report.candidates?.first { $0.type == "host" }?.address.ip.hasSuffix(".local") == true)
        #expect(report.udpReachable == true)
        #expect(report.turn?.udp == true)
        #expect(report.turn?.tcp == true)
        // turns: without the lab CA: 701 "Failed to establish connection", named as a timeout.
        #expect(report.turn?.tls == false)
        #expect(report.turn?.failures == [TurnFailure(transport: "tls", error: "timeout")])
        let jp1 = try #require(report.regions.first { $0.id == "jp1" })
        // 5 ms each way: about 10 ms RTT; the page measured the relayed pair at 22 ms.
        #expect((9...13).contains(jp1.rttMs?.median ?? 0))
        let us1 = try #require(report.regions.first { $0.id == "us1" })
        #expect((158...165).contains(us1.rttMs?.median ?? 0))
        #expect(report.nearestRegion == "jp1")
        #expect(report.nat == nil)
        #expect(report.checks.contains { $0.check == .media })
        #expect(report.verdict != .notReady)
    }

    @Test func wrongCredentialsAreNamedFromTheBrowsersErrorEvents() throws {
        let report = try Self.report("wrong-credentials")
        #expect(report.turn?.anyWorks == false)
        #expect(report.turn?.failures.map(\.error) == ["wrong-credentials", "wrong-credentials", "wrong-credentials"])
        #expect(report.diagnosis?.rootCause == .turnWrongCredentials)
        let evidence = try #require(report.findings.first { $0.id == .browserTurnRejected })
        #expect(evidence.message.contains("turn:jp1.iceprobe.test:3478?transport=udp answered 401 (Unauthorized.)"))
        #expect(evidence.action?.contains("credentials") == true)
        // No relay: no call, no region RTT; srflx still proves UDP.
        #expect(report.udpReachable == true)
        #expect(report.browser?.call?.error == "no relay of the home region works")
        #expect(!report.findings.contains { $0.id == .mediaFailed })
    }

    @Test func tcp443OnlyRelaysOverTlsAlone() throws {
        let report = try Self.report("tcp443-only")
        #expect(report.turn?.udp == false)
        #expect(report.turn?.tcp == false)
        #expect(report.turn?.tls == true)
        #expect(report.udpReachable == false)
        #expect(report.candidates?.filter { $0.type == "relay" }.allSatisfy { $0.relayProtocol == "tls" } == true)
        #expect(!(report.candidates ?? []).contains { $0.type == "srflx" })
        #expect(report.findings.contains { $0.id == .browserGatheringSlow })
        #expect(report.verdict == .readyWithWarnings)
        #expect(report.browser?.call?.transport == "tls")
    }

    @Test func callLossAboveTheTargetWarns() throws {
        var observations = try Self.submission("home-nat-untrusted-tls").observations
        observations.call?.packetsReceived = 480
        observations.call?.packetsLost = 25
        observations.call?.lossPercent = 4.95
        let findings = BrowserAssessment.findings(observations)
        let loss = try #require(findings.first { $0.id == .mediaLoss })
        #expect(loss.severity == .warning)
        #expect(loss.message.contains("4.9 %") || loss.message.contains("5.0 %"))
        #expect(loss.message.contains("(25 of 505)"))
    }

    @Test func aSilentCallIsNotJudged() throws {
        var observations = try Self.submission("home-nat-untrusted-tls").observations
        observations.call?.packetsSent = 0
        observations.call?.packetsReceived = 0
        let findings = BrowserAssessment.findings(observations)
        #expect(findings.filter { $0.id == .mediaFailed }.map(\.severity) == [.info])
        #expect(!BrowserAssessment.callMeasured(observations))
    }

    @Test func theReportRoundTripsThroughTheReportJSON() throws {
        let report = try Self.report("home-nat-untrusted-tls")
        // ISO 8601 keeps whole seconds, so the JSON (what is stored) is what must survive.
        let rendered = try ReportJSON.render(report)
        let again = try ReportJSON.decode(Data(rendered.utf8))
        #expect(try ReportJSON.render(again) == rendered)
        #expect(again.browser == report.browser)
        #expect(rendered.contains(#""source" : "browser""#))
        // A CLI report says so too.
        let cli = CheckReport(facts: ReadinessFacts(), assessment: ReadinessEvaluator.evaluate(ReadinessFacts()), site: nil,
                              agent: nil, startedAt: Date(timeIntervalSince1970: 0), durationMs: 1, candidates: nil)
        #expect(cli.source == "cli")
        #expect(cli.browser == nil)
    }

    @Test func badBodiesAreRejectedWithTheFieldNamed() throws {
        func problem(_ text: String) -> String {
            do {
                _ = try BrowserSubmission.decode(Data(text.utf8))
                return "decoded"
            } catch {
                return error.description
            }
        }
        #expect(problem("{").contains("JSON") || problem("{").contains("json"))
        #expect(problem(#"{"schemaVersion": 7}"#).contains("7"))
        let noBrowser = problem(#"{"schemaVersion": 1, "source": "browser", "startedAt": "2026-12-02T11:00:00.000Z", "durationMs": 1, "userAgent": "x"}"#)
        #expect(noBrowser.contains("browser"))
        let cli = problem(#"{"schemaVersion": 1, "source": "cli", "startedAt": "2026-12-02T11:00:00Z", "durationMs": 1, "userAgent": "x", "browser": {"gathering": [], "relays": [], "regionRtts": [], "call": null}}"#)
        #expect(cli.contains("source"))
        let badDate = problem(#"{"schemaVersion": 1, "source": "browser", "startedAt": "yesterday", "durationMs": 1, "userAgent": "x", "browser": {"gathering": [], "relays": [], "regionRtts": [], "call": null}}"#)
        #expect(badDate.contains("startedAt"))
        let badCandidate = problem(#"{"schemaVersion": 1, "source": "browser", "startedAt": "2026-12-02T11:00:00Z", "durationMs": 1, "userAgent": "x", "browser": {"gathering": [{"mode": "trickle", "region": "jp1", "policy": "all", "servers": [], "completeMs": 1, "timedOut": false, "candidates": [{"port": "x"}], "errors": []}], "relays": [], "regionRtts": [], "call": null}}"#)
        #expect(badCandidate.contains("gathering[0].candidates[0].port"))
    }
}
