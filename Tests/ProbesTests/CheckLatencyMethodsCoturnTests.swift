import Diagnosis
import Foundation
import Testing
@testable import Probes
import ProbeTransport
import StunWire
import Credentials

/// The check's latency methods end to end against a real coturn on loopback: the region's STUN
/// target over UDP is a bound socket that never answers, so the region is timed by STUN over TCP
/// (its TURN/TCP URI), and every other method is listed with its result.
@Suite("check latency methods against coturn", .serialized,
       .enabled(if: TurnIntegration.enabled, "turnserver/openssl not installed (set ICEPROBE_REQUIRE_INTEGRATION=1 to fail instead)"))
struct CheckLatencyMethodsCoturnTests {
    @Test("STUN over UDP silent: the region is timed over TCP, every method reported, within the budget")
    func silentUdp() async throws {
        let silent = try UDPSocket(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        defer { silent.close() }
        let silentPort = try silent.localAddress().port
        try await Coturn.withServer(.init(tlsNames: ["IP:127.0.0.1"])) { server in
            let tls = try #require(server.tlsPort)
            let json = """
            {"schemaVersion": 1, "name": "loopback", "homeRegion": "jp1",
             "regions": [{"id": "jp1", "stun": ["stun:127.0.0.1:\(silentPort)"],
                          "turn": ["turn:127.0.0.1:\(server.port)?transport=tcp", "turns:127.0.0.1:\(tls)?transport=tcp"],
                          "latency": ["tls:127.0.0.1:\(tls)"]}]}
            """
            let profile = try ProfileParser.parse(Array(json.utf8), source: "test")
            let plan = try CheckPlanner.plan(profile: profile, options: CheckOptions(runTurn: false, runNat: false, runGather: false,
                                                                                     insecure: true))
            let clock = SystemClock()
            let start = clock.now
            let observations = await CheckRunner.run(plan)
            let elapsedMs = Nanoseconds.toMilliseconds(clock.elapsed(since: start))
            #expect(elapsedMs < 5_000, "took \(elapsedMs) ms")
            let (report, _) = CheckFactsBuilder.report(plan: plan, observations: observations, site: nil, agent: nil)
            let region = try #require(report.regions.first)
            #expect(region.method == .stunTcp, "\(region)")
            #expect(region.reachable == true && region.samplesSent == 10 && region.lossPercent == 0)
            #expect((region.rttMs?.median ?? 1000) < 100)
            let methods = try #require(region.methods)
            #expect(methods.map(\.method) == [.stunUdp, .stunTcp, .stunTls, .tcpConnect, .tlsHandshake])
            #expect(methods[0].error == "timeout" && methods[0].received == 0)
            #expect(methods.dropFirst().allSatisfy { $0.error == nil && $0.received == 10 }, "\(methods)")
            #expect(methods[4].target == "tls:127.0.0.1:\(tls)")
            #expect(report.udpReachable == false)
            #expect(report.nearestRegion == "jp1")
            #expect(!report.findings.contains { $0.id == .regionUnreachable })
        }
    }
}
