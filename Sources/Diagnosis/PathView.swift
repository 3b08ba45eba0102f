/// What the facts say about each layer of the path, for `RootCauseAnalyzer`: derived values
/// (whether TCP to a port got through, whether TLS looks intercepted) and their evidence in words.
struct PathView {
    static let tlsFailureNames: Set<String> = ["tls-untrusted-certificate", "tls-name-mismatch", "tls-expired", "tls-protocol"]

    let facts: ReadinessFacts
    let udpReachable: Bool?
    let turn: TurnTransportResults
    let egress: [EgressAttempt]

    init(_ facts: ReadinessFacts) {
        self.facts = facts
        udpReachable = facts.udpReachable ?? facts.nat?.udpBlocked.map { !$0 }
        turn = facts.turn ?? TurnTransportResults()
        egress = facts.egress ?? []
    }

    /// A TURN relay over some transport works.
    var relayWorks: Bool { turn.anyWorks }

    /// Anything at all got an answer from outside: STUN over UDP, a TURN relay, a TCP connection.
    var somethingReached: Bool {
        udpReachable == true || turn.anyWorks || egress.contains { $0.tcpConnected }
            || turn.failures.contains { !RootCauseAnalyzer.unreachedTurnErrors.contains($0.error) }
    }

    /// Whether TCP to `port` got through: from the path probe, else from TURN over TCP (3478) or
    /// TLS (443). `nil` when neither says.
    func tcpReach(_ port: Int) -> Bool? {
        let attempts = egress.filter { $0.port == port && $0.result != "cancelled" }
        if attempts.contains(where: \.tcpConnected) { return true }
        if !attempts.isEmpty && attempts.allSatisfy({ RootCauseAnalyzer.blockedTcpResults.contains($0.result) }) { return false }
        let transport = port == 443 ? "tls" : port == 3478 ? "tcp" : nil
        guard let transport else { return nil }
        let worked = transport == "tls" ? turn.tls : turn.tcp
        if worked == true { return true }
        guard worked == false, let failure = turn.failures.first(where: { $0.transport == transport }) else { return nil }
        if RootCauseAnalyzer.unreachedTurnErrors.contains(failure.error) && failure.error != "dns-failure" { return false }
        return failure.error == "dns-failure" ? nil : true
    }

    /// Every TURN failure (at least one) has one of these names.
    func turnFailuresAll(in names: Set<String>) -> Bool {
        !turn.failures.isEmpty && turn.failures.allSatisfy { names.contains($0.error) }
    }

    /// Certificates from one issuer this computer does not trust, on at least two different
    /// servers: the issuer and those attempts.
    var interception: (issuer: String, attempts: [EgressAttempt])? {
        let untrusted = egress.filter { $0.tls && $0.result == "tls-untrusted-certificate" && $0.certificateIssuer != nil }
        var byIssuer: [String: [EgressAttempt]] = [:]
        var order: [String] = []
        for attempt in untrusted {
            let issuer = attempt.certificateIssuer ?? ""
            if byIssuer[issuer] == nil { order.append(issuer) }
            byIssuer[issuer, default: []].append(attempt)
        }
        for issuer in order {
            let attempts = byIssuer[issuer] ?? []
            if Set(attempts.map(\.host)).count >= 2 { return (issuer, attempts) }
        }
        return nil
    }

    /// STUN over UDP in words.
    var udpEvidence: String {
        let probed = facts.regions.filter { $0.reachable != nil }
        let sent = probed.compactMap(\.samplesSent).reduce(0, +)
        var text = "STUN over UDP: no answer from \(probed.count) region\(probed.count == 1 ? "" : "s") (\(sent) requests)"
        if facts.nat?.udpBlocked == true { text += "; NAT probe: UDP blocked" }
        return text
    }

    /// TCP and TLS per port in words: the path probe's attempts, else the TURN transports.
    var tcpEvidence: [String] {
        if !egress.isEmpty {
            return egress.map { attempt in
                let what = attempt.tls ? "TLS" : "TCP"
                return "\(what) \(attempt.host):\(attempt.port): \(attempt.result == "ok" ? "connected" : attempt.result)"
            }
        }
        var lines: [String] = []
        for (transport, value, port) in [("tcp", turn.tcp, "TCP 3478"), ("tls", turn.tls, "TLS 443")] {
            guard let value else { continue }
            let failure = turn.failures.first { $0.transport == transport }?.error
            lines.append("TURN over \(port): " + (value ? "relayed" : failure ?? "failed"))
        }
        return lines
    }
}
