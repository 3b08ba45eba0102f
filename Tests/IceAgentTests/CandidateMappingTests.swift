import Testing
@testable import IceAgent

@Suite struct CandidateMappingTests {
    static func fields(type: UInt32 = 1, transport: UInt32 = 0, foundation: String = "4",
                       address: String? = "203.0.113.7", port: UInt16 = 50_000,
                       base: String? = "10.0.0.2", basePort: UInt16 = 40_000,
                       component: UInt32 = 1) -> NiceCandidateFields {
        var bytes = Array(foundation.utf8)
        bytes += [UInt8](repeating: 0, count: max(0, 33 - bytes.count))
        return NiceCandidateFields(typeValue: type, transportValue: transport, foundation: bytes,
                                   address: address, port: port, baseAddress: base, basePort: basePort,
                                   priority: 1_686_052_607, componentID: component)
    }

    @Test(arguments: [(UInt32(0), CandidateType.host), (1, .srflx), (2, .prflx), (3, .relay)])
    func typeValues(value: UInt32, type: CandidateType) {
        #expect(CandidateType(niceValue: value) == type)
        #expect(type.niceValue == value)
    }

    @Test(arguments: [(UInt32(0), CandidateTransport.udp), (1, .tcpActive), (2, .tcpPassive), (3, .tcpSimultaneousOpen)])
    func transportValues(value: UInt32, transport: CandidateTransport) {
        #expect(CandidateTransport(niceValue: value) == transport)
        #expect(transport.niceValue == value)
    }

    @Test func unknownEnumValuesAreNil() {
        #expect(CandidateType(niceValue: 4) == nil)
        #expect(CandidateType(niceValue: .max) == nil)
        #expect(CandidateTransport(niceValue: 4) == nil)
    }

    @Test func serverReflexiveKeepsItsBase() throws {
        let candidate = try IceCandidate(nice: Self.fields(), server: "stun:192.0.2.1:3478", elapsedMs: 23.5)
        #expect(candidate.type == .srflx)
        #expect(candidate.transport == .udp)
        #expect(candidate.foundation == "4")
        #expect(candidate.address == "203.0.113.7")
        #expect(candidate.port == 50_000)
        #expect(candidate.relatedAddress == "10.0.0.2")
        #expect(candidate.relatedPort == 40_000)
        #expect(candidate.server == "stun:192.0.2.1:3478")
        #expect(candidate.elapsedMs == 23.5)
        #expect(candidate.priority == 1_686_052_607)
    }

    @Test func hostHasNoRelatedAddress() throws {
        let candidate = try IceCandidate(nice: Self.fields(type: 0, transport: 2), server: nil, elapsedMs: 1)
        #expect(candidate.type == .host)
        #expect(candidate.transport == .tcpPassive)
        #expect(candidate.relatedAddress == nil)
        #expect(candidate.relatedPort == nil)
    }

    @Test func foundationWithoutTerminatorUsesAllBytes() throws {
        var f = Self.fields()
        f.foundation = Array("abc".utf8)
        #expect(try IceCandidate(nice: f, server: nil, elapsedMs: 0).foundation == "abc")
    }

    @Test(arguments: [
        ("type", fields(type: 9)),
        ("transport", fields(transport: 7)),
        ("foundation", fields(foundation: "")),
        ("foundation", fields(foundation: String(repeating: "a", count: 33))),
        ("foundation", fields(foundation: "a b")),
        ("address", fields(address: nil)),
        ("address", fields(address: "")),
        ("component", fields(component: 0)),
        ("component", fields(component: 300)),
    ])
    func invalidFieldsAreNamed(field: String, input: NiceCandidateFields) {
        #expect(throws: CandidateMappingError.self) { try IceCandidate(nice: input, server: nil, elapsedMs: 0) }
        do {
            _ = try IceCandidate(nice: input, server: nil, elapsedMs: 0)
        } catch {
            #expect(error.field == field)
            #expect(error.description.hasPrefix("invalid-candidate: \(field)"))
        }
    }
}
