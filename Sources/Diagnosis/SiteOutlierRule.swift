/// Finds the agents that differ from their site's majority (the rule is documented on
/// `SiteRules`). Only a worse verdict counts: an agent doing better than its site is no problem.
enum SiteOutlierRule {
    static func find(agents: [SiteAgentResult], counts: SiteVerdictCounts, nearest: SiteNearestRegion,
                     regions: [SiteRegionLatency], rules: SiteRules) -> [SiteOutlier] {
        let total = agents.count
        guard total >= max(rules.outlierMinAgents, 1) else { return [] }
        let majorityVerdict = Verdict.allCases.first { rules.isMajority(counts.count($0), of: total) }
        let withNearest = total - nearest.none
        let majorityRegion = nearest.counts.first.flatMap { rules.isMajority($0.agents, of: withNearest) ? $0 : nil }
        let baselines = regions.compactMap { region -> (String, Double)? in
            guard region.agentsMeasured >= rules.outlierMinAgents, let median = region.medianMs else { return nil }
            return (region.id, median)
        }

        var outliers: [SiteOutlier] = []
        for agent in agents {
            var reasons: [String] = []
            if let majorityVerdict, rank(agent.verdict) > rank(majorityVerdict) {
                reasons.append("verdict \(agent.verdict.rawValue) while \(counts.count(majorityVerdict)) of \(total) agents are \(majorityVerdict.rawValue)")
            }
            if let majorityRegion, let own = agent.nearestRegion, own != majorityRegion.name {
                reasons.append("nearest region \(own) while \(majorityRegion.agents) of \(withNearest) agents are nearest to \(majorityRegion.name) (a VPN or another network path?)")
            }
            var worst: (region: String, own: Double, site: Double)?
            var slowRegions = 0
            for (region, siteMedian) in baselines {
                guard let own = agent.rttMedianMs[region] else { continue }
                let limit = max(siteMedian * rules.outlierRttFactor, siteMedian + rules.outlierRttExtraMs)
                guard own > limit else { continue }
                slowRegions += 1
                if let current = worst, current.own - current.site >= own - siteMedian { continue }
                worst = (region, own, siteMedian)
            }
            if let worst {
                let others = slowRegions > 1 ? " (and \(slowRegions - 1) more \(slowRegions == 2 ? "region" : "regions"))" : ""
                reasons.append("\(worst.region) RTT \(NumberText.decimal(worst.own, 1)) ms against the site median \(NumberText.decimal(worst.site, 1)) ms\(others): likely Wi-Fi, a VPN or a busy local link")
            }
            if !reasons.isEmpty { outliers.append(SiteOutlier(agent: agent.agent, verdict: agent.verdict, reasons: reasons)) }
        }
        return outliers
    }

    private static func rank(_ verdict: Verdict) -> Int {
        switch verdict {
        case .ready: 0
        case .readyWithWarnings: 1
        case .notReady: 2
        }
    }
}
