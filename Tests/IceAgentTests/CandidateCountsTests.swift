import Testing
@testable import IceAgent

/// `CandidateCounts`: the order-free facts lab scenarios assert (pure).
struct CandidateCountsTests {
    func candidate(_ type: CandidateType, _ address: String, _ port: UInt16, via transport: CandidateTransport = .udp,
                   base: UInt16? = nil, server: String? = nil) -> IceCandidate {
        IceCandidate(foundation: "1", component: 1, transport: transport, type: type, address: address, port: port,
                     priority: 1, relatedAddress: base == nil ? nil : "10.0.0.2", relatedPort: base, server: server)
    }

    func outcome(_ server: String, _ transport: String) -> ServerOutcome {
        ServerOutcome(server: server, kind: "turn", transport: transport, resolvedAddress: "203.0.113.2",
                      status: .candidates, candidateCount: 1, firstCandidateMs: FirstCandidateTimes(of: []),
                      finishedMs: 10, heldGatheringMs: 10, notes: [])
    }

    @Test func portPreservingNat() {
        let counts = CandidateCounts(candidates: [
            candidate(.host, "10.0.0.2", 5000),
            candidate(.srflx, "198.51.100.10", 5000, base: 5000, server: "stun:s"),
            candidate(.srflx, "198.51.100.10", 0, via: .tcpActive, base: 0, server: "turn:t?transport=tcp"),
        ], servers: [])
        #expect(counts.host == 1 && counts.srflx == 2 && counts.srflxUDP == 1 && counts.relay == 0)
        #expect(counts.srflxPortPreserved == true)
        #expect(counts.srflxPortDiffersFromHost == false)
        #expect(counts.srflxAddresses == ["198.51.100.10"])
        #expect(counts.srflxEqualsHost == false)
    }

    @Test func symmetricNatAndRelayTransports() {
        let counts = CandidateCounts(candidates: [
            candidate(.host, "10.0.0.2", 5000),
            candidate(.srflx, "198.51.100.26", 5000, base: 5000, server: "stun:a"),
            candidate(.srflx, "198.51.100.26", 41234, base: 5000, server: "stun:b"),
            candidate(.relay, "203.0.113.2", 49152, base: 5001, server: "turn:t?transport=tcp"),
            candidate(.relay, "203.0.113.2", 49153, base: 5002, server: "turn:u"),
            candidate(.relay, "203.0.113.2", 49154, base: 5003, server: "unknown"),
        ], servers: [outcome("turn:t?transport=tcp", "tcp"), outcome("turn:u", "udp")])
        #expect(counts.srflxPortPreserved == false)
        #expect(counts.srflxPortDiffersFromHost == true)
        #expect(counts.relay == 3 && counts.relayViaTCP == 1 && counts.relayViaUDP == 1 && counts.relayViaTLS == 0)
    }

    @Test func nothingMeasuredIsNil() {
        let counts = CandidateCounts(candidates: [candidate(.host, "10.0.0.2", 5000),
                                                  candidate(.srflx, "10.0.0.2", 5000, server: "stun:s")], servers: [])
        #expect(counts.srflxPortPreserved == nil)
        #expect(counts.srflxPortDiffersFromHost == nil)
        #expect(counts.srflxEqualsHost == true)
    }
}
