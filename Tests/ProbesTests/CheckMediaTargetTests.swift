import Diagnosis
import Testing
@testable import Probes
import ProbeTransport
import Credentials
import StunWire

/// `check --media`: which of the home region's TURN servers the stream goes through. Pure.
struct CheckMediaTargetTests {
    static func observation(_ target: CheckTurnTarget, works: Bool) -> TurnObservation {
        var observation = TurnObservation(server: target.server.description, transport: target.transport,
                                          hadCredential: true, username: "u")
        if works {
            observation.allocation = TurnAllocation(relayedAddress: TransportAddress(ip: .loopbackV4, port: 50_000),
                                                    mappedAddress: nil, lifetime: 600)
        } else {
            observation.failedStage = .allocate
            observation.transportError = TransportError(.timeout, "no answer")
        }
        return observation
    }

    @Test func prefersTheFirstWorkingTransportInTheOrderUdpTcpTls() throws {
        let plan = try CheckPlanner.plan(profile: CheckPlannerTests.profile(),
                                         options: CheckOptions(turnCredential: CheckPlannerTests.credential))
        let targets = try #require(plan.region("jp1")?.turn)
        #expect(targets.map(\.transport) == [.udp, .tcp, .tls])
        // Nothing measured: the first with a credential (UDP).
        #expect(CheckMedia.target(plan: plan, turn: [])?.transport == .udp)
        // UDP failed, TLS and TCP worked: TCP.
        let turn = [Self.observation(targets[0], works: false), Self.observation(targets[2], works: true),
                    Self.observation(targets[1], works: true)]
        #expect(CheckMedia.target(plan: plan, turn: turn)?.transport == .tcp)
        // Only TLS worked.
        #expect(CheckMedia.target(plan: plan, turn: [Self.observation(targets[2], works: true)])?.transport == .tls)
        // All failed: still UDP (the stream then names why it cannot run).
        #expect(CheckMedia.target(plan: plan, turn: targets.map { Self.observation($0, works: false) })?.transport == .udp)
    }

    @Test func noHomeRegionOrNoCredentialMeansNoTarget() throws {
        let noHome = try CheckPlanner.plan(profile: CheckPlannerTests.profile(home: nil, queue: nil),
                                           options: CheckOptions(turnCredential: CheckPlannerTests.credential))
        #expect(CheckMedia.target(plan: noHome, turn: []) == nil)
        let noCredential = try CheckPlanner.plan(profile: CheckPlannerTests.profile(), options: CheckOptions())
        #expect(CheckMedia.target(plan: noCredential, turn: []) == nil)
    }
}
