import Diagnosis
import Foundation
import ProbeTransport

/// Turns what a check measured into the evaluator's `ReadinessFacts` and the final `CheckReport`.
/// Pure: no I/O and no judgement of its own (verdicts come from `ReadinessEvaluator`).
public enum CheckFactsBuilder {
    public static func facts(plan: CheckPlan, observations: CheckObservations) -> ReadinessFacts {
        // Regions, in profile order: every method's samples, the choice between them is Diagnosis's.
        var regions: [RegionResult] = []
        for region in plan.regions {
            var tried: [LatencyMethodSamples] = []
            if let observation = observations.latency[region.id], observation.sent > 0 {
                tried.append(LatencyMethodSamples(method: .stunUdp, target: observation.server, rttSamplesMs: observation.rttSamplesMs,
                                                  sent: observation.sent, answered: observation.answered,
                                                  spacingMs: observation.spacingMs, error: observation.error))
            }
            tried += observations.streamLatency[region.id] ?? []
            regions.append(RegionLatencyChooser.choose(region: region.id, tried: tried, verified: region.verified))
        }
        // UDP: STUN over UDP to regions whose targets are not marked unverified (silence from an
        // unverified target proves nothing about UDP).
        let udpReachable = RegionLatencyChooser.udpReachable(plan.regions.map { region in
            (observations.latency[region.id]?.sent ?? 0, observations.latency[region.id]?.received ?? 0, region.verified)
        })

        // A NAT probe none of whose servers resolved learned nothing: not measured.
        let nat = observations.nat.flatMap { session -> NatVerdict? in
            guard session.servers.contains(where: { $0.address != nil }) else { return nil }
            return session.runs.first.map { NatClassifier.classify($0.observations) }
        }

        var routing: QueueRoutingEstimate?
        if let home = plan.homeRegion, let far = plan.queueRegion, home != far,
           let homeResult = regions.first(where: { $0.id == home }), let farResult = regions.first(where: { $0.id == far }),
           let homeRtt = homeResult.rttMs?.median, let farRtt = farResult.rttMs?.median {
            var input = QueueRoutingInput(homeRegion: home, farRegion: far, homeRttMs: homeRtt, farRttMs: farRtt,
                                          homeJitterMs: homeResult.jitterMs, farJitterMs: farResult.jitterMs,
                                          homeLossPercent: homeResult.lossPercent, farLossPercent: farResult.lossPercent,
                                          interRegionRttMs: plan.interRegionRttMs,
                                          mediaOverTcp: udpReachable == false || (udpReachable == nil && nat?.udpBlocked == true))
            input.homeMethod = homeResult.method
            input.farMethod = farResult.method
            routing = QueueRoutingEstimate.estimate(input, negligibleDetourMs: plan.thresholds.negligibleDetourMs)
        }

        let dns: DnsFacts? = plan.dnsNames.isEmpty ? nil
            : DnsFacts(resolved: plan.dnsNames.filter { observations.dnsResolved.contains($0) },
                       failed: plan.dnsNames.filter { observations.dnsFailed[$0] != nil },
                       failures: plan.dnsNames.compactMap { observations.dnsFailures[$0] })


        var regionRanges: [String: [String]] = [:]
        for region in plan.regions { regionRanges[region.id] = region.addressRanges }

        var facts = ReadinessFacts(udpReachable: udpReachable, turn: turnResults(plan: plan, observations: observations),
                                   nat: nat, regions: regions, homeRegion: plan.homeRegion, dns: dns,
                                   ipv6Available: observations.local?.ipv6Available, routing: routing,
                                   firewallRanges: plan.mediaRanges, regionRanges: regionRanges, mediaPorts: plan.mediaPorts,
                                   localFacts: observations.local, egress: observations.egress, proxy: plan.proxy,
                                   profileName: plan.profileName, media: observations.media,
                                   mediaTopology: plan.mediaTopology)
        if !plan.steering.isEmpty {
            facts.steering = DnsSteeringClassifier.classify(observations.steering, regions: regions, resolvers: observations.resolvers,
                                                            regionAddresses: observations.regionAddresses, regionRanges: regionRanges,
                                                            nearestRegion: ReadinessEvaluator.nearestRegion(regions))
            var edges: [String: String] = [:]
            for region in plan.regions { if let edge = region.edge { edges[region.id] = edge } }
            facts.regionEdges = edges
        }
        return facts
    }

    /// Per transport: `true` when any attempt over it relayed, `false` when attempts were made and
    /// none did (with the first failure's name), `nil` when none finished. Not planned at all:
    /// `nil`; TURN servers known but no credential: tested nowhere (reported as not tested).
    public static func turnResults(plan: CheckPlan, observations: CheckObservations) -> TurnTransportResults? {
        guard plan.runTurn else { return plan.turnLacksCredentials ? TurnTransportResults() : nil }
        var results = TurnTransportResults()
        for transport in [TransportProtocol.udp, .tcp, .tls] {
            let attempts = observations.turn.filter { $0.transport == transport }
            guard !attempts.isEmpty else { continue }
            let diagnoses = attempts.map { TurnClassifier.classify($0.facts) }
            let works = diagnoses.contains(.ok)
            switch transport {
            case .udp: results.udp = works
            case .tcp: results.tcp = works
            case .tls: results.tls = works
            }
            if !works, let first = diagnoses.first {
                results.failures.append(TurnFailure(transport: transport.rawValue, error: first.id))
            }
        }
        return results
    }

    /// The report: facts, the evaluator's assessment, and who/when.
    public static func report(plan: CheckPlan, observations: CheckObservations, site: String?, agent: String?) -> (CheckReport, ReadinessFacts) {
        let facts = facts(plan: plan, observations: observations)
        let assessment = ReadinessEvaluator.evaluate(facts, thresholds: plan.thresholds)
        let report = CheckReport(facts: facts, assessment: assessment, site: site, agent: agent,
                                 startedAt: observations.startedAt, durationMs: (observations.durationMs * 10).rounded() / 10,
                                 candidates: observations.candidates)
        return (report, facts)
    }
}
