import Foundation

/// One agent's line in a site report: the facts of its (latest) check report the rollup used.
public struct SiteAgentResult: Sendable, Equatable, Codable {
    /// The `agent` of the report; reports without one are named `unnamed-<n>` in the order read.
    public let agent: String
    public let startedAt: Date
    public let verdict: Verdict
    public let nearestRegion: String?
    /// `nil` when NAT behaviour was not measured.
    public let natType: ClassicNatType?
    /// The public (mapped) IP address seen by STUN, when known.
    public let publicAddress: String?
    public let udpReachable: Bool?
    /// TURN transports that allocated a relay, in the order udp, tcp, tls.
    public let turnWorks: [String]
    /// Median STUN RTT per reachable region, ms.
    public let rttMedianMs: [String: Double]
    /// Regions probed without any answer (sorted).
    public let unreachableRegions: [String]
    /// The queue-routed detour of its routing estimate, ms (`nil` when not estimated).
    public let detourMs: Double?
    /// Its findings as `severity id` or `severity id (subject)`, in report order.
    public let findings: [String]
    /// Where its report came from: `cli` (`iceprobe check`, also reports from before sources) or
    /// `browser` (the collector's check page).
    public let source: String

    public init(agent: String, startedAt: Date, verdict: Verdict, nearestRegion: String?, natType: ClassicNatType?,
                publicAddress: String?, udpReachable: Bool?, turnWorks: [String], rttMedianMs: [String: Double],
                unreachableRegions: [String], detourMs: Double?, findings: [String], source: String = "cli") {
        self.agent = agent
        self.startedAt = startedAt
        self.verdict = verdict
        self.nearestRegion = nearestRegion
        self.natType = natType
        self.publicAddress = publicAddress
        self.udpReachable = udpReachable
        self.turnWorks = turnWorks
        self.rttMedianMs = rttMedianMs
        self.unreachableRegions = unreachableRegions
        self.detourMs = detourMs
        self.findings = findings
        self.source = source
    }

    private enum CodingKeys: String, CodingKey {
        case agent, startedAt, verdict, nearestRegion, natType, publicAddress, udpReachable, turnWorks
        case rttMedianMs, unreachableRegions, detourMs, findings, source
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(agent, forKey: .agent)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(nearestRegion, forKey: .nearestRegion)
        try c.encode(natType, forKey: .natType)
        try c.encode(publicAddress, forKey: .publicAddress)
        try c.encode(udpReachable, forKey: .udpReachable)
        try c.encode(turnWorks, forKey: .turnWorks)
        try c.encode(rttMedianMs, forKey: .rttMedianMs)
        try c.encode(unreachableRegions, forKey: .unreachableRegions)
        try c.encode(detourMs, forKey: .detourMs)
        try c.encode(findings, forKey: .findings)
        try c.encode(source, forKey: .source)
    }

    /// Site reports written before sources decode with `cli`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        agent = try c.decode(String.self, forKey: .agent)
        startedAt = try c.decode(Date.self, forKey: .startedAt)
        verdict = try c.decode(Verdict.self, forKey: .verdict)
        nearestRegion = try c.decodeIfPresent(String.self, forKey: .nearestRegion)
        natType = try c.decodeIfPresent(ClassicNatType.self, forKey: .natType)
        publicAddress = try c.decodeIfPresent(String.self, forKey: .publicAddress)
        udpReachable = try c.decodeIfPresent(Bool.self, forKey: .udpReachable)
        turnWorks = try c.decode([String].self, forKey: .turnWorks)
        rttMedianMs = try c.decode([String: Double].self, forKey: .rttMedianMs)
        unreachableRegions = try c.decode([String].self, forKey: .unreachableRegions)
        detourMs = try c.decodeIfPresent(Double.self, forKey: .detourMs)
        findings = try c.decode([String].self, forKey: .findings)
        source = try c.decodeIfPresent(String.self, forKey: .source) ?? "cli"
    }
}
