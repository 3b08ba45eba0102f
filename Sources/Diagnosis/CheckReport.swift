import Foundation

/// The report of one `iceprobe check` run: the JSON contract read by `iceprobe site` and the
/// support desk. `schemaVersion` is 1. Every optional is written as `null` ("not measured"),
/// never omitted; see `ReportJSON` for the exact encoding (sorted keys, ISO 8601 dates).
/// `durationMs` is stored and encoded rounded by `ReportNumber.milliseconds` (0.001 ms).
/// `localFacts` and `baseline` were added within version 1: reports written before them decode with `nil`.
public struct CheckReport: Sendable, Equatable, Codable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var verdict: Verdict
    public var site: String?
    public var agent: String?
    public var startedAt: Date
    public var durationMs: Double
    public var homeRegion: String?
    public var regions: [RegionResult]
    public var nearestRegion: String?
    public var routing: RoutingReport?
    public var udpReachable: Bool?
    public var dns: DnsFacts?
    public var ipv6Available: Bool?
    public var nat: NatVerdict?
    public var turn: TurnTransportResults?
    /// `nil` when gathering did not run; `[]` when it ran and found none.
    public var candidates: [CandidateSummary]?
    /// This computer's interfaces, MTU and default route; `nil` when not read.
    public var localFacts: LocalFacts?
    /// Direct TCP/TLS attempts to the media servers' ports (`nil`: not run). Added within version 1.
    public var egress: [EgressAttempt]?
    /// The HTTP proxy this computer is set up to use (`nil`: none). Added within version 1.
    public var proxy: ProxySetting?
    /// The root cause, its evidence and consequences (`nil` only in reports written before it).
    public var diagnosis: RootCauseDiagnosis?
    /// The media stream through the home region's relay (`check --media`, a `MediaReport`);
    /// `null` when not run. Added within version 1: older reports decode with `nil`.
    public var media: MediaReport?
    /// DNS steering names, their answers and how far they steer (`nil`: none in the profile, or a
    /// report from before steering). Added within schema version 1.
    public var steering: [SteeringResult]? = nil
    public var findings: [Finding]
    public var checks: [CheckResult]
    /// The comparison with an earlier report (`check --baseline`); `nil` when none was given.
    public var baseline: BaselineComparison?
    /// Who measured: `cli` (`iceprobe check`) or `browser` (the collector's check page, issue 18).
    /// `nil` in reports written before it (read as `cli`). Added within schema version 1.
    public var source: String? = nil
    /// What the browser check page measured with the browser's WebRTC stack (`source: browser`);
    /// `nil` for CLI reports. Added within schema version 1.
    public var browser: BrowserObservations? = nil

    public init(schemaVersion: Int = CheckReport.currentSchemaVersion, verdict: Verdict, site: String?, agent: String?,
                startedAt: Date, durationMs: Double, homeRegion: String?, regions: [RegionResult],
                nearestRegion: String?, routing: RoutingReport?, udpReachable: Bool?, dns: DnsFacts?,
                ipv6Available: Bool?, nat: NatVerdict?, turn: TurnTransportResults?,
                candidates: [CandidateSummary]?, localFacts: LocalFacts? = nil, egress: [EgressAttempt]? = nil,
                proxy: ProxySetting? = nil, diagnosis: RootCauseDiagnosis? = nil, media: MediaReport? = nil,
                findings: [Finding], checks: [CheckResult], baseline: BaselineComparison? = nil) {
        self.schemaVersion = schemaVersion
        self.verdict = verdict
        self.site = site
        self.agent = agent
        self.startedAt = startedAt
        self.durationMs = ReportNumber.milliseconds(durationMs)
        self.homeRegion = homeRegion
        self.regions = regions
        self.nearestRegion = nearestRegion
        self.routing = routing
        self.udpReachable = udpReachable
        self.dns = dns
        self.ipv6Available = ipv6Available
        self.nat = nat
        self.turn = turn
        self.candidates = candidates
        self.localFacts = localFacts
        self.egress = egress
        self.proxy = proxy
        self.diagnosis = diagnosis
        self.media = media
        self.findings = findings
        self.checks = checks
        self.baseline = baseline
    }

    /// Assembles a report from the facts and their assessment (no judgement happens here).
    public init(facts: ReadinessFacts, assessment: ReadinessAssessment, site: String?, agent: String?,
                startedAt: Date, durationMs: Double, candidates: [CandidateSummary]?) {
        self.init(verdict: assessment.verdict, site: site, agent: agent, startedAt: startedAt,
                  durationMs: durationMs, homeRegion: facts.homeRegion, regions: facts.regions,
                  nearestRegion: assessment.nearestRegion, routing: facts.routing.map(RoutingReport.init),
                  udpReachable: facts.udpReachable, dns: facts.dns, ipv6Available: facts.ipv6Available,
                  nat: facts.nat, turn: facts.turn, candidates: candidates, localFacts: facts.localFacts, egress: facts.egress, proxy: facts.proxy,
                  diagnosis: assessment.diagnosis, media: facts.media, findings: assessment.findings,
                  checks: assessment.checks)
        self.steering = facts.steering
        self.source = facts.browser == nil ? "cli" : "browser"
        self.browser = facts.browser
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, verdict, site, agent, startedAt, durationMs, homeRegion, regions, nearestRegion
        case routing, udpReachable, dns, ipv6Available, nat, turn, candidates, localFacts, egress, proxy, diagnosis, media, steering, findings, checks, baseline
        case source, browser
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(site, forKey: .site)
        try c.encode(agent, forKey: .agent)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encodeMilliseconds(durationMs, forKey: .durationMs)
        try c.encode(homeRegion, forKey: .homeRegion)
        try c.encode(regions, forKey: .regions)
        try c.encode(nearestRegion, forKey: .nearestRegion)
        try c.encode(routing, forKey: .routing)
        try c.encode(udpReachable, forKey: .udpReachable)
        try c.encode(dns, forKey: .dns)
        try c.encode(ipv6Available, forKey: .ipv6Available)
        try c.encode(nat, forKey: .nat)
        try c.encode(turn, forKey: .turn)
        try c.encode(candidates, forKey: .candidates)
        try c.encode(localFacts, forKey: .localFacts)
        try c.encode(egress, forKey: .egress)
        try c.encode(proxy, forKey: .proxy)
        try c.encode(diagnosis, forKey: .diagnosis)
        try c.encode(media, forKey: .media)
        try c.encode(steering, forKey: .steering)
        try c.encode(findings, forKey: .findings)
        try c.encode(checks, forKey: .checks)
        try c.encode(baseline, forKey: .baseline)
        try c.encode(source, forKey: .source)
        try c.encode(browser, forKey: .browser)
    }
}
