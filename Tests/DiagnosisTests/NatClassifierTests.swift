import Foundation
import Testing
@testable import Diagnosis

private let local = ObservedAddress(ip: "10.0.0.2", port: 50000)
private let a = ObservedAddress(ip: "203.0.113.5", port: 40000)
private let b = ObservedAddress(ip: "203.0.113.5", port: 40001)
private let c = ObservedAddress(ip: "203.0.113.5", port: 40002)
private let server1 = ObservedAddress(ip: "198.51.100.1", port: 3478)
private let server1b = ObservedAddress(ip: "198.51.100.1", port: 3479)
private let server2 = ObservedAddress(ip: "198.51.100.2", port: 3478)

/// One row of an expectation table for a mapping inference.
private struct MappingRow: Sendable, CustomStringConvertible {
    let x1: ObservedAddress?, x2: ObservedAddress?, x3: ObservedAddress?
    let behavior: NatBehavior, varies: Bool?, note: String?
    var description: String { "X1=\(x1?.description ?? "-") X2=\(x2?.description ?? "-") X3=\(x3?.description ?? "-")" }
}

/// Expected RFC 5780 4.3 results for every combination of X1 in {nil, A}, X2 in {nil, A, B},
/// X3 in {nil, A, B, C}: written out by hand from the RFC, not computed.
private let mappingTable: [MappingRow] = {
    var rows: [MappingRow] = []
    for x2 in [nil, a, b] as [ObservedAddress?] {
        for x3 in [nil, a, b, c] as [ObservedAddress?] {
            rows.append(MappingRow(x1: nil, x2: x2, x3: x3, behavior: .unknown, varies: nil, note: nil))
        }
    }
    let amb = NatNote.mappingAmbiguous, con = NatNote.mappingTestsContradict
    rows += [
        MappingRow(x1: a, x2: nil, x3: nil, behavior: .unknown, varies: nil, note: nil),
        MappingRow(x1: a, x2: nil, x3: a, behavior: .endpointIndependent, varies: false, note: nil),
        MappingRow(x1: a, x2: nil, x3: b, behavior: .unknown, varies: true, note: amb),
        MappingRow(x1: a, x2: nil, x3: c, behavior: .unknown, varies: true, note: amb),
        MappingRow(x1: a, x2: a, x3: nil, behavior: .endpointIndependent, varies: false, note: nil),
        MappingRow(x1: a, x2: a, x3: a, behavior: .endpointIndependent, varies: false, note: nil),
        MappingRow(x1: a, x2: a, x3: b, behavior: .unknown, varies: true, note: con),
        MappingRow(x1: a, x2: a, x3: c, behavior: .unknown, varies: true, note: con),
        MappingRow(x1: a, x2: b, x3: nil, behavior: .unknown, varies: true, note: amb),
        MappingRow(x1: a, x2: b, x3: a, behavior: .addressAndPortDependent, varies: true, note: nil),
        MappingRow(x1: a, x2: b, x3: b, behavior: .addressDependent, varies: true, note: nil),
        MappingRow(x1: a, x2: b, x3: c, behavior: .addressAndPortDependent, varies: true, note: nil),
    ]
    return rows
}()

private struct FilteringRow: Sendable, CustomStringConvertible {
    let two: Bool?, three: Bool?, testI: Bool
    let behavior: NatBehavior, note: String?
    var description: String { "II=\(String(describing: two)) III=\(String(describing: three)) testI=\(testI)" }
}

/// Expected RFC 5780 4.4 results for all 18 combinations, written out by hand.
private let filteringTable: [FilteringRow] = [
    FilteringRow(two: nil, three: nil, testI: true, behavior: .unknown, note: nil),
    FilteringRow(two: nil, three: nil, testI: false, behavior: .unknown, note: nil),
    FilteringRow(two: nil, three: true, testI: true, behavior: .unknown, note: NatNote.filteringIncomplete),
    FilteringRow(two: nil, three: true, testI: false, behavior: .unknown, note: NatNote.filteringIncomplete),
    FilteringRow(two: nil, three: false, testI: true, behavior: .addressAndPortDependent, note: nil),
    FilteringRow(two: nil, three: false, testI: false, behavior: .unknown, note: NatNote.filteringUnconfirmed),
    FilteringRow(two: true, three: nil, testI: true, behavior: .endpointIndependent, note: nil),
    FilteringRow(two: true, three: nil, testI: false, behavior: .endpointIndependent, note: nil),
    FilteringRow(two: true, three: true, testI: true, behavior: .endpointIndependent, note: nil),
    FilteringRow(two: true, three: true, testI: false, behavior: .endpointIndependent, note: nil),
    FilteringRow(two: true, three: false, testI: true, behavior: .unknown, note: NatNote.filteringTestsContradict),
    FilteringRow(two: true, three: false, testI: false, behavior: .unknown, note: NatNote.filteringTestsContradict),
    FilteringRow(two: false, three: nil, testI: true, behavior: .unknown, note: NatNote.filteringIncomplete),
    FilteringRow(two: false, three: nil, testI: false, behavior: .unknown, note: NatNote.filteringIncomplete),
    FilteringRow(two: false, three: true, testI: true, behavior: .addressDependent, note: nil),
    FilteringRow(two: false, three: true, testI: false, behavior: .unknown, note: NatNote.filteringUnconfirmed),
    FilteringRow(two: false, three: false, testI: true, behavior: .addressAndPortDependent, note: nil),
    FilteringRow(two: false, three: false, testI: false, behavior: .unknown, note: NatNote.filteringUnconfirmed),
]

private struct ServersRow: Sendable, CustomStringConvertible {
    let name: String
    let mappings: [ServerMapping]?
    let behavior: NatBehavior, varies: Bool?, note: String?
    var description: String { name }
}

private let serversTable: [ServersRow] = [
    ServersRow(name: "not measured", mappings: nil, behavior: .unknown, varies: nil, note: nil),
    ServersRow(name: "none", mappings: [], behavior: .unknown, varies: nil, note: nil),
    ServersRow(name: "one server", mappings: [.init(server: server1, mapped: a)], behavior: .unknown, varies: nil, note: nil),
    ServersRow(name: "two IPs, same mapping", mappings: [.init(server: server1, mapped: a), .init(server: server2, mapped: a)],
               behavior: .endpointIndependent, varies: false, note: nil),
    ServersRow(name: "two IPs, different mapping", mappings: [.init(server: server1, mapped: a), .init(server: server2, mapped: b)],
               behavior: .unknown, varies: true, note: NatNote.mappingAmbiguous),
    ServersRow(name: "two IPs differ, two ports same", mappings: [.init(server: server1, mapped: a), .init(server: server1b, mapped: a), .init(server: server2, mapped: b)],
               behavior: .addressDependent, varies: true, note: nil),
    ServersRow(name: "two IPs differ, two ports differ", mappings: [.init(server: server1, mapped: a), .init(server: server1b, mapped: c), .init(server: server2, mapped: b)],
               behavior: .addressAndPortDependent, varies: true, note: nil),
    ServersRow(name: "two ports differ only", mappings: [.init(server: server1, mapped: a), .init(server: server1b, mapped: b)],
               behavior: .addressAndPortDependent, varies: true, note: nil),
    ServersRow(name: "two ports same only", mappings: [.init(server: server1, mapped: a), .init(server: server1b, mapped: a)],
               behavior: .unknown, varies: nil, note: nil),
    ServersRow(name: "ports differ, one IP pair same", mappings: [.init(server: server1, mapped: a), .init(server: server1b, mapped: b), .init(server: server2, mapped: a)],
               behavior: .unknown, varies: nil, note: NatNote.serverMappingsInconsistent),
    ServersRow(name: "IP pairs disagree", mappings: [.init(server: server1, mapped: a), .init(server: server2, mapped: a), .init(server: ObservedAddress(ip: "198.51.100.3", port: 3478), mapped: b)],
               behavior: .unknown, varies: nil, note: NatNote.serverMappingsInconsistent),
    ServersRow(name: "same destination twice", mappings: [.init(server: server1, mapped: a), .init(server: server1, mapped: b)],
               behavior: .unknown, varies: nil, note: nil),
]

/// Expected classic names, written as a lookup over (NAT, mapping varies, mapping, filtering),
/// for when UDP is not blocked.
private func expectedClassic(nat: Bool?, varies: Bool?, mapping: NatBehavior, filtering: NatBehavior) -> ClassicNatType {
    let effectiveVaries = varies ?? mapping.dependsOnDestination
    if effectiveVaries == true { return nat == false ? .unknown : .symmetric }
    if nat == false {
        return [.endpointIndependent: .openInternet, .addressDependent: .symmetricUDPFirewall,
                .addressAndPortDependent: .symmetricUDPFirewall, .unknown: .unknown][filtering] ?? .unknown
    }
    if nat == true && mapping == .endpointIndependent {
        return [.endpointIndependent: .fullCone, .addressDependent: .restrictedCone,
                .addressAndPortDependent: .portRestrictedCone, .unknown: .unknown][filtering] ?? .unknown
    }
    return .unknown
}

@Suite struct NatClassifierTests {
    @Test(arguments: mappingTable)
    private func rfc5780Mapping(row: MappingRow) {
        let inference = NatClassifier.mappingFromRFC5780(testI: row.x1, alternateIP: row.x2, alternateIPAndPort: row.x3)
        #expect(inference.behavior == row.behavior)
        #expect(inference.varies == row.varies)
        #expect(inference.notes.map(\.id) == (row.note.map { [$0] } ?? []))
    }

    @Test(arguments: filteringTable)
    private func rfc5780Filtering(row: FilteringRow) {
        let inference = NatClassifier.filteringFromRFC5780(changeIPAndPort: row.two, changePort: row.three, testIAnswered: row.testI)
        #expect(inference.behavior == row.behavior)
        #expect(inference.notes.map(\.id) == (row.note.map { [$0] } ?? []))
    }

    @Test(arguments: serversTable)
    private func mappingAcrossServers(row: ServersRow) {
        let inference = NatClassifier.mappingFromServers(row.mappings)
        #expect(inference.behavior == row.behavior)
        #expect(inference.varies == row.varies)
        #expect(inference.notes.map(\.id) == (row.note.map { [$0] } ?? []))
    }

    @Test func classicNameForEveryCombination() {
        for nat in [nil, true, false] as [Bool?] {
            for blocked in [nil, true, false] as [Bool?] {
                for mapping in NatBehavior.allCases {
                    for varies in [nil, true, false] as [Bool?] {
                        for filtering in NatBehavior.allCases {
                            let got = NatClassifier.classicType(natDetected: nat, udpBlocked: blocked, mapping: mapping,
                                                                mappingVaries: varies, filtering: filtering)
                            let want = blocked == true ? .udpBlocked
                                : expectedClassic(nat: nat, varies: varies, mapping: mapping, filtering: filtering)
                            #expect(got == want, "nat=\(String(describing: nat)) blocked=\(String(describing: blocked)) \(mapping) varies=\(String(describing: varies)) \(filtering)")
                        }
                    }
                }
            }
        }
    }

    /// Every combination of the observation fields (29,160 cases here, plus the pass-through
    /// fields checked separately), each compared with the hand-written tables above.
    @Test func everyCombinationOfObservations() async {
        var cases = 0
        var failures = 0
        for reachable in [nil, true, false] as [Bool?] {
            for localChoice in 0..<3 {           // nil, equal to A (no NAT), the private address
                for row in mappingTable {
                    await Task.yield()   // ~1 s of CPU in one test: let other tests' tasks run in between
                    for f2 in [nil, true, false] as [Bool?] {
                        for f3 in [nil, true, false] as [Bool?] {
                            for servers in serversTable {
                                for other in [nil, true, false] as [Bool?] {
                                    cases += 1
                                    let localAddress: ObservedAddress? = [nil, a, local][localChoice]
                                    let obs = NatObservations(
                                        udpReachable: reachable, localAddress: localAddress, testIMapped: row.x1,
                                        otherAddressAvailable: other, mappingAlternateIP: row.x2,
                                        mappingAlternateIPAndPort: row.x3, filteringChangeIPAndPortAnswered: f2,
                                        filteringChangePortAnswered: f3, serverMappings: servers.mappings)
                                    let verdict = NatClassifier.classify(obs)
                                    let problems = check(verdict, obs: obs, row: row, servers: servers)
                                    if !problems.isEmpty {
                                        failures += 1
                                        // Report the first few cases in full; count the rest.
                                        if failures <= 10 { Issue.record(Comment(rawValue: problems.joined(separator: "\n"))) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(cases == 3 * 3 * 24 * 3 * 3 * serversTable.count * 3)
        #expect(failures == 0)
    }

    /// Checks one verdict against the tables; returns what did not match (empty when all did).
    private func check(_ v: NatVerdict, obs: NatObservations, row: MappingRow, servers: ServersRow) -> [String] {
        var problems: [String] = []
        func expect(_ condition: Bool, _ what: String) {
            if !condition { problems.append("\(what): \(row) servers=\(servers.name) obs=\(obs) verdict=\(v)") }
        }
        let mapped = [obs.testIMapped, obs.mappingAlternateIP, obs.mappingAlternateIPAndPort].compactMap { $0 }
            + (obs.serverMappings ?? []).map(\.mapped)
        let answered = !mapped.isEmpty || obs.filteringChangeIPAndPortAnswered == true || obs.filteringChangePortAnswered == true
        let blocked: Bool? = answered ? false : obs.udpReachable.map { !$0 }
        expect(v.udpBlocked == blocked, "udpBlocked")
        expect((obs.udpReachable == false && answered) == v.notes.contains { $0.id == NatNote.udpReachabilityContradicts },
               "reachability contradiction note")

        let nat: Bool? = (obs.localAddress == nil || mapped.isEmpty) ? nil : mapped.contains { $0 != obs.localAddress }
        expect(v.natDetected == nat, "natDetected")

        if blocked == true {
            expect(v.mapping == .unknown && v.filtering == .unknown && v.classicType == .udpBlocked, "blocked verdict")
        } else {
            // Filtering comes from the filtering table alone.
            let filteringRow = filteringTable.first {
                $0.two == obs.filteringChangeIPAndPortAnswered && $0.three == obs.filteringChangePortAnswered && $0.testI == (obs.testIMapped != nil)
            }
            if obs.otherAddressAvailable == false {
                expect(v.filtering == .unknown, "filtering without OTHER-ADDRESS")
            } else {
                expect(filteringRow?.behavior == v.filtering, "filtering")
                if let note = filteringRow?.note { expect(v.notes.contains { $0.id == note }, "filtering note") }
            }
            let ranAlternate = obs.mappingAlternateIP != nil || obs.mappingAlternateIPAndPort != nil
                || obs.filteringChangeIPAndPortAnswered != nil || obs.filteringChangePortAnswered != nil
            expect((obs.otherAddressAvailable == false && ranAlternate) == v.notes.contains { $0.id == NatNote.alternateTestsWithoutOtherAddress },
                   "alternate tests without OTHER-ADDRESS note")
            // Mapping: the RFC 5780 row and the servers row, combined.
            let disagree = (row.varies != nil && servers.varies != nil && row.varies != servers.varies)
                || (row.behavior != .unknown && servers.behavior != .unknown && row.behavior != servers.behavior)
            let wantMapping: NatBehavior = disagree ? .unknown : (row.behavior != .unknown ? row.behavior : servers.behavior)
            expect(v.mapping == wantMapping, "mapping")
            expect(disagree == v.notes.contains { $0.id == NatNote.mappingSourcesDisagree }, "disagreement note")
            if !disagree { expect(v.mappingVariesByDestination == (row.varies ?? servers.varies), "varies") }
            if let note = row.note { expect(v.notes.contains { $0.id == note }, "mapping note") }
            if let note = servers.note { expect(v.notes.contains { $0.id == note }, "servers note") }
            expect(v.classicType == expectedClassic(nat: nat, varies: v.mappingVariesByDestination, mapping: v.mapping, filtering: v.filtering),
                   "classic")
            if v.mappingVariesByDestination == true && v.filtering == .endpointIndependent {
                expect(v.notes.contains { $0.id == NatNote.mappingVariesYetOpenFiltering }, "varies+EIF note")
            }
            if nat == false && (v.filtering == .addressDependent || v.filtering == .addressAndPortDependent) {
                expect(v.notes.contains { $0.id == NatNote.noNatButFiltered }, "no NAT but filtered note")
            }
        }
        expect((obs.otherAddressAvailable == false) == v.notes.contains { $0.id == NatNote.noRFC5780 }, "RFC 5780 note")
        expect(v.rfc5780Supported == obs.otherAddressAvailable, "rfc5780Supported")
        expect(v.callImpact.hasPrefix(NatClassifier.callImpact(v.classicType)), "call impact")
        expect(v.publicAddress == (obs.testIMapped ?? obs.serverMappings?.first?.mapped), "public address")
        // An unknown part never hides silently when evidence contradicted itself.
        if v.classicType == .unknown && v.mappingVariesByDestination == true {
            expect(!v.notes.isEmpty, "unknown with varying mapping carries a note")
        }
        return problems
    }

    @Test func passThroughAndAlgFields() {
        for hairpin in [nil, true, false] as [Bool?] {
            for lifetime in [nil, 0, 30.5] as [Double?] {
                for plain in [nil, a, b] as [ObservedAddress?] {
                    for x1 in [nil, a] as [ObservedAddress?] {
                        let v = NatClassifier.classify(NatObservations(testIMapped: x1, testIPlainMapped: plain,
                                                                       hairpinning: hairpin, bindingLifetimeSeconds: lifetime))
                        #expect(v.hairpinning == hairpin)
                        #expect(v.bindingLifetimeSeconds == lifetime)
                        let alg: Bool? = (x1 == nil || plain == nil) ? nil : x1 != plain
                        #expect(v.algDetected == alg)
                        #expect(v.callImpact.contains("ALG") == (alg == true))
                    }
                }
            }
        }
    }

    /// The lab's NAT kinds, as a real probe would report them.
    @Test func labNatTypes() {
        func observe(_ x1: ObservedAddress, _ x2: ObservedAddress, _ x3: ObservedAddress, _ f2: Bool, _ f3: Bool, local l: ObservedAddress = local) -> NatVerdict {
            NatClassifier.classify(NatObservations(udpReachable: true, localAddress: l, testIMapped: x1, testIPlainMapped: x1,
                                                   otherAddressAvailable: true, mappingAlternateIP: x2, mappingAlternateIPAndPort: x3,
                                                   filteringChangeIPAndPortAnswered: f2, filteringChangePortAnswered: f3))
        }
        let none = observe(local, local, local, true, true)
        #expect(none.classicType == .openInternet && none.natDetected == false && none.notes.isEmpty)
        let portRestricted = observe(a, a, a, false, false)
        #expect(portRestricted.classicType == .portRestrictedCone && portRestricted.mapping == .endpointIndependent
                && portRestricted.filtering == .addressAndPortDependent && portRestricted.algDetected == false)
        #expect(observe(a, a, a, false, true).classicType == .restrictedCone)
        #expect(observe(a, a, a, true, true).classicType == .fullCone)
        let symmetric = observe(a, b, c, false, false)
        #expect(symmetric.classicType == .symmetric && symmetric.mapping == .addressAndPortDependent)
        #expect(symmetric.callImpact.contains("TURN relay"))
        let blocked = NatClassifier.classify(NatObservations(udpReachable: false, localAddress: local,
                                                             filteringChangeIPAndPortAnswered: false, filteringChangePortAnswered: false))
        #expect(blocked.classicType == .udpBlocked && blocked.udpBlocked == true && blocked.filtering == .unknown)
    }

    @Test func serverWithoutRFC5780GivesHonestPartialAnswer() {
        let v = NatClassifier.classify(NatObservations(
            udpReachable: true, localAddress: local, testIMapped: a, otherAddressAvailable: false,
            serverMappings: [.init(server: server1, mapped: a), .init(server: server2, mapped: b)]))
        #expect(v.mapping == .unknown)
        #expect(v.mappingVariesByDestination == true)
        #expect(v.filtering == .unknown)
        #expect(v.classicType == .symmetric)
        #expect(v.notes.contains { $0.id == NatNote.noRFC5780 && $0.message.contains("compared across servers") })
    }

    @Test func verdictJSONKeepsNullsAndRoundTrips() throws {
        let v = NatClassifier.classify(NatObservations(udpReachable: true, localAddress: local, testIMapped: a))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(v)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains("\"hairpinning\":null"))
        #expect(text.contains("\"filtering\":\"unknown\""))
        #expect(try JSONDecoder().decode(NatVerdict.self, from: data) == v)
    }

    @Test func agreementTakesMajorityWithConfidence() throws {
        let cone = NatClassifier.classify(NatObservations(udpReachable: true, localAddress: local, testIMapped: a,
                                                          mappingAlternateIP: a, mappingAlternateIPAndPort: a,
                                                          filteringChangeIPAndPortAnswered: false, filteringChangePortAnswered: false))
        let symmetric = NatClassifier.classify(NatObservations(udpReachable: true, localAddress: local, testIMapped: a,
                                                               mappingAlternateIP: b, mappingAlternateIPAndPort: c,
                                                               filteringChangeIPAndPortAnswered: false, filteringChangePortAnswered: false))
        #expect(NatAgreement(verdicts: []) == nil)
        let agreement = try #require(NatAgreement(verdicts: [symmetric, cone, cone, cone]))
        #expect(agreement.verdict == cone)
        #expect(agreement.runs == 4 && agreement.agreeing == 3)
        #expect(agreement.confidence == 0.75)
        let tie = try #require(NatAgreement(verdicts: [symmetric, cone]))
        #expect(tie.verdict == symmetric && tie.confidence == 0.5)
        let one = try #require(NatAgreement(verdicts: [cone]))
        #expect(one.confidence == 1)
        let data = try JSONEncoder().encode(agreement)
        #expect(String(data: data, encoding: .utf8)?.contains("\"confidence\":0.75") == true)
        #expect(try JSONDecoder().decode(NatAgreement.self, from: data) == agreement)
        let bad = Data(#"{"verdict":\#(String(data: try JSONEncoder().encode(cone), encoding: .utf8)!),"runs":2,"agreeing":3}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(NatAgreement.self, from: bad) }
    }
}
