import Foundation

/// Turns what the browser check page measured into the evaluator's `ReadinessFacts` and a check
/// report with `source: "browser"`. Pure; the judgement is `ReadinessEvaluator`'s (the same as the
/// CLI's), which adds `BrowserAssessment`'s browser-only findings.
///
/// Mapping (what the browser cannot measure stays `nil`, "not measured"):
/// - `turn`: per transport, `true` when a TURN URL of that transport gave a relay candidate alone
///   (relay policy) in any region, `false` when URLs of it were tried and none did, `nil` when the
///   profile has none or the page had no credential. A failed transport's error name comes from
///   the browser's `icecandidateerror` codes: 401/441 `wrong-credentials` (as the CLI's TURN probe
///   names them), 403 `forbidden`, 486 `allocation-quota`, 701 or no answer `timeout`, another
///   code `error-CODE`.
/// - `udpReachable`: a server-reflexive UDP candidate, or a relay over UDP, proves it; `false` when
///   the page asked a STUN server or a TURN/UDP URL and neither came; `nil` when it asked none.
/// - `regions`: per region, the halves of the relayed pair's RTT samples (`BrowserRegionRtt`).
/// - `candidates`: the trickle candidates of every region, as the report lists candidates.
/// - `nat`, `dns`, `ipv6Available`, `egress`, `localFacts`: `nil` (a page cannot see them).
public enum BrowserReportBuilder {
    public static let source = "browser"

    public static func facts(_ browser: BrowserObservations, profile: Profile) -> ReadinessFacts {
        let turn = turnResults(browser)
        let udpReachable = udpReachable(browser)
        var regions: [RegionResult] = []
        for region in profile.regions {
            guard let measured = browser.regionRtts.first(where: { $0.region == region.id }) else { continue }
            let halves = measured.samplesMs.filter { $0.isFinite && $0 >= 0 }.map { $0 / 2 }
            let statistics = SampleStatistics(samples: halves)
            let over = measured.transport.map { " over \($0.uppercased())" } ?? ""
            regions.append(RegionResult(
                id: region.id, rttMs: statistics.map(RttSummary.init), jitterMs: nil, lossPercent: nil,
                reachable: measured.url == nil ? nil : !halves.isEmpty, samplesSent: halves.isEmpty ? nil : halves.count,
                note: measured.url == nil ? (measured.error ?? "not measured")
                    : "measured by the browser: half the round trip of two peer connections relayed through this region\(over) (candidate pair currentRoundTripTime)"))
        }
        var routing: QueueRoutingEstimate?
        if let home = profile.homeRegion, let far = profile.queueRegion, home != far,
           let homeRtt = regions.first(where: { $0.id == home })?.rttMs?.median,
           let farRtt = regions.first(where: { $0.id == far })?.rttMs?.median {
            let overTcp = browser.regionRtts.first { $0.region == home }.map { $0.transport != "udp" } ?? false
            let input = QueueRoutingInput(homeRegion: home, farRegion: far, homeRttMs: homeRtt, farRttMs: farRtt,
                                          homeJitterMs: nil, farJitterMs: nil, homeLossPercent: nil, farLossPercent: nil,
                                          interRegionRttMs: profile.interRegionRttMs[home]?[far] ?? profile.interRegionRttMs[far]?[home],
                                          mediaOverTcp: overTcp)
            routing = QueueRoutingEstimate.estimate(input, negligibleDetourMs: profile.thresholds.negligibleDetourMs)
        }
        var regionRanges: [String: [String]] = [:]
        for region in profile.regions { regionRanges[region.id] = region.addressRanges }
        var facts = ReadinessFacts(udpReachable: udpReachable, turn: turn, nat: nil, regions: regions,
                                   homeRegion: profile.homeRegion, dns: nil, ipv6Available: nil, routing: routing,
                                   firewallRanges: profile.mediaRanges, regionRanges: regionRanges,
                                   mediaPorts: profile.mediaPorts, profileName: profile.name,
                                   mediaTopology: profile.mediaTopology)
        facts.browser = browser
        return facts
    }

    /// The whole report: facts, the shared evaluator's assessment, the browser's observations.
    public static func report(_ browser: BrowserObservations, profile: Profile, site: String?, agent: String?,
                              startedAt: Date, durationMs: Double) -> CheckReport {
        let facts = facts(browser, profile: profile)
        let assessment = ReadinessEvaluator.evaluate(facts, thresholds: profile.thresholds)
        var report = CheckReport(facts: facts, assessment: assessment, site: site, agent: agent, startedAt: startedAt,
                                 durationMs: durationMs, candidates: candidates(browser))
        report.source = source
        report.browser = browser
        return report
    }

    /// The trickle candidates of every region (host candidates keep their mDNS name as address;
    /// a candidate without an address or port is left out).
    public static func candidates(_ browser: BrowserObservations) -> [CandidateSummary] {
        var out: [CandidateSummary] = []
        var seen: Set<String> = []
        for gathering in browser.gathering where gathering.mode == "trickle" {
            for candidate in gathering.candidates {
                guard let type = candidate.type, let address = candidate.address, let port = candidate.port,
                      let port16 = UInt16(exactly: port) else { continue }
                let transport = candidate.protocol ?? "udp"
                let key = "\(type) \(transport) \(address) \(port) \(candidate.relayProtocol ?? "")"
                guard seen.insert(key).inserted else { continue }
                out.append(CandidateSummary(type: type, transport: transport, address: ObservedAddress(ip: address, port: port16),
                                            relayProtocol: type == "relay" ? candidate.relayProtocol : nil))
            }
        }
        return out
    }

    public static func turnResults(_ browser: BrowserObservations) -> TurnTransportResults? {
        guard !browser.relays.isEmpty else { return nil }
        var results = TurnTransportResults()
        for transport in ["udp", "tcp", "tls"] {
            let tried = browser.relays.filter { $0.transport == transport }
            guard !tried.isEmpty else { continue }
            let works = tried.contains { $0.relay }
            switch transport {
            case "udp": results.udp = works
            case "tcp": results.tcp = works
            default: results.tls = works
            }
            if !works { results.failures.append(TurnFailure(transport: transport, error: errorName(tried))) }
        }
        return results
    }

    /// The name of why every attempt of one transport failed, from the browser's error codes.
    static func errorName(_ tried: [BrowserRelayTest]) -> String {
        let codes = tried.flatMap { $0.errors.compactMap(\.code) }
        if codes.contains(where: { $0 == 401 || $0 == 441 }) { return TurnFailure.wrongCredentials }
        if codes.contains(403) { return "forbidden" }
        if codes.contains(486) { return "allocation-quota" }
        if let other = codes.first(where: { $0 != 701 && (300..<700).contains($0) }) { return "error-\(other)" }
        return "timeout"
    }

    static func udpReachable(_ browser: BrowserObservations) -> Bool? {
        let candidates = browser.gathering.flatMap(\.candidates)
        if candidates.contains(where: { $0.type == "srflx" && ($0.protocol ?? "udp") == "udp" }) { return true }
        if browser.relays.contains(where: { $0.transport == "udp" && $0.relay }) { return true }
        let askedStun = browser.gathering.contains { $0.servers.contains { $0.hasPrefix("stun:") } }
        let askedTurnUdp = browser.relays.contains { $0.transport == "udp" }
        return askedStun || askedTurnUdp ? false : nil
    }
}
