import Testing
import Diagnosis
import ProbeTransport
import StunWire
@testable import Probes

/// The NAT probe against an RFC 3489 server written in this target (``ClassicStunServer``:
/// MAPPED-ADDRESS only, CHANGED-ADDRESS and SOURCE-ADDRESS, no OTHER-ADDRESS) on loopback, where
/// there is no NAT: an honest one must give the same verdict as an RFC 5780 server, and a hostile
/// one must never give a verdict its answers do not prove.
@Suite(.serialized) struct NatClassicServerTests {
    private func probe(_ server: ClassicStunServer) async -> (NatSession, NatReport) {
        let uri = ServerURI(scheme: .stun, host: server.primary.ip.description, port: server.primary.port)
        let session = await NatProbe.run(NatProbeOptions(servers: [uri]))
        let verdicts = session.runs.map { NatClassifier.classify($0.observations) }
        return (session, NatReport(session: session, verdicts: verdicts))
    }

    @Test("an honest RFC 3489 server: CHANGED-ADDRESS as the alternate, the same verdict as RFC 5780, ALG not decidable")
    func honestClassicServer() async throws {
        let server = try ClassicStunServer(.honest)
        defer { server.stop() }
        let (session, report) = await probe(server)
        let run = try #require(session.runs.first)
        #expect(report.serverStandard == .rfc3489)
        #expect(report.rfc5780 == false)
        #expect(report.mapping == .endpointIndependent)
        #expect(report.filtering == .endpointIndependent)
        #expect(report.classicType == .openInternet)
        #expect(report.natDetected == false)
        #expect(report.classificationMade)
        // MAPPED-ADDRESS only: used for the mapping, but an ALG cannot be detected.
        #expect(report.algDetected == nil)
        #expect(report.notes.contains { $0.id == NatNote.mappedAddressOnly })
        #expect(report.notes.contains { $0.id == NatNote.rfc3489Server })
        #expect(!report.notes.contains { $0.id == NatNote.noRFC5780 })
        let first = try #require(report.servers.first)
        #expect(first.standard == .rfc3489)
        #expect(first.otherAddress == server.addresses[3].description)
        #expect(first.otherAddressAttribute == "CHANGED-ADDRESS")
        #expect(first.responseOrigin == server.primary.description)
        #expect(first.responseOriginAttribute == "SOURCE-ADDRESS")
        #expect(first.mappedAddressAttribute == "MAPPED-ADDRESS")
        #expect(run.observations.alternateAnswered == true)
        #expect(run.tests.first { $0.test == "filtering-test-ii" }?.answeredFrom == server.addresses[3].description)
        #expect(run.tests.first { $0.test == "filtering-test-iii" }?.answeredFrom == server.addresses[1].description)
        #expect(run.tests.first { $0.test == "mapping-test-ii" }?.answeredFrom == server.addresses[2].description)
        let text = NatReportText.render(report)
        #expect(text.contains("Server speaks:  RFC 3489 (CHANGED-ADDRESS, no OTHER-ADDRESS)"))
        #expect(text.contains("rfc3489, alternate \(server.addresses[3]) (CHANGED-ADDRESS), origin \(server.primary) (SOURCE-ADDRESS), mapped address from MAPPED-ADDRESS"))
    }

    @Test("CHANGED-ADDRESS names a place that never answers and CHANGE-REQUEST is dropped: filtering unknown, not 'filtered'")
    func changedAddressThatNeverAnswers() async throws {
        let server = try ClassicStunServer(.changedAddressSilent)
        defer { server.stop() }
        let (session, report) = await probe(server)
        let run = try #require(session.runs.first)
        #expect(report.serverStandard == .rfc3489)
        #expect(run.observations.alternateAnswered == false)
        // The silence was the server's: no filtering verdict, and no mapping verdict from it.
        #expect(run.observations.filteringChangeIPAndPortAnswered == false)
        #expect(report.filtering == .unknown)
        #expect(report.mapping == .unknown)
        #expect(report.classicType == .unknown)
        #expect(report.notes.contains { $0.id == NatNote.alternateUnanswered })
        #expect(report.natDetected == false && report.udpBlocked == false)
    }

    @Test("CHANGED-ADDRESS is the primary address: no alternate tests, no verdict from answers of the primary")
    func changedAddressIsThePrimary() async throws {
        let server = try ClassicStunServer(.changedAddressIsPrimary)
        defer { server.stop() }
        let (session, report) = await probe(server)
        let run = try #require(session.runs.first)
        #expect(report.serverStandard == .rfc3489)
        #expect(report.servers.first?.otherAddress == server.primary.description)
        let unusable = report.notes.first { $0.id == NatNote.alternateUnusable }
        #expect(unusable?.message.contains("is the address it answered from") == true)
        let names = Set(run.tests.map(\.test))
        #expect(names.isDisjoint(with: ["mapping-test-ii", "mapping-test-iii", "filtering-test-ii", "filtering-test-iii"]), "\(names)")
        #expect(report.mapping == .unknown)
        #expect(report.filtering == .unknown)
        #expect(report.classicType == .unknown)
        #expect(!report.classificationMade)
    }

    @Test("CHANGED-ADDRESS with the primary's own IP: tests that need another IP are not run")
    func changedAddressWithTheSameIP() async throws {
        let server = try ClassicStunServer(.changedAddressSameIP)
        defer { server.stop() }
        let (session, report) = await probe(server)
        let run = try #require(session.runs.first)
        #expect(report.notes.first { $0.id == NatNote.alternateUnusable }?.message.contains("own IP") == true)
        #expect(run.observations.mappingAlternateIP == nil && run.observations.mappingAlternateIPAndPort == nil)
        #expect(run.observations.filteringChangeIPAndPortAnswered == nil)
        #expect(report.mapping == .unknown && report.filtering == .unknown)
    }

    @Test("an honest CHANGED-ADDRESS but CHANGE-REQUEST ignored: the mapping stands, filtering stays undecided")
    func changeRequestIgnored() async throws {
        let server = try ClassicStunServer(.changeRequestIgnored)
        defer { server.stop() }
        let (session, report) = await probe(server)
        let run = try #require(session.runs.first)
        #expect(report.serverStandard == .rfc3489)
        #expect(run.observations.alternateAnswered == true)
        // Answers from the primary to CHANGE-REQUEST are refused, never taken as "the NAT let it in".
        #expect(run.observations.filteringChangeIPAndPortAnswered == nil)
        #expect(run.observations.filteringChangePortAnswered == nil)
        #expect(run.tests.first { $0.test == "filtering-test-ii" }?.refusedSources.isEmpty == false)
        #expect(report.filtering == .unknown)
        #expect(report.mapping == .endpointIndependent)
        #expect(report.classicType == .unknown)
    }
}
