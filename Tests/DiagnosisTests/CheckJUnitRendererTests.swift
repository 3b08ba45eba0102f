import Foundation
import Testing
@testable import Diagnosis

@Suite struct CheckJUnitRendererTests {
    @Test func junitGolden() throws {
        compareGolden(CheckJUnitRenderer.render(try sampleReport()), CheckReportGolden.junit, "junit")
    }

    @Test func junitWithRegressionsGolden() throws {
        compareGolden(CheckJUnitRenderer.render(try regressedReport()), CheckReportGolden.junitRegressed, "junitRegressed")
    }

    @Test func textWithRegressionsGolden() throws {
        compareGolden(TextReportRenderer.render(try regressedReport()), CheckReportGolden.textRegressed, "textRegressed")
    }

    @Test func everyCheckIsOneTestCase() throws {
        let report = try sampleReport()
        let xml = CheckJUnitRenderer.render(report)
        for check in report.checks {
            #expect(xml.contains("<testcase classname=\"iceprobe.check.pc-042\" name=\"\(check.check.rawValue)\""))
        }
        // Warnings pass and show their message and action; no failure in a ready-with-warnings report.
        #expect(xml.contains("tests=\"7\" failures=\"0\""))
        #expect(xml.contains("WARNING region-unreachable (de1): Region de1 did not answer STUN over UDP.\n  -&gt; Open UDP 3478"))
    }

    @Test func strictMakesWarningsFailures() throws {
        let xml = CheckJUnitRenderer.render(try sampleReport(), warningsFail: true)
        // latency and routing have warnings; ipv6 only an info finding, which never fails.
        #expect(xml.contains("<testsuites name=\"iceprobe check\" tests=\"7\" failures=\"2\">"))
        #expect(xml.contains("<failure message=\"region-unreachable: Region de1 did not answer STUN over UDP.\" type=\"region-unreachable\">"))
        #expect(xml.contains("<testcase classname=\"iceprobe.check.pc-042\" name=\"ipv6\">\n      <system-out>ready\nINFO no-ipv6"))
    }

    @Test func notMeasuredIsSkippedAndFailuresFail() throws {
        var report = try sampleReport()
        report.checks = report.checks.map { result in
            switch result.check {
            case .nat: CheckResult(check: .nat, verdict: nil, findings: [])
            case .udp: CheckResult(check: .udp, verdict: .notReady, findings: [.udpBlocked])
            default: result
            }
        }
        report.findings.append(Finding(severity: .failure, id: .udpBlocked, check: .udp, message: "No UDP <at all> & nothing.",
                                       action: "Open UDP."))
        let xml = CheckJUnitRenderer.render(report)
        #expect(xml.contains("<testcase classname=\"iceprobe.check.pc-042\" name=\"nat\">\n      <skipped message=\"not measured\"/>"))
        #expect(xml.contains("<failure message=\"udp-blocked: No UDP &lt;at all&gt; &amp; nothing.\" type=\"udp-blocked\">not-ready\nFAILURE udp-blocked: No UDP &lt;at all&gt; &amp; nothing.\n  -&gt; Open UDP.</failure>"))
        #expect(xml.contains("tests=\"7\" failures=\"1\" skipped=\"1\""))
    }

    @Test func runWideFindingsGetTheirOwnCase() throws {
        var report = try sampleReport()
        report.findings.append(Finding(severity: .warning, id: .vpnDefaultRoute, check: nil, subject: "tun0",
                                       message: "VPN.", action: "Split tunnel."))
        let xml = CheckJUnitRenderer.render(report)
        #expect(xml.contains("<testcase classname=\"iceprobe.check.pc-042\" name=\"run\">\n      <system-out>ready-with-warnings\nWARNING vpn-default-route (tun0): VPN."))
    }

    @Test func baselineRegressionsFailPerKind() throws {
        let xml = CheckJUnitRenderer.render(try regressedReport())
        for kind in BaselineChangeKind.allCases {
            #expect(xml.contains("<testcase classname=\"iceprobe.check.baseline.pc-042\" name=\"\(kind.rawValue)\""))
        }
        #expect(xml.contains("<failure message=\"region jp1 median RTT 11.0 ms -&gt; 25.3 ms (+131 %)\" type=\"regression\">"))
        #expect(xml.contains("IMPROVED TURN over TLS works again"))
    }

    @Test func escapingIsTheSharedOne() {
        #expect(MarkupEscape.escape("a<b>&\"c'\u{1}\n") == "a&lt;b&gt;&amp;&quot;c&#39;?\n")
    }

    @Test func thresholdsAreWrittenAsGiven() {
        #expect(BaselineText.thresholds(BaselineThresholds()) == "thresholds: median RTT +30 % and +5 ms, loss +1 point")
        #expect(BaselineText.thresholds(BaselineThresholds(rttPercent: 12.5, rttMs: 2.5, lossPoints: 0.5))
                == "thresholds: median RTT +12.5 % and +2.5 ms, loss +0.5 points")
    }

    @Test func markdownListsTheComparison() throws {
        let markdown = MarkdownReportRenderer.render(try regressedReport())
        #expect(markdown.contains("\n## Baseline 2026-05-28T20:26:40Z (pc-042, ready-with-warnings): 6 regressions, 1 improvement\n\n"))
        #expect(markdown.contains("\n- REGRESSION region jp1 median RTT 11.0 ms -> 25.3 ms (+131 %)\n"))
        #expect(markdown.contains("\n- IMPROVED TURN over TLS works again\n"))
        #expect(!MarkdownReportRenderer.render(try sampleReport()).contains("Baseline"))
    }

    @Test func withoutAnAgentTheNamesArePlain() throws {
        var report = try sampleReport()
        report.agent = nil
        let xml = CheckJUnitRenderer.render(report)
        #expect(xml.contains("<testsuite name=\"iceprobe check\" tests=\"7\""))
        #expect(xml.contains("<testcase classname=\"iceprobe.check\" name=\"dns\"/>"))
    }
}
