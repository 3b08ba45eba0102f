/// Pure triage: from the facts and the evaluator's findings to one root cause, its evidence and
/// the findings it explains.
///
/// The path is checked layer by layer (`PathLayer`): interface and default route; the resolver
/// answers and names resolve (a timeout and NXDOMAIN are different causes); UDP egress; TCP
/// egress per port (3478, 443); TLS (certificates from one unknown issuer on several unrelated
/// servers = interception); an HTTP proxy as the only way out; TURN authentication; media
/// quality; region steering. The lowest failing layer is the root cause. The findings it
/// explains become consequences: kept in the report, `info`, without an action of their own,
/// `explainedBy` the root cause. Independent problems (a queue detour, a VPN route, an ALG)
/// never become consequences.
public enum RootCauseAnalyzer {
    /// TURN failure names that mean the server was never reached (the network's doing).
    static let unreachedTurnErrors: Set<String> = ["timeout", "unreachable", "tcp-refused", "tcp-reset", "connection-closed", "dns-failure"]
    /// Egress results that mean the TCP connection did not get through.
    static let blockedTcpResults: Set<String> = ["timeout", "unreachable", "refused", "reset"]
    /// Media-quality findings that can be a root cause, most telling first (by raw id, so findings
    /// of the media test, `media-*`, take part once they exist), and what such a cause explains.
    static let mediaCauses = ["high-loss", "bursty-loss", "high-jitter", "media-loss", "media-burst-loss", "media-jitter",
                              "media-late", "media-reordering"]
    static let mediaExplained = Set(mediaCauses + ["low-mos", "media-low-mos"])
    /// Region-steering (distance) findings that can be a root cause, and what such a cause explains.
    static let steeringCauses = ["delay-unacceptable", "high-rtt", "delay-exceeds-g114", "media-high-rtt"]
    static let steeringExplained = Set(steeringCauses + ["rtt-above-target", "low-mos", "media-low-mos"])
    /// Findings about regions or media that silence on the path explains (a failed media test, a
    /// silent unverified region), by raw id.
    static let silenceExplained: Set<String> = ["media-failed", "region-unverified-silent"]

    /// Findings that are never consequences of a lower layer.
    static let independent: Set<FindingID> = [.queueDetourExceedsG114, .vpnDefaultRoute, .algDetected, .homeNotNearest, .turnNotTested]
    /// The same by raw id, for findings other modules name (a resolver steering calls to a far
    /// edge is its own region-steering problem, never a consequence of a lower layer).
    static let independentIds: Set<String> = ["dns-steers-to-far-region"]

    static func isIndependent(_ id: FindingID) -> Bool {
        independent.contains(id) || independentIds.contains(id.rawValue)
    }

    public static func analyze(_ facts: ReadinessFacts, findings: [Finding]) -> (diagnosis: RootCauseDiagnosis, findings: [Finding]) {
        guard let cause = rootCause(facts, findings: findings) else { return (.none, findings) }
        let explained = findings.filter { $0.id != cause.id && !isIndependent($0.id) && cause.explains($0) }
        let merged = findings.first { $0.id == cause.id }
        let severity = ([cause.floor] + explained.map(\.severity) + (merged.map { [$0.severity] } ?? [])).max() ?? cause.floor
        let root = Finding(severity: severity, id: cause.id, check: merged?.check ?? cause.check, subject: merged?.subject,
                           message: cause.summary, action: cause.action)
        var rewritten = [root]
        var consequences: [FindingID] = []
        for finding in findings where finding.id != cause.id {
            if explained.contains(finding) {
                rewritten.append(Finding(severity: .info, id: finding.id, check: finding.check, subject: finding.subject,
                                         message: finding.message, action: nil, explainedBy: cause.id))
                if !consequences.contains(finding.id) { consequences.append(finding.id) }
            } else {
                rewritten.append(finding)
            }
        }
        let ordered = rewritten.enumerated().sorted { lhs, rhs in
            if lhs.element.severity != rhs.element.severity { return lhs.element.severity > rhs.element.severity }
            return lhs.offset < rhs.offset
        }.map(\.element)
        let diagnosis = RootCauseDiagnosis(rootCause: cause.id, layer: cause.layer, summary: cause.summary, action: cause.action,
                                           evidence: cause.evidence, consequences: consequences)
        return (diagnosis, ordered)
    }

    /// A root cause before it is applied to the findings.
    struct Cause {
        var id: FindingID
        var layer: PathLayer
        var check: CheckID?
        var floor: Severity
        var summary: String
        var action: String
        var evidence: [String]
        var explains: (Finding) -> Bool
    }

    // MARK: the layers

    static func rootCause(_ facts: ReadinessFacts, findings: [Finding]) -> Cause? {
        let path = PathView(facts)
        let ids = Set(findings.filter { $0.severity >= .warning }.map(\.id.rawValue))
        if let cause = interfaceLayer(facts, path: path) { return cause }
        if let cause = dnsLayer(facts, path: path) { return cause }
        if let cause = egressLayer(facts, path: path) { return cause }
        if let cause = tlsLayer(facts, path: path) { return cause }
        if let cause = proxyLayer(facts, path: path) { return cause }
        if let cause = turnAuthLayer(facts, path: path) { return cause }
        for (layer, candidates, explained) in [(PathLayer.media, mediaCauses, mediaExplained),
                                                (PathLayer.steering, steeringCauses, steeringExplained)] {
            guard let id = candidates.first(where: ids.contains), let finding = findings.first(where: { $0.id.rawValue == id }) else { continue }
            let others = findings.filter { explained.contains($0.id.rawValue) && $0.id.rawValue != id && $0.severity >= .warning }
            return Cause(id: finding.id, layer: layer, check: finding.check, floor: finding.severity, summary: finding.message,
                         action: finding.action ?? "See the findings below.",
                         evidence: [finding.message] + others.map(\.message),
                         explains: { explained.contains($0.id.rawValue) })
        }
        return nil
    }

    static func interfaceLayer(_ facts: ReadinessFacts, path: PathView) -> Cause? {
        guard let local = facts.localFacts, !path.somethingReached else { return nil }
        let interfaces = local.interfaces.isEmpty ? "interfaces: none besides loopback"
            : "interfaces: " + local.interfaces.map { i in
                "\(i.name) \(i.up ? "up" : "down")" + ((i.ipv4 + i.ipv6).isEmpty ? ", no address" : ", " + (i.ipv4 + i.ipv6).joined(separator: ", "))
            }.joined(separator: "; ")
        let routes = "IPv4 default route: \(local.defaultRouteInterface ?? "none"); IPv6 default route: \(local.ipv6DefaultRoute ? "yes" : "none")"
        let everything: (Finding) -> Bool = { _ in true }
        if !local.hasIPv4 && !local.hasGlobalIPv6 {
            return Cause(id: .noNetwork, layer: .interface, check: nil, floor: .failure,
                         summary: "This computer is not connected to a network: no interface besides loopback has an address.",
                         action: "Connect the computer to the network (cable or Wi-Fi) and check that it gets an address (DHCP).",
                         evidence: [interfaces, routes], explains: everything)
        }
        if local.defaultRouteInterface == nil && !local.ipv6DefaultRoute {
            return Cause(id: .noDefaultRoute, layer: .interface, check: nil, floor: .failure,
                         summary: "This computer has no default route: nothing outside its own network can be reached.",
                         action: "Fix the network settings so the connection provides a default gateway (DHCP or the static configuration).",
                         evidence: [interfaces, routes], explains: everything)
        }
        return nil
    }

    static func dnsLayer(_ facts: ReadinessFacts, path: PathView) -> Cause? {
        guard let dns = facts.dns, !dns.failed.isEmpty else { return nil }
        let timeouts = dns.failures.filter { $0.kind == .timeout }
        let notFound = dns.failures.filter { $0.kind == .notFound }
        let evidence = Array(dns.failures.prefix(4).map { "\($0.name): \($0.kind.rawValue) (\($0.detail))" })
            + (dns.failures.count > 4 ? ["and \(dns.failures.count - 4) more names"] : [])
            + (dns.resolved.isEmpty ? ["no server name resolved"] : ["\(dns.resolved.count) of \(dns.resolved.count + dns.failed.count) names resolved"])
        let explained: Set<FindingID> = [.dnsFailure, .dnsPartialFailure, .regionUnreachable, .nothingMeasured, .natUnknown]
        let explains: (Finding) -> Bool = { finding in
            explained.contains(finding.id) || (finding.id == .noIPv6 && finding.severity == .failure)
                || silenceExplained.contains(finding.id.rawValue)
                || (isTurnFinding(finding.id) && path.turnFailuresAll(in: ["dns-failure"]))
        }
        let names = dns.failed.joined(separator: ", ")
        if !timeouts.isEmpty && (notFound.isEmpty || dns.resolved.isEmpty) || (dns.failures.isEmpty && dns.resolved.isEmpty) {
            let scope = dns.resolved.isEmpty ? "every lookup" : "\(timeouts.count) of \(dns.failed.count + dns.resolved.count) lookups"
            return Cause(id: .dnsResolverUnreachable, layer: .dns, check: .dns, floor: .failure,
                         summary: "The DNS resolver does not answer: \(scope) timed out, so no server can be found by name.",
                         action: "Check this computer's DNS server settings and that the network lets it reach them (UDP and TCP 53).",
                         evidence: evidence, explains: explains)
        }
        return Cause(id: .dnsNamesNotFound, layer: .dns, check: .dns, floor: .warning,
                     summary: "The resolver answers but says these server names do not exist: \(names).",
                     action: "Check the server names in the profile, and any DNS filter or split-horizon DNS that hides them; these names must resolve: \(names).",
                     evidence: evidence, explains: explains)
    }

    static func egressLayer(_ facts: ReadinessFacts, path: PathView) -> Cause? {
        guard path.udpReachable == false else { return nil }
        let ranges = FirewallWording.ranges(facts)
        var evidence = [path.udpEvidence]
        evidence += path.tcpEvidence
        let explained: Set<FindingID> = [.udpBlocked, .regionUnreachable, .turnUdpFailed, .turnTlsOnly, .natUnknown, .nothingMeasured]
        let explains: (Finding) -> Bool = { finding in
            explained.contains(finding.id) || (finding.id == .noIPv6 && finding.severity == .failure)
                || silenceExplained.contains(finding.id.rawValue)
                || ((finding.id == .turnUnavailable || finding.id == .turnTlsFailed) && path.turnFailuresAll(in: unreachedTurnErrors))
                || (finding.id == .symmetricNat && path.turnFailuresAll(in: unreachedTurnErrors))
        }
        let tcp3478 = path.tcpReach(3478)
        let tcp443 = path.tcpReach(443)
        if tcp3478 == false && tcp443 == false {
            if let proxy = facts.proxy {
                evidence.append("HTTP proxy configured: \(proxy) (\(proxy.source))")
                if path.relayWorks { evidence.append("TURN over TLS through the proxy: relayed") }
                return Cause(id: .proxyRequired, layer: .proxy, check: .udp, floor: path.relayWorks ? .warning : .failure,
                             summary: "Direct connections to the media servers are blocked (UDP, TCP 3478 and TCP 443); the only way out is the HTTP proxy \(proxy)"
                                + (path.relayWorks ? ", and calls work only as TURN over TLS through it, with extra delay." : ", and TURN through it did not work."),
                             action: path.relayWorks
                                ? "Open UDP 3478 and UDP \(facts.mediaPorts) outbound to \(ranges) so media need not go through the proxy."
                                : "Let the proxy \(proxy) CONNECT to TCP 443 of \(ranges) (TURN over TLS), or open UDP 3478 and UDP \(facts.mediaPorts) outbound to them.",
                             evidence: evidence, explains: explains)
            }
            return Cause(id: .egressBlocked, layer: .udp, check: .udp, floor: .failure,
                         summary: "Nothing gets out to the media servers: UDP, TCP 3478 and TCP 443 are all blocked, and no proxy is configured.",
                         action: "Open UDP 3478 and UDP \(facts.mediaPorts) outbound to \(ranges), or at least TCP 443 for TURN over TLS.",
                         evidence: evidence, explains: explains)
        }
        if tcp3478 == false && tcp443 == true {
            return Cause(id: .onlyTcp443, layer: .tcp, check: .udp, floor: .warning,
                         summary: "Only TCP 443 leaves this network: UDP and TCP 3478 to the media servers are blocked, so calls can only use a TURN relay over TLS on 443.",
                         action: "Open UDP 3478 and UDP \(facts.mediaPorts) outbound to \(ranges) (and TCP 3478 for TURN over TCP).",
                         evidence: evidence, explains: explains)
        }
        return Cause(id: .udpBlocked, layer: .udp, check: .udp, floor: path.relayWorks ? .warning : .failure,
                     summary: "UDP to the media servers is blocked: " + (path.relayWorks
                        ? "calls fall back to a TURN relay over TCP or TLS, with extra delay and worse audio under loss."
                        : "calls need a TURN relay over TCP or TLS."),
                     action: "Open UDP 3478 and UDP \(facts.mediaPorts) outbound to \(ranges).",
                     evidence: evidence, explains: explains)
    }

    static func tlsLayer(_ facts: ReadinessFacts, path: PathView) -> Cause? {
        guard let (issuer, attempts) = path.interception else { return nil }
        let hosts = attempts.map { "\($0.host):\($0.port)" }
        let explains: (Finding) -> Bool = { finding in
            finding.id == .turnTlsFailed || finding.id == .turnTlsOnly
                || (finding.id == .turnUnavailable && path.turnFailuresAll(in: unreachedTurnErrors.union(PathView.tlsFailureNames)))
        }
        return Cause(id: .tlsInterception, layer: .tls, check: .turn, floor: .warning,
                     summary: "TLS is intercepted: \(attempts.count) unrelated servers (\(hosts.joined(separator: ", "))) presented certificates issued by '\(issuer)', which this computer does not trust.",
                     action: "Exempt TCP 443 to \(FirewallWording.ranges(facts)) from TLS inspection on the firewall or proxy that issues '\(issuer)'.",
                     evidence: attempts.map { "\($0.host):\($0.port): \($0.result), issuer \($0.certificateIssuer ?? "unknown")" },
                     explains: explains)
    }

    static func proxyLayer(_ facts: ReadinessFacts, path: PathView) -> Cause? {
        guard let proxy = facts.proxy, path.tcpReach(443) == false else { return nil }
        let explains: (Finding) -> Bool = { finding in
            finding.id == .turnTlsFailed || finding.id == .turnTlsOnly
                || (finding.id == .turnUnavailable && path.turnFailuresAll(in: unreachedTurnErrors))
        }
        return Cause(id: .proxyRequired, layer: .proxy, check: .turn, floor: .warning,
                     summary: "Direct TCP 443 to the media servers is blocked; this computer is set up to use the HTTP proxy \(proxy).",
                     action: "Let the proxy \(proxy) CONNECT to TCP 443 of \(FirewallWording.ranges(facts)) (TURN over TLS), or allow TCP 443 to them directly.",
                     evidence: ["HTTP proxy configured: \(proxy) (\(proxy.source))"] + path.tcpEvidence, explains: explains)
    }

    static func turnAuthLayer(_ facts: ReadinessFacts, path: PathView) -> Cause? {
        guard let turn = facts.turn, turn.tested, !turn.anyWorks,
              turn.failures.contains(where: { $0.error == TurnFailure.wrongCredentials }) else { return nil }
        let explains: (Finding) -> Bool = { finding in
            [.turnUnavailable, .turnUdpFailed, .turnTlsOnly, .turnTlsFailed].contains(finding.id)
                || (finding.id == .symmetricNat && finding.severity == .failure)
        }
        return Cause(id: .turnWrongCredentials, layer: .turnAuth, check: .turn, floor: .warning,
                     summary: "The TURN server rejected the credentials: no relay can be allocated.",
                     action: "Check the TURN username and password, or where the profile gets them (token API, expiry, this computer's clock).",
                     evidence: turn.failures.map { "TURN over \($0.transport): \($0.error)" }, explains: explains)
    }

    static func isTurnFinding(_ id: FindingID) -> Bool {
        [.turnUnavailable, .turnUdpFailed, .turnTlsOnly, .turnTlsFailed].contains(id)
    }
}
