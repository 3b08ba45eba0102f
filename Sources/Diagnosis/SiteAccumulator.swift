import Foundation

/// The running state of one site while reports stream in: one small record per agent (the
/// latest report of each named agent), nothing else. `finish` computes the `SiteReport`.
struct SiteAccumulator: Sendable {
    let site: String
    let grouping: SiteGrouping
    private(set) var reportsRead = 0
    private var named: [String: SiteAgentRecord] = [:]
    private var unnamed: [SiteAgentRecord] = []

    init(site: String, grouping: SiteGrouping) {
        self.site = site
        self.grouping = grouping
    }

    mutating func add(_ report: SiteReportView, publicAddress: String?) {
        reportsRead += 1
        let name = report.agent?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if name.isEmpty {
            unnamed.append(SiteAgentRecord(report, agent: "unnamed-\(unnamed.count + 1)", publicAddress: publicAddress))
            return
        }
        let record = SiteAgentRecord(report, agent: name, publicAddress: publicAddress)
        if let existing = named[name], !existing.isReplaced(by: record) { return }
        named[name] = record
    }

    /// A key that ranks shared findings: the same severity, id and subject.
    private struct FindingKey: Hashable {
        let severity: Severity
        let id: FindingID
        let subject: String?
    }

    private struct FindingTally {
        var agents = 0
        var check: CheckID?
        var messages = SiteTally<String>()
        var actions = SiteTally<String>()
        var withoutAction = 0
    }

    func finish(rules: SiteRules) -> SiteReport {
        let records = (Array(named.values) + unnamed).sorted { $0.result.agent < $1.result.agent }
        let total = records.count
        var counts = SiteVerdictCounts()
        var first = records.first?.result.startedAt ?? Date(timeIntervalSince1970: 0)
        var last = first
        var findingTallies: [FindingKey: FindingTally] = [:]
        var nat: [String: Int] = [:]
        var udpReachable = 0, udpBlocked = 0, udpUnknown = 0
        var turn = SiteTurnSummary()
        var turnFailures: [String: Int] = [:]
        var medians: [String: [Double]] = [:]
        var unreachable: [String: Int] = [:]
        var nearest = SiteTally<String>()
        var nearestNone = 0
        var homes = SiteTally<String>()
        var routePairs = SiteTally<String>()

        for record in records {
            let result = record.result
            counts.add(result.verdict)
            first = min(first, result.startedAt)
            last = max(last, result.startedAt)
            var seen: Set<FindingKey> = []
            for finding in record.findings {
                let key = FindingKey(severity: finding.severity, id: finding.id, subject: finding.subject)
                guard seen.insert(key).inserted else { continue }
                var tally = findingTallies[key] ?? FindingTally()
                tally.agents += 1
                if tally.check == nil { tally.check = finding.check }
                tally.messages.add(finding.message)
                if let action = finding.action { tally.actions.add(action) } else { tally.withoutAction += 1 }
                findingTallies[key] = tally
            }
            nat[result.natType?.rawValue ?? "not-measured", default: 0] += 1
            switch result.udpReachable {
            case true?: udpReachable += 1
            case false?: udpBlocked += 1
            case nil: udpUnknown += 1
            }
            turn.udp.add(record.turn?.udp)
            turn.tcp.add(record.turn?.tcp)
            turn.tls.add(record.turn?.tls)
            if let results = record.turn, results.tested {
                if results.anyWorks { turn.anyWorks += 1 } else { turn.noneWorks += 1 }
                var names: Set<String> = []
                for failure in results.failures { names.insert("\(failure.transport)\u{0}\(failure.error)") }
                for name in names { turnFailures[name, default: 0] += 1 }
            } else {
                turn.notTested += 1
            }
            for (region, median) in result.rttMedianMs { medians[region, default: []].append(median) }
            for region in result.unreachableRegions { unreachable[region, default: 0] += 1 }
            if let region = result.nearestRegion { nearest.add(region) } else { nearestNone += 1 }
            if let home = record.homeRegion { homes.add(home) }
            if let routing = record.routing { routePairs.add("\(routing.anchoredRegion)\u{0}\(routing.bridgedRegion)") }
        }

        let sharedAt = rules.sharedThreshold(agents: total)
        let findings = findingTallies.map { key, tally -> SiteFindingCount in
            // The action most agents carried; an absent action wins only when it is the most common.
            let action = tally.actions.mostCommon.flatMap { $0.count >= tally.withoutAction ? $0.key : nil }
            return SiteFindingCount(severity: key.severity, id: key.id, check: tally.check, subject: key.subject,
                                    agents: tally.agents, percent: SitePercent.of(tally.agents, total),
                                    shared: tally.agents >= sharedAt, message: tally.messages.mostCommon?.key ?? "",
                                    action: action)
        }.sorted(by: Self.ranked)

        turn.failures = turnFailures.map { key, agents in
            let parts = key.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
            return SiteTurnFailureCount(transport: String(parts.first ?? ""), error: parts.count > 1 ? String(parts[1]) : "",
                                        agents: agents)
        }.sorted {
            if $0.agents != $1.agents { return $0.agents > $1.agents }
            if $0.transport != $1.transport { return $0.transport < $1.transport }
            return $0.error < $1.error
        }

        let home = homes.mostCommon?.key
        let regionIDs = Set(medians.keys).union(unreachable.keys).union(nearest.counts.keys)
        let regions = regionIDs.map { id -> SiteRegionLatency in
            let values = medians[id] ?? []
            return SiteRegionLatency(id: id, home: id == home, agentsMeasured: values.count,
                                     agentsUnreachable: unreachable[id] ?? 0, nearestFor: nearest.counts[id] ?? 0,
                                     medianMs: SampleStatistics.median(values).map(SitePercent.tenth),
                                     p95Ms: SampleStatistics.percentile(values, 95).map(SitePercent.tenth),
                                     minMs: values.min().map(SitePercent.tenth), maxMs: values.max().map(SitePercent.tenth))
        }.sorted { lhs, rhs in
            switch (lhs.medianMs, rhs.medianMs) {
            case let (l?, r?) where l != r: return l < r
            case (_?, nil): return true
            case (nil, _?): return false
            default: return lhs.id < rhs.id
            }
        }

        let withNearest = total - nearestNone
        let majority = nearest.mostCommon
        let nearestSummary = SiteNearestRegion(
            majority: majority?.key,
            agreementPercent: majority.map { SitePercent.of($0.count, withNearest) },
            counts: SiteCount.ranked(nearest.counts, of: total), none: nearestNone)

        let routing = Self.routing(records, pair: routePairs.mostCommon?.key)
        let media = SiteMediaSummary(streams: records.compactMap(\.media))
        let results = records.map(\.result)
        let decision = SiteVerdictRule.decide(counts: counts, findings: findings, agents: results, rules: rules)
        let outliers = SiteOutlierRule.find(agents: results, counts: counts, nearest: nearestSummary,
                                            regions: regions, rules: rules)
        return SiteReport(site: site, groupedBy: grouping, homeRegion: home, reportsRead: reportsRead, agents: total,
                          firstStartedAt: first, lastStartedAt: last, verdict: decision.verdict,
                          verdictReasons: decision.reasons, actions: decision.actions, verdictCounts: counts,
                          readyOrWarningsPercent: SitePercent.of(counts.ready + counts.readyWithWarnings, total),
                          findings: findings, natTypes: SiteCount.ranked(nat, of: total),
                          udp: SiteUdpSummary(reachable: udpReachable, blocked: udpBlocked, notMeasured: udpUnknown),
                          turn: turn, regions: regions, nearestRegion: nearestSummary, routing: routing,
                          media: media, outliers: outliers, agentResults: results, rules: rules)
    }

    /// Most agents first, then the more severe, then id and subject.
    private static func ranked(_ lhs: SiteFindingCount, _ rhs: SiteFindingCount) -> Bool {
        if lhs.agents != rhs.agents { return lhs.agents > rhs.agents }
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        if lhs.id != rhs.id { return lhs.id.rawValue < rhs.id.rawValue }
        return (lhs.subject ?? "") < (rhs.subject ?? "")
    }

    private static func routing(_ records: [SiteAgentRecord], pair: String?) -> SiteRoutingSummary? {
        guard let pair else { return nil }
        let chosen = records.compactMap(\.routing).filter { "\($0.anchoredRegion)\u{0}\($0.bridgedRegion)" == pair }
        guard let sample = chosen.first,
              let detour = SampleStatistics.median(chosen.map(\.detourMs)),
              let detourP95 = SampleStatistics.percentile(chosen.map(\.detourMs), 95),
              let anchored = SampleStatistics.median(chosen.map(\.anchoredOneWayMs)),
              let bridged = SampleStatistics.median(chosen.map(\.bridgedOneWayMs)) else { return nil }
        var recommendations = SiteTally<String>()
        for item in chosen { recommendations.add(item.recommendation) }
        return SiteRoutingSummary(anchoredRegion: sample.anchoredRegion, bridgedRegion: sample.bridgedRegion,
                                  agents: chosen.count, detourMedianMs: SitePercent.tenth(detour),
                                  detourP95Ms: SitePercent.tenth(detourP95),
                                  anchoredMedianOneWayMs: SitePercent.tenth(anchored),
                                  bridgedMedianOneWayMs: SitePercent.tenth(bridged),
                                  anchoredWithinG114: chosen.filter(\.anchoredWithinG114).count,
                                  bridgedWithinG114: chosen.filter(\.bridgedWithinG114).count,
                                  recommendation: recommendations.mostCommon?.key ?? "")
    }
}
