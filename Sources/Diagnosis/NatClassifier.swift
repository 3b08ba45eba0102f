/// Pure NAT classifier: `NatObservations` in, `NatVerdict` out (RFC 5780 section 4 logic,
/// RFC 4787 terms). Rules, in order:
///
/// 1. UDP blocked: `true` when `udpReachable == false` and nothing at all answered; any answer
///    (a mapped address or a filtering reply) proves UDP works, whatever `udpReachable` says.
///    When blocked, mapping and filtering are `unknown`.
/// 2. NAT detected: compares the local address with every mapped address seen (tests I-III and
///    server mappings); any difference means a NAT.
/// 3. Mapping, RFC 5780 4.3: X1 == X2 -> endpoint-independent; else X2 == X3 -> address-dependent,
///    else address-and-port-dependent. Observations that fit no RFC 4787 kind (X1 == X2 but
///    X3 differs) give `unknown` with a note. Without OTHER-ADDRESS, mappings of one socket across
///    servers are compared: equal across different server IPs -> endpoint-independent; different
///    across IPs -> dependent, split into address- or address-and-port-dependent only when two
///    servers share an IP. When both sources exist and disagree the mapping is `unknown`.
/// 4. Filtering, RFC 5780 4.4: an answer to change-IP-and-port -> endpoint-independent; none, but
///    an answer to change-port -> address-dependent; neither -> address-and-port-dependent.
///    A missing answer counts only when test I itself was answered (otherwise loss and filtering
///    cannot be told apart). Without such tests, or when the server announced no usable
///    alternate address (it cannot answer from another address), filtering stays `unknown`,
///    never guessed.
/// 5. Classic name from the above (see `classicType`).
///
/// RFC 3489 servers: with ``NatObservations/testIAnswer`` (and the server address) the answer is
/// read by ``StunAnswerReading``: CHANGED-ADDRESS serves as the alternate address when
/// OTHER-ADDRESS is absent (standard `rfc3489`), so mapping and filtering come out as with an
/// RFC 5780 server. An announced alternate that cannot be used (the server's own address or IP,
/// another family, unspecified, ...) leaves every test that needs it `unknown` with a note. When
/// nothing answered at the alternate address itself (``NatObservations/alternateAnswered`` is
/// `false`), a filtering result that rests on silence (address-dependent or
/// address-and-port-dependent) is `unknown`: the server may simply not answer from there. An
/// answer with MAPPED-ADDRESS only is used, but an ALG cannot be detected (`algDetected` null).
public enum NatClassifier {
    /// A mapping conclusion from one source of evidence.
    struct MappingInference: Equatable {
        var behavior: NatBehavior
        var varies: Bool?
        var notes: [NatNote] = []
    }

    /// A filtering conclusion.
    struct FilteringInference: Equatable {
        var behavior: NatBehavior
        var notes: [NatNote] = []
    }

    public static func classify(_ observations: NatObservations) -> NatVerdict {
        let o = observations
        var notes: [NatNote] = []

        let allMappings = [o.testIMapped, o.mappingAlternateIP, o.mappingAlternateIPAndPort].compactMap { $0 }
            + (o.serverMappings ?? []).map(\.mapped)
        let anyAnswer = !allMappings.isEmpty || o.filteringChangeIPAndPortAnswered == true
            || o.filteringChangePortAnswered == true

        // 1. UDP blocked.
        let udpBlocked: Bool?
        if anyAnswer {
            udpBlocked = false
            if o.udpReachable == false {
                notes.append(NatNote(id: NatNote.udpReachabilityContradicts,
                                     message: "UDP was reported unreachable, yet STUN answers arrived; treating UDP as working."))
            }
        } else if let reachable = o.udpReachable {
            udpBlocked = !reachable
        } else {
            udpBlocked = nil
        }

        // 2. NAT detected.
        let natDetected: Bool?
        if let local = o.localAddress, !allMappings.isEmpty {
            let translated = allMappings.filter { $0 != local }
            natDetected = !translated.isEmpty
            if !translated.isEmpty && translated.count < allMappings.count {
                notes.append(NatNote(id: NatNote.partialTranslation,
                                     message: "The mapped address equals the local address for some destinations only: something translates part of the traffic."))
            }
        } else {
            natDetected = nil
        }

        // Which standard the server speaks, and whether its alternate address can be used.
        let reading = o.testIAnswer.flatMap { answer in o.server.map { StunAnswerReading(answer, server: $0) } }
        let standard: StunServerStandard? = reading?.standard
            ?? o.otherAddressAvailable.map { $0 ? StunServerStandard.rfc5780 : StunServerStandard.none }
        let alternateUsable = reading.map { $0.alternate != nil } ?? (o.otherAddressAvailable != false)
        if let reading, reading.standard == .rfc3489, reading.alternate != nil {
            notes.append(NatNote(id: NatNote.rfc3489Server,
                                 message: "The server speaks RFC 3489: its CHANGED-ADDRESS \(reading.announcedAlternate?.description ?? "") served as the alternate address (RFC 5780's OTHER-ADDRESS)."))
        }
        if let problem = reading?.alternateProblem { notes.append(problem) }
        if let reading, reading.mappedAttribute == "MAPPED-ADDRESS" {
            notes.append(NatNote(id: NatNote.mappedAddressOnly,
                                 message: "The server answered with MAPPED-ADDRESS only (no XOR-MAPPED-ADDRESS, as RFC 3489 servers do): the mapped address was read from it, and a router ALG rewriting it could not be detected."))
        }

        // RFC 5780 support.
        if standard == StunServerStandard.none {
            let ranAlternate = o.mappingAlternateIP != nil || o.mappingAlternateIPAndPort != nil
                || o.filteringChangeIPAndPortAnswered != nil || o.filteringChangePortAnswered != nil
            if ranAlternate {
                notes.append(NatNote(id: NatNote.alternateTestsWithoutOtherAddress,
                                     message: "Alternate-address results were given although the server returned no OTHER-ADDRESS: mapped addresses are used, filtering answers are not (the server cannot answer from another address)."))
            }
            let hasServers = (o.serverMappings?.count ?? 0) >= 2
            notes.append(NatNote(id: NatNote.noRFC5780,
                                 message: hasServers
                                    ? "The server does not support RFC 5780 (no OTHER-ADDRESS): mapping was compared across servers; filtering cannot be measured."
                                    : "The server does not support RFC 5780 (no OTHER-ADDRESS): filtering cannot be measured; add a second --server to compare mappings."))
        }

        // 3. Mapping.
        var mapping = MappingInference(behavior: .unknown, varies: nil)
        if udpBlocked != true {
            // Results against an alternate address that cannot be one are never used.
            let trusted = reading.map { $0.alternate != nil } ?? true
            let rfc = mappingFromRFC5780(testI: o.testIMapped, alternateIP: trusted ? o.mappingAlternateIP : nil,
                                         alternateIPAndPort: trusted ? o.mappingAlternateIPAndPort : nil)
            let servers = mappingFromServers(o.serverMappings)
            mapping = combine(rfc, servers)
        }
        notes += mapping.notes

        // 4. Filtering.
        var filtering = FilteringInference(behavior: .unknown)
        if udpBlocked != true && alternateUsable {
            filtering = filteringFromRFC5780(changeIPAndPort: o.filteringChangeIPAndPortAnswered,
                                             changePort: o.filteringChangePortAnswered,
                                             testIAnswered: o.testIMapped != nil)
            if o.alternateAnswered == false
                && (filtering.behavior == .addressDependent || filtering.behavior == .addressAndPortDependent) {
                filtering = FilteringInference(behavior: .unknown, notes: [
                    NatNote(id: NatNote.alternateUnanswered,
                            message: "Nothing answered at the server's alternate address \(reading?.announcedAlternate?.description ?? ""), so the missing answers to CHANGE-REQUEST may be the server's, not the NAT's: filtering cannot be decided."),
                ])
            }
        }
        notes += filtering.notes

        // Cross-checks worth telling.
        if mapping.varies == true && filtering.behavior == .endpointIndependent {
            notes.append(NatNote(id: NatNote.mappingVariesYetOpenFiltering,
                                 message: "Mapping changes with the destination although filtering is endpoint-independent: an unusual NAT; results may come from different devices or a load balancer."))
        }
        if natDetected == false && (filtering.behavior == .addressDependent || filtering.behavior == .addressAndPortDependent) {
            notes.append(NatNote(id: NatNote.noNatButFiltered,
                                 message: "No NAT, but a firewall drops unsolicited UDP (\(filtering.behavior.rawValue) filtering)."))
        }
        if natDetected == false && mapping.varies == true {
            notes.append(NatNote(id: NatNote.natContradictsMapping,
                                 message: "No NAT was detected, yet the mapping changes with the destination."))
        }

        let algDetected: Bool?
        if let reading, !reading.algDetectable {
            algDetected = nil
        } else if let xor = o.testIMapped, let plain = o.testIPlainMapped {
            algDetected = xor != plain
        } else {
            algDetected = nil
        }

        let classic = classicType(natDetected: natDetected, udpBlocked: udpBlocked,
                                  mapping: mapping.behavior, mappingVaries: mapping.varies,
                                  filtering: filtering.behavior)
        var impact = callImpact(classic)
        if algDetected == true {
            impact += " A router ALG rewrites addresses inside STUN packets; it can break calls: disable SIP/STUN ALG on the router."
        }
        return NatVerdict(mapping: mapping.behavior, filtering: filtering.behavior,
                          mappingVariesByDestination: mapping.varies, natDetected: natDetected,
                          udpBlocked: udpBlocked, algDetected: algDetected, hairpinning: o.hairpinning,
                          bindingLifetimeSeconds: o.bindingLifetimeSeconds, classicType: classic,
                          rfc5780Supported: o.otherAddressAvailable, serverStandard: standard,
                          publicAddress: o.testIMapped ?? o.serverMappings?.first?.mapped,
                          callImpact: impact, notes: notes)
    }

    /// RFC 5780 4.3 from X1 (test I), X2 (alternate IP) and X3 (alternate IP and port).
    static func mappingFromRFC5780(testI: ObservedAddress?, alternateIP: ObservedAddress?,
                                   alternateIPAndPort: ObservedAddress?) -> MappingInference {
        guard let x1 = testI else { return MappingInference(behavior: .unknown, varies: nil) }
        let ambiguous = NatNote(id: NatNote.mappingAmbiguous,
                                message: "The mapping changes with the destination, but the tests run cannot tell address-dependent from address-and-port-dependent.")
        guard let x2 = alternateIP else {
            guard let x3 = alternateIPAndPort else { return MappingInference(behavior: .unknown, varies: nil) }
            if x3 == x1 { return MappingInference(behavior: .endpointIndependent, varies: false) }
            return MappingInference(behavior: .unknown, varies: true, notes: [ambiguous])
        }
        if x2 == x1 {
            if let x3 = alternateIPAndPort, x3 != x1 {
                return MappingInference(behavior: .unknown, varies: true, notes: [
                    NatNote(id: NatNote.mappingTestsContradict,
                            message: "The mapping stayed the same for another server IP but changed for another port: fits no RFC 4787 behaviour; re-run to rule out a restarted NAT session."),
                ])
            }
            return MappingInference(behavior: .endpointIndependent, varies: false)
        }
        guard let x3 = alternateIPAndPort else {
            return MappingInference(behavior: .unknown, varies: true, notes: [ambiguous])
        }
        return MappingInference(behavior: x3 == x2 ? .addressDependent : .addressAndPortDependent, varies: true)
    }

    /// Mapping from one socket's mapped addresses across several servers.
    static func mappingFromServers(_ mappings: [ServerMapping]?) -> MappingInference {
        guard let mappings, mappings.count >= 2 else { return MappingInference(behavior: .unknown, varies: nil) }
        var ipPairsEqual = 0, ipPairsDiffer = 0, portPairsEqual = 0, portPairsDiffer = 0
        for i in 0..<mappings.count {
            for j in (i + 1)..<mappings.count {
                let a = mappings[i], b = mappings[j]
                let same = a.mapped == b.mapped
                if a.server.ip != b.server.ip {
                    if same { ipPairsEqual += 1 } else { ipPairsDiffer += 1 }
                } else if a.server.port != b.server.port {
                    if same { portPairsEqual += 1 } else { portPairsDiffer += 1 }
                }
            }
        }
        let inconsistent = NatNote(id: NatNote.serverMappingsInconsistent,
                                   message: "Servers disagree: some saw the same mapped address and some a different one; re-run with --repeat.")
        if ipPairsEqual > 0 && ipPairsDiffer > 0 {
            return MappingInference(behavior: .unknown, varies: nil, notes: [inconsistent])
        }
        if portPairsEqual > 0 && portPairsDiffer > 0 {
            return MappingInference(behavior: .unknown, varies: true, notes: [inconsistent])
        }
        if ipPairsEqual > 0 {
            // A port pair that differs always also makes an IP pair differ (handled above).
            return MappingInference(behavior: .endpointIndependent, varies: false)
        }
        if ipPairsDiffer > 0 {
            if portPairsDiffer > 0 { return MappingInference(behavior: .addressAndPortDependent, varies: true) }
            if portPairsEqual > 0 { return MappingInference(behavior: .addressDependent, varies: true) }
            return MappingInference(behavior: .unknown, varies: true, notes: [
                NatNote(id: NatNote.mappingAmbiguous,
                        message: "The mapping varies by destination IP; two ports of one server would tell address-dependent from address-and-port-dependent."),
            ])
        }
        if portPairsDiffer > 0 { return MappingInference(behavior: .addressAndPortDependent, varies: true) }
        return MappingInference(behavior: .unknown, varies: nil)
    }

    /// Combines the RFC 5780 inference with the cross-server one; disagreement gives `unknown`.
    static func combine(_ rfc: MappingInference, _ servers: MappingInference) -> MappingInference {
        var notes = rfc.notes + servers.notes
        let disagree = NatNote(id: NatNote.mappingSourcesDisagree,
                               message: "RFC 5780 tests and the comparison across servers disagree about the mapping.")
        if let a = rfc.varies, let b = servers.varies, a != b {
            notes.append(disagree)
            return MappingInference(behavior: .unknown, varies: nil, notes: notes)
        }
        if rfc.behavior != .unknown && servers.behavior != .unknown && rfc.behavior != servers.behavior {
            notes.append(disagree)
            return MappingInference(behavior: .unknown, varies: rfc.varies, notes: notes)
        }
        let behavior = rfc.behavior != .unknown ? rfc.behavior : servers.behavior
        return MappingInference(behavior: behavior, varies: rfc.varies ?? servers.varies, notes: notes)
    }

    /// RFC 5780 4.4 from the two CHANGE-REQUEST tests.
    static func filteringFromRFC5780(changeIPAndPort: Bool?, changePort: Bool?, testIAnswered: Bool) -> FilteringInference {
        let unconfirmed = FilteringInference(behavior: .unknown, notes: [
            NatNote(id: NatNote.filteringUnconfirmed,
                    message: "Filtering tests got no answer, but neither did test I: loss and filtering cannot be told apart."),
        ])
        let incomplete = FilteringInference(behavior: .unknown, notes: [
            NatNote(id: NatNote.filteringIncomplete,
                    message: "Only part of the filtering tests ran: filtering cannot be decided."),
        ])
        switch (changeIPAndPort, changePort) {
        case (true, true), (true, nil):
            return FilteringInference(behavior: .endpointIndependent)
        case (true, false):
            return FilteringInference(behavior: .unknown, notes: [
                NatNote(id: NatNote.filteringTestsContradict,
                        message: "An answer from another IP and port arrived but one from another port did not: likely loss or a server ignoring CHANGE-REQUEST; re-run with --repeat."),
            ])
        case (false, true):
            return testIAnswered ? FilteringInference(behavior: .addressDependent) : unconfirmed
        case (false, false), (nil, false):
            return testIAnswered ? FilteringInference(behavior: .addressAndPortDependent) : unconfirmed
        case (false, nil), (nil, true):
            return incomplete
        case (nil, nil):
            return FilteringInference(behavior: .unknown)
        }
    }

    /// The classic name. UDP blocked wins; a mapping that changes with the destination is
    /// symmetric; without NAT, open internet or a filtering firewall; with NAT and an
    /// endpoint-independent mapping, the cone named after the filtering. Anything else: unknown.
    public static func classicType(natDetected: Bool?, udpBlocked: Bool?, mapping: NatBehavior,
                                   mappingVaries: Bool?, filtering: NatBehavior) -> ClassicNatType {
        if udpBlocked == true { return .udpBlocked }
        let varies = mappingVaries ?? mapping.dependsOnDestination
        if varies == true { return natDetected == false ? .unknown : .symmetric }
        switch natDetected {
        case false?:
            switch filtering {
            case .endpointIndependent: return .openInternet
            case .addressDependent, .addressAndPortDependent: return .symmetricUDPFirewall
            case .unknown: return .unknown
            }
        case true?:
            guard mapping == .endpointIndependent else { return .unknown }
            switch filtering {
            case .endpointIndependent: return .fullCone
            case .addressDependent: return .restrictedCone
            case .addressAndPortDependent: return .portRestrictedCone
            case .unknown: return .unknown
            }
        case nil:
            return .unknown
        }
    }

    /// One or two plain sentences about what the classic type means for calls.
    public static func callImpact(_ type: ClassicNatType) -> String {
        switch type {
        case .openInternet:
            "No NAT and no filtering: peers can reach this computer directly."
        case .fullCone:
            "Full cone NAT: direct calls work with almost every peer; a relay is rarely needed."
        case .restrictedCone:
            "Restricted cone NAT: direct calls work with most peers, including most behind symmetric NATs."
        case .portRestrictedCone:
            "Port-restricted cone NAT: direct calls work with most peers; calls to peers behind symmetric NATs will need a TURN relay."
        case .symmetric:
            "Symmetric NAT: calls to peers behind symmetric or port-restricted NATs will need a TURN relay; make sure TURN works from here."
        case .symmetricUDPFirewall:
            "No NAT, but a firewall drops unsolicited UDP: direct calls work when both sides send first (ICE does); peers behind symmetric NATs may need a TURN relay."
        case .udpBlocked:
            "UDP is blocked: calls can only work through a TURN relay over TCP or TLS, with extra delay; open UDP to the media servers."
        case .unknown:
            "The NAT behaviour could not be fully determined: make sure a TURN relay works so calls do not depend on it."
        }
    }
}
