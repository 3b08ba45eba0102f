import Foundation

/// The readiness of one site, rolled up from its agents' check reports by `SiteRollup`.
///
/// JSON (`SiteJSON.render`): sorted keys, ISO 8601 dates, `null` for "not measured", milliseconds
/// and percentages as numbers. Fields:
/// - `schemaVersion` (1) and `kind` (`"site"`).
/// - `site`: the site name, or the public address when the reports had no site; `groupedBy`:
///   `site`, `public-address` or `unknown` (see `SiteGrouping`).
/// - `homeRegion`: the home region most reports named (`null` if none).
/// - `reportsRead`: check reports read for this site; `agents`: distinct agents (an agent checked
///   more than once counts once, with its latest report, by `startedAt`).
/// - `firstStartedAt`, `lastStartedAt`: earliest and latest `startedAt` of the agents' reports.
/// - `verdict` (`ready`, `ready-with-warnings`, `not-ready`), `verdictReasons` (sentences) and
///   `actions` (what would change the verdict, most effective first).
/// - `verdictCounts`: `ready`, `readyWithWarnings`, `notReady` (they add up to `agents`);
///   `readyOrWarningsPercent`.
/// - `findings`: each `severity`, `id`, `check`, `subject`, `agents`, `percent`, `shared`,
///   `message`, `action`; ranked by agents (most first), then severity, id, subject.
/// - `natTypes`: `name` (a `ClassicNatType` raw value or `not-measured`), `agents`, `percent`.
/// - `udp`: `reachable`, `blocked`, `notMeasured`, `blockedPercent` (of those measured).
/// - `turn`: `udp`, `tcp`, `tls` each {`works`, `failed`, `notTested`}; `anyWorks`,
///   `noneWorks`, `notTested`; `failures` [{`transport`, `error`, `agents`}].
/// - `regions`: each `id`, `home`, `agentsMeasured`, `agentsUnreachable`, `nearestFor`, and over
///   the agents' median RTTs `medianMs`, `p95Ms`, `minMs`, `maxMs`; nearest first.
/// - `nearestRegion`: `majority`, `agreementPercent`, `counts` [{`name`, `agents`, `percent`}], `none`.
/// - `routing` (or `null`): `anchoredRegion`, `bridgedRegion`, `agents`, `detourMedianMs`,
///   `detourP95Ms`, `anchoredMedianOneWayMs`, `bridgedMedianOneWayMs`, `anchoredWithinG114`,
///   `bridgedWithinG114`, `recommendation`.
/// - `media` (or `null` when no agent ran `check --media`): `agents` (that ran it), `failed`
///   (streams that could not run), `mosMedian`, `mosMin`, `belowMosTarget` (agents under MOS
///   3.5), `lossMedianPercent`.
/// - `outliers`: [{`agent`, `verdict`, `reasons`}], by agent.
/// - `agentResults`: one per agent, by agent name: `agent`, `startedAt`, `verdict`,
///   `nearestRegion`, `natType`, `publicAddress`, `udpReachable`, `turnWorks`, `rttMedianMs`
///   {region: ms}, `unreachableRegions`, `detourMs`, `findings`, `source` (`cli` or `browser`:
///   whether the agent's report came from `iceprobe check` or the collector's browser check page).
/// - `rules`: the `SiteRules` used.
public struct SiteReport: Sendable, Equatable, Codable {
    public static let currentSchemaVersion = 1
    public static let kindName = "site"

    public var schemaVersion: Int
    public var kind: String
    public var site: String
    public var groupedBy: SiteGrouping
    public var homeRegion: String?
    public var reportsRead: Int
    public var agents: Int
    public var firstStartedAt: Date
    public var lastStartedAt: Date
    public var verdict: Verdict
    public var verdictReasons: [String]
    public var actions: [String]
    public var verdictCounts: SiteVerdictCounts
    public var readyOrWarningsPercent: Double
    public var findings: [SiteFindingCount]
    public var natTypes: [SiteCount]
    public var udp: SiteUdpSummary
    public var turn: SiteTurnSummary
    public var regions: [SiteRegionLatency]
    public var nearestRegion: SiteNearestRegion
    public var routing: SiteRoutingSummary?
    /// The agents' media streams (`check --media`); nil when no agent ran one.
    public var media: SiteMediaSummary?
    public var outliers: [SiteOutlier]
    public var agentResults: [SiteAgentResult]
    public var rules: SiteRules

    public init(site: String, groupedBy: SiteGrouping, homeRegion: String?, reportsRead: Int, agents: Int,
                firstStartedAt: Date, lastStartedAt: Date, verdict: Verdict, verdictReasons: [String], actions: [String],
                verdictCounts: SiteVerdictCounts, readyOrWarningsPercent: Double, findings: [SiteFindingCount],
                natTypes: [SiteCount], udp: SiteUdpSummary, turn: SiteTurnSummary, regions: [SiteRegionLatency],
                nearestRegion: SiteNearestRegion, routing: SiteRoutingSummary?, media: SiteMediaSummary? = nil, outliers: [SiteOutlier],
                agentResults: [SiteAgentResult], rules: SiteRules) {
        self.schemaVersion = Self.currentSchemaVersion
        self.kind = Self.kindName
        self.site = site
        self.groupedBy = groupedBy
        self.homeRegion = homeRegion
        self.reportsRead = reportsRead
        self.agents = agents
        self.firstStartedAt = firstStartedAt
        self.lastStartedAt = lastStartedAt
        self.verdict = verdict
        self.verdictReasons = verdictReasons
        self.actions = actions
        self.verdictCounts = verdictCounts
        self.readyOrWarningsPercent = readyOrWarningsPercent
        self.findings = findings
        self.natTypes = natTypes
        self.udp = udp
        self.turn = turn
        self.regions = regions
        self.nearestRegion = nearestRegion
        self.routing = routing
        self.media = media
        self.outliers = outliers
        self.agentResults = agentResults
        self.rules = rules
    }

    /// The agents of a verdict, by name (for renderers and comparisons).
    public func agents(with verdict: Verdict) -> [String] {
        agentResults.filter { $0.verdict == verdict }.map(\.agent)
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, kind, site, groupedBy, homeRegion, reportsRead, agents, firstStartedAt, lastStartedAt
        case verdict, verdictReasons, actions, verdictCounts, readyOrWarningsPercent, findings, natTypes, udp, turn
        case regions, nearestRegion, routing, media, outliers, agentResults, rules
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(kind, forKey: .kind)
        try c.encode(site, forKey: .site)
        try c.encode(groupedBy, forKey: .groupedBy)
        try c.encode(homeRegion, forKey: .homeRegion)
        try c.encode(reportsRead, forKey: .reportsRead)
        try c.encode(agents, forKey: .agents)
        try c.encode(firstStartedAt, forKey: .firstStartedAt)
        try c.encode(lastStartedAt, forKey: .lastStartedAt)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(verdictReasons, forKey: .verdictReasons)
        try c.encode(actions, forKey: .actions)
        try c.encode(verdictCounts, forKey: .verdictCounts)
        try c.encode(readyOrWarningsPercent, forKey: .readyOrWarningsPercent)
        try c.encode(findings, forKey: .findings)
        try c.encode(natTypes, forKey: .natTypes)
        try c.encode(udp, forKey: .udp)
        try c.encode(turn, forKey: .turn)
        try c.encode(regions, forKey: .regions)
        try c.encode(nearestRegion, forKey: .nearestRegion)
        try c.encode(routing, forKey: .routing)
        try c.encode(media, forKey: .media)
        try c.encode(outliers, forKey: .outliers)
        try c.encode(agentResults, forKey: .agentResults)
        try c.encode(rules, forKey: .rules)
    }
}
