import Foundation
import Testing
@testable import Diagnosis
import IceprobeTestSupport

/// The sample report (CheckReportTests) with `body` applied: a later run of the same agent.
func laterRun(_ body: (inout CheckReport) -> Void) throws -> CheckReport {
    var report = try sampleReport()
    report.startedAt = report.startedAt.addingTimeInterval(86_400)
    body(&report)
    return report
}

/// Replaces one region's figures.
func setRegion(_ report: inout CheckReport, _ id: String, median: Double? = nil, loss: Double? = nil, reachable: Bool? = true) {
    guard let index = report.regions.firstIndex(where: { $0.id == id }) else { return }
    let old = report.regions[index]
    let rtt = median.map { RttSummary(min: $0 - 1, median: $0, p95: $0 + 3) } ?? old.rttMs
    report.regions[index] = RegionResult(id: id, rttMs: reachable == true ? rtt : nil, jitterMs: old.jitterMs,
                                         lossPercent: loss ?? old.lossPercent, reachable: reachable, samplesSent: old.samplesSent)
}

/// A run that regressed in every way at once (and improved TURN over TLS), compared with the sample.
func regressedReport() throws -> CheckReport {
    let baseline = try sampleReport()
    var report = try laterRun { report in
        setRegion(&report, "jp1", median: 25.3)
        setRegion(&report, "us1", loss: 14.0)
        report.turn = TurnTransportResults(udp: false, tcp: true, tls: true, failures: [TurnFailure(transport: "udp", error: "timeout")])
        report.nat?.classicType = .symmetric
        report.findings.insert(Finding(severity: .failure, id: .udpBlocked, check: .udp,
                                       message: "No STUN answer over UDP from any region.",
                                       action: "Open UDP 3478 and 10000-60000 outbound."), at: 0)
        report.checks = report.checks.map {
            $0.check == .udp ? CheckResult(check: .udp, verdict: .notReady, findings: [.udpBlocked]) : $0
        }
        report.verdict = .notReady
        // This run is made by hand for the comparison; the triage is not recomputed for it.
        report.diagnosis = nil
    }
    report.baseline = BaselineComparator.compare(baseline: baseline, current: report)
    return report
}

@Suite struct BaselineComparatorTests {
    func compare(_ body: (inout CheckReport) -> Void, thresholds: BaselineThresholds = BaselineThresholds()) throws -> BaselineComparison {
        BaselineComparator.compare(baseline: try sampleReport(), current: try laterRun(body), thresholds: thresholds)
    }

    @Test func sameRunHasNothingToReport() throws {
        let comparison = try compare { _ in }
        #expect(comparison.regressions.isEmpty)
        #expect(comparison.improvements.isEmpty)
        #expect(comparison.notes.isEmpty)
        #expect(!comparison.regressed)
    }

    @Test func newFailureFinding() throws {
        let comparison = try compare { report in
            report.findings.append(Finding(severity: .failure, id: .turnUnavailable, check: .turn, message: "No TURN.", action: nil))
        }
        #expect(comparison.regressions.map(\.kind) == [.failureFinding])
        #expect(comparison.regressions.first?.subject == "turn-unavailable")
        #expect(comparison.regressed)
    }

    @Test func aWarningBecomingAFailureIsANewFailure() throws {
        // region-unreachable (de1) is a warning in the sample.
        let comparison = try compare { report in
            report.findings = report.findings.map {
                $0.id == .regionUnreachable ? Finding(severity: .failure, id: $0.id, check: $0.check, subject: $0.subject,
                                                      message: $0.message, action: $0.action) : $0
            }
        }
        let change = try #require(comparison.regressions.first)
        #expect(change.kind == .failureFinding && change.subject == "region-unreachable (de1)")
        #expect(change.before == "warning" && change.after == "failure")
    }

    @Test func worseVerdictAndBetterVerdict() throws {
        let worse = try compare { $0.verdict = .notReady }
        #expect(worse.regressions.map(\.kind) == [.verdict])
        #expect(worse.regressions.first?.message == "verdict ready-with-warnings -> not-ready")
        let better = try compare { $0.verdict = .ready }
        #expect(better.regressions.isEmpty)
        #expect(better.improvements.map(\.kind) == [.verdict])
    }

    @Test func rttMustRiseByBothThePercentageAndTheMilliseconds() throws {
        // jp1's baseline median is 10.95 ms: +30 % is 14.2 ms, +5 ms is 15.95 ms.
        #expect(try compare { setRegion(&$0, "jp1", median: 15.9) }.regressions.isEmpty)
        let risen = try compare { setRegion(&$0, "jp1", median: 16.1) }
        #expect(risen.regressions.map(\.kind) == [.rtt])
        #expect(risen.regressions.first?.subject == "jp1")
        #expect(risen.regressions.first?.message == "region jp1 median RTT 11.0 ms -> 16.1 ms (+47 %)")
        // us1's is 149.8 ms: +10 ms is past 5 ms but not 30 %.
        #expect(try compare { setRegion(&$0, "us1", median: 159.8) }.regressions.isEmpty)
        #expect(try compare({ setRegion(&$0, "us1", median: 159.8) },
                            thresholds: BaselineThresholds(rttPercent: 5, rttMs: 5)).regressions.map(\.kind) == [.rtt])
        let fell = try compare { setRegion(&$0, "us1", median: 100) }
        #expect(fell.regressions.isEmpty)
        #expect(fell.improvements.map(\.kind) == [.rtt])
    }

    @Test func lossMustRiseByMoreThanThePoints() throws {
        // us1 lost 10 % in the baseline.
        #expect(try compare { setRegion(&$0, "us1", loss: 11.0) }.regressions.isEmpty)
        let risen = try compare { setRegion(&$0, "us1", loss: 11.5) }
        #expect(risen.regressions.map(\.kind) == [.loss])
        #expect(risen.regressions.first?.message == "region us1 loss 10.0 % -> 11.5 %")
        #expect(try compare { setRegion(&$0, "us1", loss: 0) }.improvements.map(\.kind) == [.loss])
    }

    @Test func aRegionThatStopsAnsweringAndOneNotMeasured() throws {
        let lost = try compare { setRegion(&$0, "jp1", reachable: false) }
        #expect(lost.regressions.map(\.kind) == [.reachability])
        #expect(lost.regressions.first?.subject == "jp1")
        let back = try compare { setRegion(&$0, "de1", median: 20, loss: 0, reachable: true) }
        #expect(back.improvements.map(\.kind) == [.reachability])
        let unmeasured = try compare { setRegion(&$0, "jp1", reachable: nil) }
        #expect(unmeasured.regressions.isEmpty)
        #expect(unmeasured.notes == ["region jp1 was not measured in this run"])
    }

    @Test func natTypeChange() throws {
        let changed = try compare { $0.nat?.classicType = .symmetric }
        #expect(changed.regressions.map(\.kind) == [.natType])
        #expect(changed.regressions.first?.before == "port-restricted-cone" && changed.regressions.first?.after == "symmetric")
        let unknown = try compare { $0.nat?.classicType = .unknown }
        #expect(unknown.regressions.isEmpty && unknown.notes.count == 1)
        let notRun = try compare { $0.nat = nil }
        #expect(notRun.regressions.isEmpty && notRun.notes == ["the NAT type was not measured in this run"])
    }

    @Test func turnTransportStopsWorking() throws {
        let stopped = try compare {
            $0.turn = TurnTransportResults(udp: true, tcp: false, tls: false,
                                           failures: [TurnFailure(transport: "tcp", error: "tcp-refused"),
                                                      TurnFailure(transport: "tls", error: "tls-name-mismatch")])
        }
        #expect(stopped.regressions.map(\.kind) == [.turnTransport])
        #expect(stopped.regressions.first?.message == "TURN over TCP stopped working (tcp-refused)")
        let fixed = try compare { $0.turn = TurnTransportResults(udp: true, tcp: true, tls: true) }
        #expect(fixed.improvements.map(\.kind) == [.turnTransport] && fixed.regressions.isEmpty)
        let notTested = try compare { $0.turn = nil }
        #expect(notTested.regressions.isEmpty && notTested.notes.count == 2)
    }

    @Test func aResolvedFailureIsAnImprovement() throws {
        let baseline = try regressedReport()
        let comparison = BaselineComparator.compare(baseline: baseline, current: try sampleReport())
        #expect(comparison.improvements.contains { $0.kind == .failureFinding && $0.subject == "udp-blocked" })
        #expect(comparison.regressions.map(\.kind) == [.natType, .turnTransport])
    }

    @Test func otherAgentIsNoted() throws {
        let comparison = try compare { $0.agent = "pc-043" }
        #expect(comparison.notes.first?.contains("agent pc-042, this run is pc-043") == true)
        #expect(!comparison.regressed)
    }

    @Test func comparisonRoundTripsInTheReport() throws {
        let report = try regressedReport()
        let decoded = try ReportJSON.decode(Data(try ReportJSON.render(report).utf8))
        #expect(decoded == report)
        #expect(decoded.baseline?.regressions.count == 6)
        let json = try ReportJSON.render(report)
        #expect(json.contains("\"regressed\" : true"))
    }
}

@Suite struct BaselineReportReaderTests {
    func failure(_ text: String) -> String? {
        do {
            _ = try BaselineReportReader.decode(Data(text.utf8), path: "old.json")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func errorsNameTheFileAndWhere() throws {
        let json = try ReportJSON.render(try sampleReport())
        #expect(failure(json) == nil)
        #expect(failure(json.replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 7"))
                == "old.json: report schemaVersion 7 is not supported (this iceprobe reads 1)")
        #expect(failure(json.replacingOccurrences(of: "\"median\" : 10.95", with: "\"median\" : \"fast\""))?
                    .hasPrefix("old.json: invalid report field regions[0].rttMs.median:") == true)
        #expect(failure(#"{"schemaVersion": 1, "kind": "stun", "ok": true}"#) == "old.json: an iceprobe stun document, not a check report")
        #expect(failure("[]") == "old.json: not a JSON report: the top level is not an object")
        let broken = failure("{\n  \"schemaVersion\": 1,\n  \"verdict\" ready\n}") ?? ""
        #expect(broken.hasPrefix("old.json: not a JSON report:"))
        #expect(broken.contains("line 3, column 13: "))
    }

    @Test func missingFileIsNamed() {
        #expect(throws: BaselineReportReader.Failure(path: "/nonexistent/iceprobe-baseline.json", reason: "no such file")) {
            try BaselineReportReader.read(path: "/nonexistent/iceprobe-baseline.json")
        }
    }

    /// Damaged baselines (a report that itself carries a comparison) are read or rejected naming
    /// the file; whatever is read compares and renders without trapping (odd numbers included).
    @Test func damagedBaselinesAreReadOrRejected() async throws {
        let original = Array(try ReportJSON.render(try regressedReport()).utf8)
        let current = try sampleReport()
        var random = SplitMix64(seed: 0xBA5E_11E)
        var read = 0, rejected = 0
        for round in 0..<1_500 {
            if round % 100 == 0 { await Task.yield() }
            let bytes = random.damage(original, alphabet: Array("{}[]\",:0123456789-.eEnulltruefalse ".utf8))
            let baseline: CheckReport
            do {
                baseline = try BaselineReportReader.decode(Data(bytes), path: "old.json")
            } catch {
                rejected += 1
                #expect(error.path == "old.json" && !error.reason.isEmpty)
                continue
            }
            read += 1
            var report = current
            report.baseline = BaselineComparator.compare(baseline: baseline, current: current)
            _ = TextReportRenderer.render(report)
            _ = CheckJUnitRenderer.render(report)
            _ = try ReportJSON.render(report)
        }
        print("BaselineReportReaderTests: \(read) damaged baselines read and compared, \(rejected) rejected naming the file")
        #expect(read > 0 && rejected > 0)
    }
}
