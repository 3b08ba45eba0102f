import Testing
import Diagnosis
import ProbeTransport
import StunWire
@testable import Probes

/// Loopback-only tests that need no server: nothing answers, so UDP counts as blocked.
struct NatBlockedTests {
    @Test("nobody answers: UDP blocked within the 2 s first-contact budget, no classification")
    func udpBlocked() async throws {
        // A port nobody listens on: bind it briefly to learn a free one, then close.
        let probe = try UDPSocket(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        let port = try probe.localAddress().port
        probe.close()
        let session = await NatProbe.run(NatProbeOptions(servers: [ServerURI(scheme: .stun, host: "127.0.0.1", port: port)]))
        let run = try #require(session.runs.first)
        #expect(run.observations.udpReachable == false)
        #expect(run.observations.testIMapped == nil)
        #expect(run.durationMs >= 1_900 && run.durationMs < 2_600, "took \(run.durationMs) ms")
        let verdict = NatClassifier.classify(run.observations)
        #expect(verdict.udpBlocked == true)
        #expect(verdict.classicType == .udpBlocked)
        let report = NatReport(session: session, verdicts: [verdict])
        #expect(!report.classificationMade)
        #expect(report.tests.first { $0.test == "mapping-test-i" }?.requestsSent == 6)
    }

    @Test("a short --timeout bounds the whole run")
    func timeoutBoundsRun() async throws {
        let probe = try UDPSocket(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        let port = try probe.localAddress().port
        probe.close()
        let options = NatProbeOptions(servers: [ServerURI(scheme: .stun, host: "127.0.0.1", port: port)],
                                      timeout: Nanoseconds.milliseconds(300))
        let session = await NatProbe.run(options)
        // A full run takes 2 s or more; 300 ms plus scheduling slack on a loaded machine must stay under 1 s.
        #expect(session.durationMs < 1_000, "took \(session.durationMs) ms")
        // Cut short: not enough evidence to call UDP blocked.
        #expect(session.runs.first?.observations.udpReachable == nil)
    }

    @Test("option validation names the flag", arguments: [
        (NatProbeOptions(servers: []), "--server"),
        (NatProbeOptions(servers: [ServerURI(scheme: .stuns, host: "example.org")]), "--server"),
        (NatProbeOptions(servers: [ServerURI(scheme: .stun, host: "example.org")], repeatCount: 0), "--repeat"),
        (NatProbeOptions(servers: [ServerURI(scheme: .stun, host: "example.org")], repeatCount: 101), "--repeat"),
        (NatProbeOptions(servers: [ServerURI(scheme: .stun, host: "example.org")], lifetimeMaximum: 0), "--lifetime"),
        (NatProbeOptions(servers: [ServerURI(scheme: .stun, host: "example.org")], timeout: 0), "--timeout"),
    ])
    func validation(options: NatProbeOptions, flag: String) {
        #expect(throws: NatOptionsError.self) { try options.validate() }
        do {
            try options.validate()
        } catch {
            #expect(error.flag == flag)
        }
    }

    @Test("default options are valid; default timeout is 5 s per run")
    func defaults() throws {
        let options = NatProbeOptions(servers: [ServerURI(scheme: .stun, host: "example.org")], repeatCount: 3)
        try options.validate()
        #expect(options.timeout == Nanoseconds.seconds(15))
    }
}
