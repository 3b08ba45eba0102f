/// Pure readiness rules: `ReadinessFacts` + `Thresholds` -> findings and verdicts.
///
/// A check is "not measured" (verdict `nil`) when its facts are `nil`. "Nothing works" means UDP
/// is blocked and no TURN transport allocated a relay; conditions normal on corporate networks
/// (symmetric NAT, no IPv6) are warnings while a path works and failures only when nothing does.
///
/// Invariant: the verdict is `ready` or `ready-with-warnings` only when a media path was measured
/// to work: STUN over UDP was answered, or a TURN relay was allocated. Anything less (only DNS and
/// IPv6 measured, every probe cancelled at the budget, TURN failing while UDP was not measured)
/// ends in `not-ready` with `media-path-unproven` unless another failure already says why.
///
/// A symmetric NAT without a working relay fails only for `peer-to-peer` media (the profile's
/// `mediaTopology`); for `client-to-server` media with public media servers it is information.
public enum ReadinessEvaluator {
    /// With `triage` (the default) the findings a root cause explains are folded under it (see
    /// `RootCauseAnalyzer`); without, every rule's finding is returned as the rule wrote it.
    public static func evaluate(_ facts: ReadinessFacts, thresholds: Thresholds = .defaults,
                                triage: Bool = true) -> ReadinessAssessment {
        var findings: [Finding] = []
        var measured: Set<CheckID> = []
        let ranges = FirewallWording.ranges(facts)
        let udpReachable = facts.udpReachable ?? facts.nat?.udpBlocked.map { !$0 }
        let turn = facts.turn ?? TurnTransportResults()
        let peerToPeer = (facts.mediaTopology ?? .peerToPeer) == .peerToPeer
        let somethingWorks: Bool? = (udpReachable == true || turn.anyWorks) ? true
            : (udpReachable == false && (!turn.tested || !turn.anyWorks) ? false : nil)

        // DNS.
        if let dns = facts.dns {
            measured.insert(.dns)
            if !dns.failed.isEmpty {
                let names = dns.failed.joined(separator: ", ")
                if dns.resolved.isEmpty {
                    findings.append(Finding(severity: .failure, id: .dnsFailure, check: .dns,
                        message: "No server name resolved (\(dns.failed.count) failed): no DNS, or no network.",
                        action: "Check this computer's network connection and DNS servers; these names must resolve: \(names)."))
                } else {
                    findings.append(Finding(severity: .warning, id: .dnsPartialFailure, check: .dns,
                        message: "\(dns.failed.count) of \(dns.failed.count + dns.resolved.count) server names did not resolve: \(names).",
                        action: "Make sure the DNS servers (or a DNS filter) resolve: \(names)."))
                }
            }
        }

        // UDP.
        if let udp = udpReachable {
            measured.insert(.udp)
            if !udp {
                if turn.streamWorks {
                    findings.append(Finding(severity: .warning, id: .udpBlocked, check: .udp,
                        message: "UDP to the media servers is blocked: calls fall back to a TURN relay over TCP or TLS, with extra delay and worse audio under loss.",
                        action: "Open UDP 3478 and UDP \(facts.mediaPorts) outbound to \(ranges)."))
                } else {
                    findings.append(Finding(severity: .failure, id: .udpBlocked, check: .udp,
                        message: turn.tested
                            ? "UDP is blocked and no TURN relay over TCP or TLS works: calls cannot connect."
                            : "UDP is blocked and TURN over TCP/TLS was not tested: calls will probably not connect.",
                        action: "Open UDP 3478 and UDP \(facts.mediaPorts) outbound to \(ranges), or at least TCP 3478 and TCP 443 for TURN."))
                }
            }
        }

        // TURN.
        if turn.tested {
            measured.insert(.turn)
            let natNeedsRelay = facts.nat?.classicType == .symmetric && peerToPeer
            if !turn.anyWorks {
                let fatal = udpReachable == false || natNeedsRelay
                let reasons = turn.failures.isEmpty ? ""
                    : " (" + turn.failures.map { "\($0.transport): \($0.error)" }.joined(separator: ", ") + ")"
                let credentials = !turn.failures.isEmpty && turn.failures.allSatisfy { $0.error == TurnFailure.wrongCredentials }
                findings.append(Finding(severity: fatal ? .failure : .warning, id: .turnUnavailable, check: .turn,
                    message: (fatal
                        ? "No TURN relay could be allocated, and this network needs one: calls will fail"
                        : "No TURN relay could be allocated: calls to peers behind restrictive NATs or firewalls will fail") + reasons + ".",
                    action: credentials
                        ? "The TURN server rejected the credentials: check where the profile gets them (token API, expiry, clock)."
                        : "Check the TURN credentials, and allow UDP 3478, TCP 3478 and TCP 443 outbound to \(ranges)."))
            } else if turn.tls == true && turn.udp == false && turn.tcp != true {
                findings.append(Finding(severity: .warning, id: .turnTlsOnly, check: .turn,
                    message: "TURN over TLS only: calls will work with extra delay.",
                    action: "Allow UDP 3478 (and TCP 3478) outbound to \(ranges) so media need not go over TLS."))
            } else if turn.udp == false && turn.tcp == true {
                findings.append(Finding(severity: .warning, id: .turnUdpFailed, check: .turn,
                    message: "TURN over UDP failed but TCP works: calls will work with extra delay.",
                    action: "Open UDP 3478 and UDP \(facts.mediaPorts) outbound to \(ranges)."))
            }
            if turn.anyWorks && turn.tls == false {
                let names = turn.failures.filter { $0.transport == "tls" }.map(\.error)
                findings.append(Finding(severity: .info, id: .turnTlsFailed, check: .turn,
                    message: "TURN over TLS failed" + (names.isEmpty ? "" : " (\(names.joined(separator: ", ")))")
                        + " while another transport works: if UDP and TCP 3478 get blocked later, calls have no fallback.",
                    action: "Allow TCP 443 outbound to \(ranges) without TLS inspection."))
            }
        } else if facts.turn != nil {
            findings.append(Finding(severity: .info, id: .turnNotTested, check: .turn,
                message: "TURN was not tested (no credentials).",
                action: "Give TURN credentials to check the relay that calls fall back on."))
        }

        // NAT.
        if let nat = facts.nat {
            measured.insert(.nat)
            if nat.classicType == .symmetric {
                let severity: Severity
                let message: String
                let action: String?
                if !peerToPeer {
                    severity = .info
                    message = "Symmetric NAT: this service's media servers have public addresses, so calls connect without a relay (peer-to-peer media would need TURN)."
                    action = nil
                } else if turn.anyWorks {
                    severity = .warning
                    message = "Symmetric NAT: calls to peers behind symmetric NATs need the TURN relay, which works here."
                    action = "None needed while TURN works; keep TURN reachable (UDP 3478, TCP 443) to \(ranges)."
                } else if turn.tested || somethingWorks == false {
                    severity = .failure
                    message = "Symmetric NAT and no working TURN relay: many calls will fail to connect."
                    action = "Make TURN work (credentials; UDP 3478, TCP 3478, TCP 443 to \(ranges)) or use a NAT with endpoint-independent mapping."
                } else {
                    severity = .warning
                    message = "Symmetric NAT: calls to peers behind symmetric NATs need a TURN relay, which was not tested."
                    action = "Run the check with TURN credentials to verify the relay."
                }
                findings.append(Finding(severity: severity, id: .symmetricNat, check: .nat, message: message, action: action))
            }
            if nat.algDetected == true {
                findings.append(Finding(severity: .warning, id: .algDetected, check: .nat,
                    message: "A router ALG rewrites addresses inside STUN packets; it can break call setup.",
                    action: "Disable SIP/STUN ALG (\"SIP helper\") on the router or firewall."))
            }
            if nat.classicType == .unknown {
                findings.append(Finding(severity: .info, id: .natUnknown, check: .nat,
                    message: "The NAT type could not be determined" + (nat.notes.isEmpty ? "." : ": " + nat.notes.map(\.message).joined(separator: " ")),
                    action: nil))
            }
        }

        // IPv6.
        if let ipv6 = facts.ipv6Available {
            measured.insert(.ipv6)
            if !ipv6 {
                let fatal = somethingWorks == false
                // IPv4 works: nothing to do for calls, so information, not a warning.
                findings.append(Finding(severity: fatal ? .failure : .info, id: .noIPv6, check: .ipv6,
                    message: fatal ? "No IPv6 either: no path for media works." : "No IPv6 connectivity: calls use IPv4 only (common on corporate networks).",
                    action: fatal ? "Open UDP 3478 and UDP \(facts.mediaPorts) outbound to \(ranges)." : nil))
            }
        }

        // Latency.
        let nearest = nearestRegion(facts.regions)
        // Unverified targets that stayed silent: not measured, said plainly (never a failure).
        for region in facts.regions where region.reachable == nil {
            if let note = region.note {
                findings.append(Finding(severity: .info, id: .regionUnverifiedSilent, check: .latency, subject: region.id,
                    message: "Region \(region.id) is \(note).",
                    action: "Check the profile's targets for \(region.id) against the provider's documentation."))
            }
        }
        if !facts.regions.isEmpty && facts.regions.contains(where: { $0.reachable != nil }) {
            measured.insert(.latency)
            let allUnreachable = facts.regions.allSatisfy { $0.reachable == false }
            // With UDP blocked but a TURN relay over TCP/TLS working, STUN silence is the UDP block
            // already reported (udp-blocked, a warning), not a region that cannot be reached.
            let relayCovers = udpReachable == false && turn.streamWorks
            for region in facts.regions where region.reachable == false {
                let isHome = region.id == facts.homeRegion
                let fatal = (isHome || allUnreachable) && !relayCovers
                let tried = (region.methods ?? []).map { "\($0.method.rawValue): \($0.error ?? "timeout")" }
                findings.append(Finding(severity: fatal ? .failure : .warning, id: .regionUnreachable, check: .latency,
                    subject: region.id,
                    message: (tried.count > 1 ? "Region \(region.id) did not answer (\(tried.joined(separator: ", ")))"
                                              : "Region \(region.id) did not answer STUN over UDP") + (isHome ? " (it is the home region)." : "."),
                    action: "Open UDP 3478 outbound to \(region.id)'s STUN/TURN servers"
                        + (facts.regionRanges[region.id].map { $0.isEmpty ? "." : " (\(FirewallWording.ranges($0, profile: facts.profileName, fallback: "")))." } ?? ".")))
            }
            let focusId = facts.homeRegion.flatMap { home in facts.regions.contains { $0.id == home } ? home : nil } ?? nearest
            if let focus = facts.regions.first(where: { $0.id == focusId }), focus.reachable == true {
                if let rtt = focus.rttMs?.median {
                    if rtt > thresholds.rttWarningMs {
                        findings.append(Finding(severity: .warning, id: .highRtt, check: .latency, subject: focus.id,
                            message: "RTT to \(focus.id) is \(NumberText.ms(rtt)) (median), above \(NumberText.ms(thresholds.rttWarningMs)): calls will have noticeable delay.",
                            action: "Look for a VPN, proxy or distant route on this computer's path; use a closer region if there is one."))
                    } else if rtt > thresholds.rttTargetMs {
                        findings.append(Finding(severity: .info, id: .rttAboveTarget, check: .latency, subject: focus.id,
                            message: "RTT to \(focus.id) is \(NumberText.ms(rtt)) (median), above the \(NumberText.ms(thresholds.rttTargetMs)) target.",
                            action: nil))
                    }
                }
                if let jitter = focus.jitterMs, jitter > thresholds.jitterWarningMs {
                    findings.append(Finding(severity: .warning, id: .highJitter, check: .latency, subject: focus.id,
                        message: "Jitter to \(focus.id) is \(NumberText.ms(jitter)), above \(NumberText.ms(thresholds.jitterWarningMs)): audio may break up.",
                        action: "Prefer a wired connection; look for congestion or Wi-Fi interference."))
                }
                if let loss = focus.lossPercent, loss > thresholds.lossWarningPercent {
                    let fatal = loss > thresholds.lossFailurePercent
                    let limit = fatal ? thresholds.lossFailurePercent : thresholds.lossWarningPercent
                    findings.append(Finding(severity: fatal ? .failure : .warning, id: .highLoss, check: .latency, subject: focus.id,
                        message: "Packet loss to \(focus.id) is \(NumberText.decimal(loss, 1)) %, above \(NumberText.decimal(limit, 1)) %: "
                            + (fatal ? "calls will be unusable (audio keeps dropping out)." : "audio will drop out."),
                        action: "Prefer a wired connection; look for congestion or Wi-Fi interference."))
                }
                if let bursts = focus.lossBursts, let worst = bursts.worstWindowLossPercent,
                   worst > thresholds.burstLossWarningPercent {
                    let window = "\(NumberText.decimal(worst, 0)) % lost in the worst \(NumberText.integer(LossBursts.windowMs)) ms"
                        + " (target: at most \(NumberText.decimal(thresholds.burstLossWarningPercent, 0)) %)"
                    let message: String
                    if let ratio = bursts.burstRatio, ratio >= 1.5 {
                        message = "Losses to \(focus.id) come in bursts (up to \(bursts.maxLength) in a row, burst ratio \(NumberText.decimal(ratio, 1))): \(window); audio will break up even if the average loss looks small."
                    } else {
                        message = "Losses to \(focus.id) are scattered but frequent: \(window); audio will break up."
                    }
                    findings.append(Finding(severity: .warning, id: .burstyLoss, check: .latency, subject: focus.id,
                        message: message,
                        action: "Look for Wi-Fi interference or roaming, a saturated uplink, or a failing cable; test wired to compare."))
                }
            }
            if let home = facts.homeRegion, let nearest, home != nearest,
               let homeRtt = facts.regions.first(where: { $0.id == home })?.rttMs?.median,
               let nearestRtt = facts.regions.first(where: { $0.id == nearest })?.rttMs?.median {
                findings.append(Finding(severity: .info, id: .homeNotNearest, check: .latency, subject: nearest,
                    message: "The home region is \(home) (\(NumberText.ms(homeRtt))) but \(nearest) is nearer (\(NumberText.ms(nearestRtt))).",
                    action: nil))
            }
        }

        // DNS edge steering: a resolver that sends this computer to a far region.
        for steered in facts.steering ?? [] {
            guard let extra = steered.extraOneWayMs, extra > thresholds.steeringExtraOneWayMs,
                  let rtt = steered.rttMs, let nearest = steered.nearestRegion, let nearestRtt = steered.nearestRttMs,
                  steered.region != nearest else { continue }
            measured.insert(.dns)
            let resolvers = (steered.resolvers ?? []).isEmpty ? "this computer's resolver"
                : "resolver " + (steered.resolvers ?? []).joined(separator: ", ")
            let answer = steered.answer.prefix(3).joined(separator: ", ")
            let place = steered.region.map { " (\($0))" } ?? ""
            let pin = facts.regionEdges?[nearest].map { "pin the softphone to the \($0) edge (\(nearest))" } ?? "pin the softphone to the \(nearest) edge"
            findings.append(Finding(severity: .warning, id: .dnsSteersToFarRegion, check: .dns, subject: steered.name,
                message: "DNS steers \(steered.name) to a far region: \(resolvers) answered \(answer)\(place), \(NumberText.ms(rtt)) RTT away, while \(nearest) is \(NumberText.ms(nearestRtt)): calls entering there take about \(NumberText.integer(extra)) ms more one way.",
                action: "Resolve the provider's names through a resolver near this computer (local DNS, or split DNS that keeps them off the VPN), or \(pin)."))
        }

        // Routing.
        if let routing = facts.routing {
            measured.insert(.routing)
            let anchored = routing.anchored
            if anchored.oneWayDelayMs > thresholds.oneWayAcceptableMs {
                findings.append(Finding(severity: .failure, id: .delayUnacceptable, check: .routing, subject: anchored.region,
                    message: "Estimated one-way delay even with media in \(anchored.region) is \(NumberText.ms(anchored.oneWayDelayMs)), above \(NumberText.ms(thresholds.oneWayAcceptableMs)) (ITU-T G.114: unacceptable).",
                    action: "Find what adds delay on this computer's path (VPN, proxy, satellite or mobile link)."))
            } else if anchored.oneWayDelayMs >= thresholds.oneWayPreferredMs {
                findings.append(Finding(severity: .warning, id: .delayExceedsG114, check: .routing, subject: anchored.region,
                    message: "Estimated one-way delay with media in \(anchored.region) is \(NumberText.ms(anchored.oneWayDelayMs)), above the ITU-T G.114 \(NumberText.ms(thresholds.oneWayPreferredMs)) budget: conversations will feel slow.",
                    action: "Reduce network delay (no VPN for media, closer region)."))
            }
            let bridged = routing.bridged
            if bridged.oneWayDelayMs >= thresholds.oneWayPreferredMs && routing.detourMs > thresholds.negligibleDetourMs {
                findings.append(Finding(severity: .warning, id: .queueDetourExceedsG114, check: .routing, subject: bridged.region,
                    message: "Calls bridged through a \(bridged.region) queue would take \(NumberText.ms(bridged.oneWayDelayMs)) one way (\(NumberText.integer(routing.detourMs)) ms more than anchored in \(anchored.region)), beyond the ITU-T G.114 \(NumberText.ms(thresholds.oneWayPreferredMs)) budget.",
                    action: routing.recommendation))
            }
            if anchored.mos < thresholds.mosWarning {
                findings.append(Finding(severity: .warning, id: .lowMos, check: .routing, subject: anchored.region,
                    message: "Estimated MOS with media in \(anchored.region) is \(NumberText.decimal(anchored.mos, 2)), below \(NumberText.decimal(thresholds.mosWarning, 1)).",
                    action: "Reduce loss and delay on this computer's path."))
            }
        }

        // A VPN-like default route: media to the provider probably leaves through the VPN.
        if let local = facts.localFacts, local.vpnLikeDefaultRoute == true, let interface = local.defaultRouteInterface {
            let mtu = local.defaultRouteMtu.map { ", MTU \($0)" } ?? ""
            findings.append(Finding(severity: .warning, id: .vpnDefaultRoute, check: nil, subject: interface,
                message: "The default route goes through \(interface)\(mtu), which looks like a VPN: media may hairpin through the VPN concentrator, adding delay and jitter.",
                action: "Send media for \(ranges) outside the VPN tunnel (split tunnelling), or make calls without the VPN."))
        }

        // The media stream (`check --media`): its own findings, judged by `MediaAssessment`.
        if let media = facts.media {
            measured.insert(.media)
            findings += media.findings
        }

        // The browser check page: findings only a browser can produce, and its loopback call.
        if let browser = facts.browser {
            if BrowserAssessment.callMeasured(browser) { measured.insert(.media) }
            findings += BrowserAssessment.findings(browser)
        }

        if measured.isEmpty {
            findings.append(Finding(severity: .failure, id: .nothingMeasured, check: nil,
                message: "No check produced a result: there is probably no network.",
                action: "Check the network connection, then run the check again."))
        } else if udpReachable != true && !turn.anyWorks && !findings.contains(where: { $0.severity == .failure }) {
            // The invariant: without a measured media path there is no ready verdict.
            let tried = [udpReachable == nil ? "UDP reachability was not measured" : nil,
                         turn.tested ? "no TURN relay was allocated" : "TURN was not tested"].compactMap { $0 }
            findings.append(Finding(severity: .failure, id: .mediaPathUnproven, check: nil,
                message: "No media path was proven: " + tried.joined(separator: " and ") + ", so whether calls connect is unknown.",
                action: "Run the check again with a longer --budget (and TURN credentials); if it repeats, look for a firewall dropping UDP 3478 and TCP 443 to \(ranges)."))
        }

        let ordered = findings.enumerated().sorted { lhs, rhs in
            if lhs.element.severity != rhs.element.severity { return lhs.element.severity > rhs.element.severity }
            return lhs.offset < rhs.offset
        }.map(\.element)
        // Triage: one root cause; the findings it explains become its consequences.
        let (diagnosis, triaged) = triage ? RootCauseAnalyzer.analyze(facts, findings: ordered) : (.none, ordered)
        // A NAT type cannot be measured without UDP: not "ready" beside "UDP blocked".
        if udpReachable == false || facts.nat?.udpBlocked == true { measured.remove(.nat) }
        // Check verdicts keep each finding's own severity (a consequence still fails its check), plus
        // the root cause's: on its own check, and on every check holding one of its consequences.
        let root = triaged.first { $0.id == diagnosis.rootCause && $0.explainedBy == nil }
        // `media` is listed only when the stream ran (`check --media`), so other reports keep their shape.
        let checks = CheckID.allCases.filter { $0 != .media || measured.contains(.media) }.map { id in
            let affected = root != nil && (root?.check == id || triaged.contains { $0.check == id && $0.explainedBy != nil })
            let own = ordered.filter { $0.check == id && $0.id != diagnosis.rootCause } + (affected ? [root!] : [])
            return CheckResult(check: id, verdict: measured.contains(id) ? Verdict(severities: own.map(\.severity)) : nil,
                               findings: triaged.filter { $0.check == id }.map(\.id))
        }
        return ReadinessAssessment(verdict: Verdict(severities: triaged.map(\.severity)), checks: checks,
                                   findings: triaged, nearestRegion: nearest, diagnosis: diagnosis)
    }

    /// The reachable region with the lowest median RTT (ties: the first listed).
    public static func nearestRegion(_ regions: [RegionResult]) -> String? {
        var best: (id: String, rtt: Double)?
        for region in regions where region.reachable == true {
            guard let rtt = region.rttMs?.median, rtt.isFinite else { continue }
            if let current = best, current.rtt <= rtt { continue }
            best = (region.id, rtt)
        }
        return best?.id
    }
}
