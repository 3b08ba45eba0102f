/// What changed for one site between a baseline run and a current run (for example before and
/// after a firewall change). Pure: built from two sets of `SiteReport`s by `compare`.
///
/// JSON (`SiteJSON.render(_: [SiteComparison])`, an array by site): `schemaVersion` (1), `kind`
/// (`"site-comparison"`), `site`, `groupedBy`, `baselineVerdict`, `currentVerdict` (`null` when
/// the site is absent from that run), `verdictChanged`, `baselineAgents`, `currentAgents`,
/// `findingsDisappeared`, `findingsAppeared`, `findingsChanged` (each {`severity`, `id`,
/// `subject`, `baselineAgents`, `currentAgents`, `action`}; by the larger count, then id),
/// `agentVerdictChanges` [{`agent`, `baseline`, `current`}] (agents in both runs whose verdict
/// changed), `agentsAdded`, `agentsRemoved` (names), `regionShifts` [{`region`,
/// `baselineMedianMs`, `currentMedianMs`, `deltaMs`}] (by region), `baselineDetourMedianMs`,
/// `currentDetourMedianMs`.
public struct SiteComparison: Sendable, Equatable, Codable {
    public static let kindName = "site-comparison"

    public var schemaVersion: Int
    public var kind: String
    public var site: String
    public var groupedBy: SiteGrouping
    public var baselineVerdict: Verdict?
    public var currentVerdict: Verdict?
    public var verdictChanged: Bool
    public var baselineAgents: Int
    public var currentAgents: Int
    public var findingsDisappeared: [SiteFindingChange]
    public var findingsAppeared: [SiteFindingChange]
    public var findingsChanged: [SiteFindingChange]
    public var agentVerdictChanges: [SiteAgentChange]
    public var agentsAdded: [String]
    public var agentsRemoved: [String]
    public var regionShifts: [SiteRegionShift]
    public var baselineDetourMedianMs: Double?
    public var currentDetourMedianMs: Double?

    /// Pairs the sites of both runs (by site and grouping) and compares each; sites present in
    /// only one run are listed too. Sorted by site.
    public static func compare(baseline: [SiteReport], current: [SiteReport]) -> [SiteComparison] {
        func key(_ report: SiteReport) -> String { "\(report.site)\u{0}\(report.groupedBy.rawValue)" }
        var old: [String: SiteReport] = [:]
        for report in baseline { old[key(report)] = report }
        var new: [String: SiteReport] = [:]
        for report in current { new[key(report)] = report }
        return Set(old.keys).union(new.keys).sorted().compactMap { compare(baseline: old[$0], current: new[$0]) }
    }

    /// Compares one site's two runs; `nil` when both are absent.
    public static func compare(baseline: SiteReport?, current: SiteReport?) -> SiteComparison? {
        guard let any = current ?? baseline else { return nil }
        struct Key: Hashable, Comparable {
            let severity: Severity
            let id: FindingID
            let subject: String?
            static func < (l: Key, r: Key) -> Bool {
                l.id != r.id ? l.id.rawValue < r.id.rawValue
                    : (l.subject ?? "") != (r.subject ?? "") ? (l.subject ?? "") < (r.subject ?? "") : l.severity < r.severity
            }
        }
        var before: [Key: SiteFindingCount] = [:]
        for finding in baseline?.findings ?? [] { before[Key(severity: finding.severity, id: finding.id, subject: finding.subject)] = finding }
        var after: [Key: SiteFindingCount] = [:]
        for finding in current?.findings ?? [] { after[Key(severity: finding.severity, id: finding.id, subject: finding.subject)] = finding }
        var disappeared: [SiteFindingChange] = [], appeared: [SiteFindingChange] = [], changed: [SiteFindingChange] = []
        for key in Set(before.keys).union(after.keys).sorted() {
            let old = before[key]?.agents ?? 0
            let new = after[key]?.agents ?? 0
            let change = SiteFindingChange(severity: key.severity, id: key.id, subject: key.subject, baselineAgents: old,
                                           currentAgents: new, action: after[key]?.action ?? before[key]?.action)
            if new == 0 { disappeared.append(change) } else if old == 0 { appeared.append(change) } else if old != new { changed.append(change) }
        }
        let byCount: (SiteFindingChange, SiteFindingChange) -> Bool = {
            let l = max($0.baselineAgents, $0.currentAgents), r = max($1.baselineAgents, $1.currentAgents)
            return l != r ? l > r : false
        }
        // Stable: equal counts keep the key order above.
        disappeared = stableSorted(disappeared, by: byCount)
        appeared = stableSorted(appeared, by: byCount)
        changed = stableSorted(changed, by: byCount)

        var oldAgents: [String: Verdict] = [:]
        for agent in baseline?.agentResults ?? [] { oldAgents[agent.agent] = agent.verdict }
        var newAgents: [String: Verdict] = [:]
        for agent in current?.agentResults ?? [] { newAgents[agent.agent] = agent.verdict }
        let agentChanges = Set(oldAgents.keys).intersection(newAgents.keys).sorted().compactMap { name -> SiteAgentChange? in
            oldAgents[name] == newAgents[name] ? nil : SiteAgentChange(agent: name, baseline: oldAgents[name], current: newAgents[name])
        }

        var oldRegions: [String: Double?] = [:]
        for region in baseline?.regions ?? [] { oldRegions[region.id] = region.medianMs }
        var newRegions: [String: Double?] = [:]
        for region in current?.regions ?? [] { newRegions[region.id] = region.medianMs }
        let shifts = Set(oldRegions.keys).union(newRegions.keys).sorted().map {
            SiteRegionShift(region: $0, baselineMedianMs: oldRegions[$0] ?? nil, currentMedianMs: newRegions[$0] ?? nil)
        }

        return SiteComparison(
            schemaVersion: 1, kind: kindName, site: any.site, groupedBy: any.groupedBy,
            baselineVerdict: baseline?.verdict, currentVerdict: current?.verdict,
            verdictChanged: baseline?.verdict != current?.verdict,
            baselineAgents: baseline?.agents ?? 0, currentAgents: current?.agents ?? 0,
            findingsDisappeared: disappeared, findingsAppeared: appeared, findingsChanged: changed,
            agentVerdictChanges: agentChanges,
            agentsAdded: Set(newAgents.keys).subtracting(oldAgents.keys).sorted(),
            agentsRemoved: Set(oldAgents.keys).subtracting(newAgents.keys).sorted(),
            regionShifts: shifts, baselineDetourMedianMs: baseline?.routing?.detourMedianMs,
            currentDetourMedianMs: current?.routing?.detourMedianMs)
    }

    private static func stableSorted(_ items: [SiteFindingChange], by less: (SiteFindingChange, SiteFindingChange) -> Bool) -> [SiteFindingChange] {
        items.enumerated().sorted { less($0.element, $1.element) || (!less($1.element, $0.element) && $0.offset < $1.offset) }.map(\.element)
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, kind, site, groupedBy, baselineVerdict, currentVerdict, verdictChanged, baselineAgents
        case currentAgents, findingsDisappeared, findingsAppeared, findingsChanged, agentVerdictChanges, agentsAdded
        case agentsRemoved, regionShifts, baselineDetourMedianMs, currentDetourMedianMs
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(kind, forKey: .kind)
        try c.encode(site, forKey: .site)
        try c.encode(groupedBy, forKey: .groupedBy)
        try c.encode(baselineVerdict, forKey: .baselineVerdict)
        try c.encode(currentVerdict, forKey: .currentVerdict)
        try c.encode(verdictChanged, forKey: .verdictChanged)
        try c.encode(baselineAgents, forKey: .baselineAgents)
        try c.encode(currentAgents, forKey: .currentAgents)
        try c.encode(findingsDisappeared, forKey: .findingsDisappeared)
        try c.encode(findingsAppeared, forKey: .findingsAppeared)
        try c.encode(findingsChanged, forKey: .findingsChanged)
        try c.encode(agentVerdictChanges, forKey: .agentVerdictChanges)
        try c.encode(agentsAdded, forKey: .agentsAdded)
        try c.encode(agentsRemoved, forKey: .agentsRemoved)
        try c.encode(regionShifts, forKey: .regionShifts)
        try c.encode(baselineDetourMedianMs, forKey: .baselineDetourMedianMs)
        try c.encode(currentDetourMedianMs, forKey: .currentDetourMedianMs)
    }
}
