import Foundation

/// What the rollup keeps of one check report: small, fixed-size facts (a few numbers per region
/// and the findings), so a site of thousands of agents costs kilobytes per agent, not the reports.
struct SiteAgentRecord: Sendable {
    /// The facts of the routing estimate the rollup summarises.
    struct Routing: Sendable {
        var anchoredRegion: String
        var bridgedRegion: String
        var detourMs: Double
        var anchoredOneWayMs: Double
        var bridgedOneWayMs: Double
        var anchoredWithinG114: Bool
        var bridgedWithinG114: Bool
        var recommendation: String
    }

    var result: SiteAgentResult
    var durationMs: Double
    var homeRegion: String?
    var findings: [Finding]
    var turn: TurnTransportResults?
    var routing: Routing?
    /// `check --media`: nil when not run; `.some(nil)` when the stream could not run.
    var media: (mos: Double?, lossPercent: Double?)??

    init(_ report: SiteReportView, agent: String, publicAddress: String?) {
        var medians: [String: Double] = [:]
        var unreachable: Set<String> = []
        for region in report.regions {
            if region.reachable == false {
                unreachable.insert(region.id)
            } else if region.reachable == true, let median = region.rttMs?.median, median.isFinite, median >= 0 {
                medians[region.id] = median
            }
        }
        var works: [String] = []
        if report.turn?.udp == true { works.append("udp") }
        if report.turn?.tcp == true { works.append("tcp") }
        if report.turn?.tls == true { works.append("tls") }
        let routing = Self.routing(report.routing)
        let labels = report.findings.map { finding in
            finding.subject.map { "\(finding.severity.rawValue) \(finding.id.rawValue) (\($0))" }
                ?? "\(finding.severity.rawValue) \(finding.id.rawValue)"
        }
        result = SiteAgentResult(agent: agent, startedAt: report.startedAt, verdict: report.verdict,
                                 nearestRegion: report.nearestRegion, natType: report.nat?.classicType,
                                 publicAddress: publicAddress, udpReachable: Self.udpReachable(report),
                                 turnWorks: works, rttMedianMs: medians, unreachableRegions: unreachable.sorted(),
                                 detourMs: routing?.detourMs, findings: labels, source: report.source ?? "cli")
        durationMs = report.durationMs
        homeRegion = report.homeRegion
        findings = report.findings
        turn = report.turn
        self.routing = routing
        media = report.media.map { media in media.stream.map { (mos: $0.mos, lossPercent: $0.lossPercent) } }
    }

    /// `udpReachable`, else the NAT probe's opinion, else not measured.
    static func udpReachable(_ report: SiteReportView) -> Bool? {
        if let reachable = report.udpReachable { return reachable }
        if let blocked = report.nat?.udpBlocked { return !blocked }
        return nil
    }

    /// The public address seen by STUN: the NAT verdict's, else the first server-reflexive candidate's.
    static func publicAddress(_ report: SiteReportView) -> String? {
        if let ip = report.nat?.publicAddress?.ip, !ip.isEmpty { return ip }
        return report.candidates?.first { $0.type == "srflx" && !$0.address.ip.isEmpty }?.address.ip
    }

    private static func routing(_ report: SiteReportView.Routing?) -> Routing? {
        guard let report,
              let anchored = report.paths.first(where: { $0.via == .anchored }),
              let bridged = report.paths.first(where: { $0.via == .bridged }),
              report.detourMs.isFinite, anchored.oneWayDelayMs.isFinite, bridged.oneWayDelayMs.isFinite else { return nil }
        return Routing(anchoredRegion: anchored.region, bridgedRegion: bridged.region, detourMs: report.detourMs,
                       anchoredOneWayMs: anchored.oneWayDelayMs, bridgedOneWayMs: bridged.oneWayDelayMs,
                       anchoredWithinG114: anchored.withinG114, bridgedWithinG114: bridged.withinG114,
                       recommendation: report.recommendation)
    }

    /// Whether `other` (read later) should replace this record of the same agent: the later
    /// `startedAt` wins; on a tie the longer run; on a full tie the first read stays.
    func isReplaced(by other: SiteAgentRecord) -> Bool {
        if other.result.startedAt != result.startedAt { return other.result.startedAt > result.startedAt }
        return other.durationMs > durationMs
    }
}
