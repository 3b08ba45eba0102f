import Testing
import Diagnosis
import ProbeTransport
import StunWire
import IceprobeTestSupport
@testable import Probes

/// The NAT probe against a real coturn on loopback (127.0.0.1 and 127.0.0.2): no NAT, so the
/// verdict must be "open internet" with endpoint-independent mapping and filtering.
@Suite(.enabled(if: Coturn.enabled(listeningIPs: Coturn.Options.natPair.listeningIPs),
                "needs coturn (turnserver) and 127.0.0.2 on loopback; ICEPROBE_REQUIRE_INTEGRATION=1 makes this fail instead of skipping"),
       .serialized)
struct NatCoturnTests {
    private func uri(_ address: TransportAddress) -> ServerURI {
        ServerURI(scheme: .stun, host: address.ip.description, port: address.port)
    }

    @Test("RFC 5780 coturn: no NAT, endpoint-independent mapping and filtering, hairpinning, fast")
    func rfc5780Server() async throws {
        try await Coturn.withServer(.natPair) { server in
            let options = NatProbeOptions(servers: [uri(server.address(on: "127.0.0.1"))], hairpin: true, repeatCount: 3)
            let session = await NatProbe.run(options)
            #expect(session.runs.count == 3)
            // The README's loopback NAT figure (scripts/figures.sh collects this line).
            print("figure: iceprobe nat on loopback, one classification: " + session.runs.map { "\($0.durationMs) ms" }.joined(separator: ", "))
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
                // Nothing foreign arrives; only answers to our own retransmitted copies may come late
                // (on a loaded machine a copy can go out before the first answer is read).
                let retransmissions = run.tests.reduce(0) { $0 + max(0, $1.requestsSent - 1) }
                let foreign = run.strays - (run.strayReasons["late-answer"] ?? 0)
                #expect(foreign == 0, "strays: \(run.strayReasons)")
                #expect(run.strays <= retransmissions, "strays \(run.strayReasons), retransmissions \(retransmissions)")
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
        try await Coturn.withServer(.natPair(rfc5780: false)) { server in
            let single = await NatProbe.run(NatProbeOptions(servers: [uri(server.address(on: "127.0.0.1"))]))
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

            let pair = await NatProbe.run(NatProbeOptions(servers: [uri(server.address(on: "127.0.0.1")), uri(server.address(on: "127.0.0.2"))]))
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
        try await Coturn.withServer(.natPair) { server in
            let session = await NatProbe.run(NatProbeOptions(servers: [uri(server.address(on: "127.0.0.1"))],
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

extension Coturn.Options {
    /// Binding only, on 127.0.0.1 and 127.0.0.2, so RFC 5780 is on (OTHER-ADDRESS = 127.0.0.2,
    /// port + 1) unless `rfc5780` is false; no users, no TLS.
    static func natPair(rfc5780: Bool) -> Coturn.Options {
        Coturn.Options(listeningIPs: ["127.0.0.1", "127.0.0.2"], credentials: .none, rfc5780: rfc5780)
    }

    static let natPair = natPair(rfc5780: true)
}
