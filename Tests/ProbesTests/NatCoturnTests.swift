import Testing
import Diagnosis
import ProbeTransport
import StunWire
@testable import Probes

/// The NAT probe against a real coturn on loopback (127.0.0.1 and 127.0.0.2): no NAT, so the
/// verdict must be "open internet" with endpoint-independent mapping and filtering.
@Suite(.enabled(if: NatTestCoturn.enabled,
                "needs coturn (turnserver) and 127.0.0.2 on loopback; ICEPROBE_REQUIRE_INTEGRATION=1 makes this fail instead of skipping"),
       .serialized)
struct NatCoturnTests {
    private func uri(_ address: TransportAddress) -> ServerURI {
        ServerURI(scheme: .stun, host: address.ip.description, port: address.port)
    }

    @Test("RFC 5780 coturn: no NAT, endpoint-independent mapping and filtering, hairpinning, fast")
    func rfc5780Server() async throws {
        try await NatTestCoturn.with { server in
            let options = NatProbeOptions(servers: [uri(server.primary)], hairpin: true, repeatCount: 3)
            let session = await NatProbe.run(options)
            #expect(session.runs.count == 3)
            for run in session.runs {
                let o = run.observations
                #expect(o.otherAddressAvailable == true)
                #expect(o.localAddress != nil && o.localAddress == o.testIMapped)
                #expect(o.mappingAlternateIP == o.testIMapped)
                #expect(o.mappingAlternateIPAndPort == o.testIMapped)
                #expect(o.filteringChangeIPAndPortAnswered == true)
                #expect(o.filteringChangePortAnswered == true)
                #expect(o.hairpinning == true)
                #expect(o.udpReachable == true)
                #expect(run.strays == 0)
                #expect(run.durationMs < 500, "a loopback run took \(run.durationMs) ms")
                let other = run.tests.first { $0.test == "filtering-test-ii" }
                #expect(other?.answeredFrom == "127.0.0.2:\(server.port + 1)")
                let port = run.tests.first { $0.test == "filtering-test-iii" }
                #expect(port?.answeredFrom == "127.0.0.1:\(server.port + 1)")
            }
            let verdicts = session.runs.map { NatClassifier.classify($0.observations) }
            let report = NatReport(session: session, verdicts: verdicts)
            #expect(report.classicType == .openInternet)
            #expect(report.mapping == .endpointIndependent)
            #expect(report.filtering == .endpointIndependent)
            #expect(report.natDetected == false)
            #expect(report.udpBlocked == false)
            #expect(report.rfc5780 == true)
            #expect(report.algDetected == false || report.algDetected == nil)
            #expect(report.confidence == 1)
            #expect(report.classificationMade)
            #expect(report.servers.first?.otherAddress == "127.0.0.2:\(server.port + 1)")
        }
    }

    @Test("coturn with --no-rfc5780: says so, filtering unknown; two servers give the mapping")
    func serverWithoutRFC5780() async throws {
        try await NatTestCoturn.with(rfc5780: false) { server in
            let single = await NatProbe.run(NatProbeOptions(servers: [uri(server.primary)]))
            let o = try #require(single.runs.first).observations
            #expect(o.otherAddressAvailable == false)
            #expect(o.filteringChangeIPAndPortAnswered == nil)
            #expect(o.filteringChangePortAnswered == nil)
            #expect(o.mappingAlternateIP == nil)
            let verdict = NatClassifier.classify(o)
            #expect(verdict.filtering == .unknown)
            #expect(verdict.mapping == .unknown)
            #expect(verdict.natDetected == false)
            #expect(verdict.notes.contains { $0.id == NatNote.noRFC5780 })
            #expect(!NatReport(session: single, verdicts: [verdict]).classificationMade)

            let pair = await NatProbe.run(NatProbeOptions(servers: [uri(server.primary), uri(server.secondIP)]))
            let run = try #require(pair.runs.first)
            #expect(run.observations.serverMappings?.count == 2)
            let both = NatClassifier.classify(run.observations)
            #expect(both.mapping == .endpointIndependent)
            #expect(both.filtering == .unknown)
            let report = NatReport(session: pair, verdicts: [both])
            #expect(report.rfc5780 == false)
            #expect(report.classificationMade)
            #expect(report.servers.allSatisfy { $0.rfc5780 == false })
        }
    }

    @Test("binding lifetime search with parallel sockets: no NAT outlives the maximum")
    func lifetimeSearch() async throws {
        try await NatTestCoturn.with { server in
            let session = await NatProbe.run(NatProbeOptions(servers: [uri(server.primary)],
                                                             lifetimeMaximum: Nanoseconds.seconds(1.5), lifetimeSockets: 3))
            let lifetime = try #require(session.lifetime)
            #expect(lifetime.problem == nil)
            #expect(lifetime.waits.map(\.seconds) == [0, 0.5, 1, 1.5])
            #expect(lifetime.waits.allSatisfy { $0.alive == true })
            #expect(lifetime.bindingLifetimeSeconds == 1.5)
            #expect(session.runs.first?.observations.bindingLifetimeSeconds == 1.5)
            #expect(session.durationMs < 3_000)
        }
    }
}
