import Testing
@testable import Diagnosis

private let local = ObservedAddress(ip: "10.0.0.2", port: 50000)
private let a = ObservedAddress(ip: "203.0.113.5", port: 40000)
private let b = ObservedAddress(ip: "203.0.113.5", port: 40001)
private let c = ObservedAddress(ip: "203.0.113.5", port: 40002)
private let server = ObservedAddress(ip: "198.51.100.1", port: 3478)
private let alternate = ObservedAddress(ip: "198.51.100.2", port: 3479)

/// One way a server can announce its addresses, and how it must be read.
private struct ReadingRow: Sendable, CustomStringConvertible {
    let name: String
    let answer: StunAnswerAttributes
    let standard: StunServerStandard
    let alternate: ObservedAddress?
    let unusable: String?
    let origin: ObservedAddress?, originAttribute: String?
    let mappedAttribute: String?, algDetectable: Bool
    var description: String { name }
}

private let readings: [ReadingRow] = [
    ReadingRow(name: "RFC 5780", answer: StunAnswerAttributes(xorMappedAddress: a, mappedAddress: a, otherAddress: alternate, responseOrigin: server),
               standard: .rfc5780, alternate: alternate, unusable: nil, origin: server, originAttribute: "RESPONSE-ORIGIN",
               mappedAttribute: "XOR-MAPPED-ADDRESS", algDetectable: true),
    ReadingRow(name: "RFC 3489", answer: StunAnswerAttributes(mappedAddress: a, changedAddress: alternate, sourceAddress: server),
               standard: .rfc3489, alternate: alternate, unusable: nil, origin: server, originAttribute: "SOURCE-ADDRESS",
               mappedAttribute: "MAPPED-ADDRESS", algDetectable: false),
    ReadingRow(name: "both standards: OTHER-ADDRESS wins",
               answer: StunAnswerAttributes(xorMappedAddress: a, otherAddress: alternate, changedAddress: ObservedAddress(ip: "198.51.100.9", port: 1),
                                            responseOrigin: server, sourceAddress: ObservedAddress(ip: "198.51.100.9", port: 2)),
               standard: .rfc5780, alternate: alternate, unusable: nil, origin: server, originAttribute: "RESPONSE-ORIGIN",
               mappedAttribute: "XOR-MAPPED-ADDRESS", algDetectable: false),
    ReadingRow(name: "no alternate", answer: StunAnswerAttributes(xorMappedAddress: a),
               standard: .none, alternate: nil, unusable: nil, origin: nil, originAttribute: nil,
               mappedAttribute: "XOR-MAPPED-ADDRESS", algDetectable: false),
    ReadingRow(name: "no mapped address", answer: StunAnswerAttributes(changedAddress: alternate),
               standard: .rfc3489, alternate: alternate, unusable: nil, origin: nil, originAttribute: nil,
               mappedAttribute: nil, algDetectable: false),
    ReadingRow(name: "CHANGED-ADDRESS is the server", answer: StunAnswerAttributes(mappedAddress: a, changedAddress: server),
               standard: .rfc3489, alternate: nil, unusable: "is the address it answered from", origin: nil, originAttribute: nil,
               mappedAttribute: "MAPPED-ADDRESS", algDetectable: false),
    ReadingRow(name: "CHANGED-ADDRESS with the server's IP", answer: StunAnswerAttributes(mappedAddress: a, changedAddress: ObservedAddress(ip: server.ip, port: 3479)),
               standard: .rfc3489, alternate: nil, unusable: "own IP", origin: nil, originAttribute: nil,
               mappedAttribute: "MAPPED-ADDRESS", algDetectable: false),
    ReadingRow(name: "OTHER-ADDRESS of another family", answer: StunAnswerAttributes(xorMappedAddress: a, otherAddress: ObservedAddress(ip: "2001:db8::2", port: 3479)),
               standard: .rfc5780, alternate: nil, unusable: "another address family", origin: nil, originAttribute: nil,
               mappedAttribute: "XOR-MAPPED-ADDRESS", algDetectable: false),
    ReadingRow(name: "CHANGED-ADDRESS 0.0.0.0", answer: StunAnswerAttributes(mappedAddress: a, changedAddress: ObservedAddress(ip: "0.0.0.0", port: 3479)),
               standard: .rfc3489, alternate: nil, unusable: "unspecified", origin: nil, originAttribute: nil,
               mappedAttribute: "MAPPED-ADDRESS", algDetectable: false),
    ReadingRow(name: "CHANGED-ADDRESS multicast", answer: StunAnswerAttributes(mappedAddress: a, changedAddress: ObservedAddress(ip: "224.0.0.1", port: 3479)),
               standard: .rfc3489, alternate: nil, unusable: "multicast", origin: nil, originAttribute: nil,
               mappedAttribute: "MAPPED-ADDRESS", algDetectable: false),
    ReadingRow(name: "CHANGED-ADDRESS broadcast", answer: StunAnswerAttributes(mappedAddress: a, changedAddress: ObservedAddress(ip: "255.255.255.255", port: 3479)),
               standard: .rfc3489, alternate: nil, unusable: "broadcast", origin: nil, originAttribute: nil,
               mappedAttribute: "MAPPED-ADDRESS", algDetectable: false),
    ReadingRow(name: "CHANGED-ADDRESS loopback for a remote server", answer: StunAnswerAttributes(mappedAddress: a, changedAddress: ObservedAddress(ip: "127.0.0.2", port: 3479)),
               standard: .rfc3489, alternate: nil, unusable: "loopback", origin: nil, originAttribute: nil,
               mappedAttribute: "MAPPED-ADDRESS", algDetectable: false),
    ReadingRow(name: "CHANGED-ADDRESS port 0", answer: StunAnswerAttributes(mappedAddress: a, changedAddress: ObservedAddress(ip: "198.51.100.2", port: 0)),
               standard: .rfc3489, alternate: nil, unusable: "port 0", origin: nil, originAttribute: nil,
               mappedAttribute: "MAPPED-ADDRESS", algDetectable: false),
]

/// Observations as the probe records them from a server of `standard`, for a NAT seen as
/// X1/X2/X3 with filtering answers f2/f3.
private func observations(_ standard: StunServerStandard, _ x1: ObservedAddress, _ x2: ObservedAddress?, _ x3: ObservedAddress?,
                          _ f2: Bool?, _ f3: Bool?, local l: ObservedAddress = local) -> NatObservations {
    let answer: StunAnswerAttributes
    switch standard {
    case .rfc5780: answer = StunAnswerAttributes(xorMappedAddress: x1, mappedAddress: x1, otherAddress: alternate, responseOrigin: server)
    case .rfc3489: answer = StunAnswerAttributes(mappedAddress: x1, changedAddress: alternate, sourceAddress: server)
    case .none: answer = StunAnswerAttributes(xorMappedAddress: x1)
    }
    return NatObservations(udpReachable: true, localAddress: l, testIMapped: x1, testIPlainMapped: answer.mappedAddress,
                           otherAddressAvailable: standard == .rfc5780, mappingAlternateIP: x2, mappingAlternateIPAndPort: x3,
                           filteringChangeIPAndPortAnswered: f2, filteringChangePortAnswered: f3,
                           server: server, testIAnswer: answer, alternateAnswered: x3 != nil)
}

@Suite struct NatClassicServerClassifierTests {
    @Test(arguments: readings)
    private func readingOfAnAnswer(row: ReadingRow) {
        let reading = StunAnswerReading(row.answer, server: server)
        #expect(reading.standard == row.standard)
        #expect(reading.alternate == row.alternate)
        #expect(reading.origin == row.origin)
        #expect(reading.originAttribute == row.originAttribute)
        #expect(reading.mappedAttribute == row.mappedAttribute)
        #expect(reading.algDetectable == row.algDetectable)
        if let unusable = row.unusable {
            #expect(reading.alternateProblem?.id == NatNote.alternateUnusable)
            #expect(reading.alternateProblem?.message.contains(unusable) == true, "\(reading.alternateProblem?.message ?? "no problem")")
            #expect(reading.announcedAlternate != nil)
        } else {
            #expect(reading.alternateProblem == nil)
        }
    }

    @Test("a loopback alternate is fine for a loopback server")
    func loopbackServer() {
        let reading = StunAnswerReading(StunAnswerAttributes(mappedAddress: a, changedAddress: ObservedAddress(ip: "127.0.0.2", port: 3479)),
                                        server: ObservedAddress(ip: "127.0.0.1", port: 3478))
        #expect(reading.alternate == ObservedAddress(ip: "127.0.0.2", port: 3479))
    }

    /// The lab's NAT kinds seen through an RFC 3489 server give exactly the RFC 5780 verdicts.
    @Test("RFC 3489 server: every lab NAT type gets the same mapping, filtering and classic type as with RFC 5780")
    func sameVerdictsAsRFC5780() {
        let cases: [(String, ObservedAddress, ObservedAddress, ObservedAddress, Bool, Bool, ObservedAddress, ClassicNatType)] = [
            ("none", local, local, local, true, true, local, .openInternet),
            ("full cone", a, a, a, true, true, local, .fullCone),
            ("restricted cone", a, a, a, false, true, local, .restrictedCone),
            ("port-restricted cone", a, a, a, false, false, local, .portRestrictedCone),
            ("symmetric", a, b, c, false, false, local, .symmetric),
        ]
        for (name, x1, x2, x3, f2, f3, l, classic) in cases {
            let modern = NatClassifier.classify(observations(.rfc5780, x1, x2, x3, f2, f3, local: l))
            let classicServer = NatClassifier.classify(observations(.rfc3489, x1, x2, x3, f2, f3, local: l))
            #expect(modern.classicType == classic, "\(name) rfc5780")
            #expect(classicServer.classicType == classic, "\(name) rfc3489")
            #expect(classicServer.mapping == modern.mapping && classicServer.filtering == modern.filtering, "\(name)")
            #expect(modern.serverStandard == .rfc5780 && classicServer.serverStandard == .rfc3489)
            #expect(classicServer.rfc5780Supported == false)
            #expect(classicServer.notes.map(\.id).contains(NatNote.rfc3489Server))
            #expect(classicServer.notes.map(\.id).contains(NatNote.mappedAddressOnly))
            #expect(!classicServer.notes.map(\.id).contains(NatNote.noRFC5780))
            // MAPPED-ADDRESS only: an ALG cannot be detected; with both it can.
            #expect(classicServer.algDetected == nil && modern.algDetected == false)
        }
        let blocked = NatClassifier.classify(NatObservations(udpReachable: false, localAddress: local, otherAddressAvailable: nil))
        #expect(blocked.classicType == .udpBlocked && blocked.serverStandard == nil)
    }

    @Test("a server with no alternate address: standard none, filtering never guessed")
    func noAlternate() {
        let v = NatClassifier.classify(observations(.none, a, nil, nil, nil, nil))
        #expect(v.serverStandard == StunServerStandard.none)
        #expect(v.filtering == .unknown && v.mapping == .unknown)
        #expect(v.notes.contains { $0.id == NatNote.noRFC5780 })
    }

    @Test("an unusable alternate (the server's own address): results against it are never used")
    func unusableAlternateIgnoresItsResults() {
        // A hostile server: CHANGED-ADDRESS = itself, and it answers CHANGE-REQUEST from itself.
        // Fed as if the probe had run the tests anyway, the "answers" must not make a full cone.
        var o = observations(.rfc3489, a, a, a, true, true)
        o.testIAnswer?.changedAddress = server
        let v = NatClassifier.classify(o)
        #expect(v.mapping == .unknown)
        #expect(v.filtering == .unknown)
        #expect(v.classicType == .unknown)
        #expect(v.serverStandard == .rfc3489)
        #expect(v.notes.contains { $0.id == NatNote.alternateUnusable })
        #expect(!v.notes.contains { $0.id == NatNote.rfc3489Server })
    }

    @Test("silence to CHANGE-REQUEST counts only when the alternate address answers directly")
    func alternateThatNeverAnswered() {
        for standard in [StunServerStandard.rfc5780, .rfc3489] {
            for (f2, f3) in [(false, false), (false, true)] {
                var o = observations(standard, a, a, nil, f2, f3)
                o.alternateAnswered = false
                let v = NatClassifier.classify(o)
                #expect(v.filtering == .unknown, "\(standard) \(f2) \(f3)")
                #expect(v.notes.contains { $0.id == NatNote.alternateUnanswered })
                // Mapping test II was answered (X2 == X1): the mapping stands.
                #expect(v.mapping == .endpointIndependent)
                #expect(v.classicType == .unknown)
            }
            // An answer from the changed address proves itself.
            var open = observations(standard, a, a, nil, true, true)
            open.alternateAnswered = false
            #expect(NatClassifier.classify(open).filtering == .endpointIndependent)
        }
    }
}
