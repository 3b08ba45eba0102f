import Foundation

/// A described agent run, turned into a `CheckReport` through the real pipeline (NAT classifier,
/// queue-routing estimate, readiness evaluator): what the site tests, fixtures and the
/// `iceprobe site` benchmark generator use, because `iceprobe check` cannot produce lab reports
/// yet. Nothing here is measured: the RTT samples are given by the caller.
public struct SiteSampleAgent: Sendable {
    /// NAT behaviours the sample can have.
    public enum Nat: String, Sendable, CaseIterable {
        case portRestricted, fullCone, symmetric, udpBlocked, notMeasured
    }

    public var site: String?
    public var agent: String?
    public var startedAt: Date
    public var durationMs: Double
    public var homeRegion: String?
    public var farRegion: String?
    /// RTT samples per region in ms; an empty list means probed without an answer.
    public var rttSamples: [(region: String, samples: [Double])]
    public var samplesSent: Int
    public var nat: Nat
    public var localIP: String
    public var publicIP: String?
    public var turn: TurnTransportResults?
    public var ipv6Available: Bool?

    public init(site: String?, agent: String?, startedAt: Date, durationMs: Double = 4200, homeRegion: String? = "jp1",
                farRegion: String? = "us1", rttSamples: [(region: String, samples: [Double])], samplesSent: Int = 10,
                nat: Nat = .portRestricted, localIP: String = "10.20.0.10", publicIP: String? = "203.0.113.5",
                turn: TurnTransportResults? = TurnTransportResults(udp: true, tcp: true, tls: true), ipv6Available: Bool? = false) {
        self.site = site
        self.agent = agent
        self.startedAt = startedAt
        self.durationMs = durationMs
        self.homeRegion = homeRegion
        self.farRegion = farRegion
        self.rttSamples = rttSamples
        self.samplesSent = samplesSent
        self.nat = nat
        self.localIP = localIP
        self.publicIP = publicIP
        self.turn = turn
        self.ipv6Available = ipv6Available
    }

    /// STUN/TURN ranges of the regions the samples use (from the field facts' Twilio list).
    static let regionRanges: [String: [String]] = [
        "jp1": ["13.115.244.0-13.115.244.31", "54.65.63.192-54.65.63.255", "18.180.220.128-18.180.220.255"],
        "us1": ["34.203.254.0-34.203.254.255", "54.172.60.0-54.172.61.255", "34.203.250.0-34.203.251.255"],
        "de1": ["52.59.186.0-52.59.186.31", "18.195.48.224-18.195.48.255", "18.156.18.128-18.156.18.255"],
        "sg1": ["13.229.255.0-13.229.255.31", "54.169.127.128-54.169.127.191", "18.141.157.128-18.141.157.255"],
    ]

    /// The check report this run would give.
    public func report() -> CheckReport {
        let blocked = nat == .udpBlocked
        let regions = rttSamples.map { item in
            RegionResult(id: item.region, rttSamplesMs: blocked ? [] : item.samples, sent: samplesSent)
        }
        let local = ObservedAddress(ip: localIP, port: 50000)
        let mapped = publicIP.map { ObservedAddress(ip: $0, port: 50000) }
        var observations: NatObservations?
        switch nat {
        case .portRestricted:
            observations = NatObservations(udpReachable: true, localAddress: local, testIMapped: mapped, testIPlainMapped: mapped,
                                           otherAddressAvailable: true, mappingAlternateIP: mapped, mappingAlternateIPAndPort: mapped,
                                           filteringChangeIPAndPortAnswered: false, filteringChangePortAnswered: false)
        case .fullCone:
            observations = NatObservations(udpReachable: true, localAddress: local, testIMapped: mapped, testIPlainMapped: mapped,
                                           otherAddressAvailable: true, mappingAlternateIP: mapped, mappingAlternateIPAndPort: mapped,
                                           filteringChangeIPAndPortAnswered: true, filteringChangePortAnswered: true)
        case .symmetric:
            let second = publicIP.map { ObservedAddress(ip: $0, port: 50123) }
            let third = publicIP.map { ObservedAddress(ip: $0, port: 50124) }
            observations = NatObservations(udpReachable: true, localAddress: local, testIMapped: mapped, testIPlainMapped: mapped,
                                           otherAddressAvailable: true, mappingAlternateIP: second, mappingAlternateIPAndPort: third,
                                           filteringChangeIPAndPortAnswered: false, filteringChangePortAnswered: false)
        case .udpBlocked:
            observations = NatObservations(udpReachable: false, localAddress: local)
        case .notMeasured:
            observations = nil
        }
        let verdict = observations.map(NatClassifier.classify)
        var routing: QueueRoutingEstimate?
        if let homeRegion, let farRegion,
           let home = regions.first(where: { $0.id == homeRegion }), let far = regions.first(where: { $0.id == farRegion }),
           let homeRtt = home.rttMs?.median, let farRtt = far.rttMs?.median {
            routing = QueueRoutingEstimate.estimate(QueueRoutingInput(
                homeRegion: homeRegion, farRegion: farRegion, homeRttMs: homeRtt, farRttMs: farRtt,
                homeJitterMs: home.jitterMs, farJitterMs: far.jitterMs,
                homeLossPercent: home.lossPercent, farLossPercent: far.lossPercent))
        }
        let facts = ReadinessFacts(udpReachable: !blocked, turn: turn, nat: verdict, regions: regions, homeRegion: homeRegion,
                                   dns: DnsFacts(resolved: ["global.stun.twilio.com", "global.turn.twilio.com"], failed: []),
                                   ipv6Available: ipv6Available, routing: routing, firewallRanges: ["168.86.128.0/18"],
                                   regionRanges: Self.regionRanges.filter { key, _ in regions.contains { $0.id == key } })
        let assessment = ReadinessEvaluator.evaluate(facts)
        var candidates = [CandidateSummary(type: "host", transport: "udp", address: local)]
        if !blocked, let mapped { candidates.append(CandidateSummary(type: "srflx", transport: "udp", address: mapped)) }
        return CheckReport(facts: facts, assessment: assessment, site: site, agent: agent, startedAt: startedAt,
                           durationMs: durationMs, candidates: candidates)
    }
}
