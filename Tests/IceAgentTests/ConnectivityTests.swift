import Testing
import Foundation
@testable import IceAgent
import IceprobeTestSupport

/// Two agents in one process, full ICE checks over loopback (part of the serialized libnice suite).
extension LibniceIntegrationTests {
    @Test func hostToHostConnects() async throws {
        let side = GatheringPlan(localAddresses: ["127.0.0.1"])
        let report = try await ConnectivityCheck.run(ConnectivityPlan(left: side, right: side, deadlineMs: 5000))
        #expect(report.state == .connected, "\(report.detail)")
        #expect(report.localCandidate?.type == .host)
        #expect(report.remoteCandidate?.type == .host)
        #expect(!report.usesRelay)
        let connected = try #require(report.connectedMs)
        #expect(connected >= (report.checksStartedMs ?? 0))
        #expect(connected < 5000)
        #expect(report.detail.contains("direct path"))
    }

    /// The product's own handling of a one-sided give-up after a pair was selected: a real ICE
    /// restart of both libnice agents, a new exchange, and a connection that says it needed one.
    @Test func aFailureAfterSelectionRestartsICEOnceAndConnects() async throws {
        let side = GatheringPlan(localAddresses: ["127.0.0.1"])
        var plan = ConnectivityPlan(left: side, right: side, deadlineMs: 8000)
        plan.injectControlledFailureOnFirstSelection = true
        let report = try await ConnectivityCheck.run(plan)
        #expect(report.state == .connected, "\(report.detail)")
        #expect(report.iceRestarts == 1)
        let first = try #require(report.firstAttemptFailure)
        #expect(first.contains("controlled (right) agent failed"))
        #expect(first.contains("although a pair had been selected after"))
        #expect(report.detail.contains("after 1 ICE restart"))
        #expect(report.localCandidate?.type == .host)
        let selected = try #require(report.selectedPairMs)
        let connected = try #require(report.connectedMs)
        #expect(connected >= selected)
    }

    /// Without a restart left, the same give-up is reported as a failure that names the selection.
    @Test func aFailureAfterSelectionWithoutRestartsIsReported() async throws {
        let side = GatheringPlan(localAddresses: ["127.0.0.1"])
        var plan = ConnectivityPlan(left: side, right: side, deadlineMs: 8000, maxIceRestarts: 0)
        plan.injectControlledFailureOnFirstSelection = true
        let report = try await ConnectivityCheck.run(plan)
        #expect(report.state == .failed)
        #expect(report.iceRestarts == 0)
        #expect(report.firstAttemptFailure == nil)
        #expect(report.detail.contains("controlled (right) agent"))
        #expect(report.detail.contains("a pair had been selected after"))
        #expect(report.connectedMs == nil)
    }

    @Test(.enabled(if: Integration.coturnEnabled, "turnserver (coturn) is not installed"))
    func relayOnlyConnectsThroughTURN() async throws {
        try await Coturn.withServer(Self.coturn()) { coturn in
            let side = GatheringPlan(servers: [Self.turn(coturn, .udp)], localAddresses: ["127.0.0.1"])
            let report = try await ConnectivityCheck.run(ConnectivityPlan(left: side, right: side, forceRelayLeft: true,
                                                                          forceRelayRight: true, deadlineMs: 8000))
            #expect(report.state == .connected, "\(report.detail)")
            #expect(report.localCandidate?.type == .relay)
            #expect(report.remoteCandidate?.type == .relay)
            #expect(report.usesRelay)
            #expect(report.detail.contains("needs a TURN relay"))
        }
    }

    @Test(.enabled(if: Integration.coturnEnabled, "turnserver (coturn) is not installed"))
    func relayOnlyWithWrongCredentialCannotConnect() async throws {
        try await Coturn.withServer(Self.coturn()) { coturn in
            let side = GatheringPlan(servers: [Self.turn(coturn, .udp, password: "nope-nope")], localAddresses: ["127.0.0.1"])
            let started = ContinuousClock.now
            let report = try await ConnectivityCheck.run(ConnectivityPlan(left: side, right: side, forceRelayLeft: true,
                                                                          forceRelayRight: true, deadlineMs: 3000))
            #expect(report.state != .connected)
            #expect(report.connectedMs == nil)
            #expect(ContinuousClock.now - started < .milliseconds(3000 + 1500))
        }
    }

    @Test func agentPropertiesFollowThePlan() async throws {
        let loop = MainLoopThread()
        let values: [String: UInt32] = await withCheckedContinuation { continuation in
            let started = loop.start {}
            guard started else { continuation.resume(returning: [:]); return }
            loop.invoke {
                let settings = NiceAgentHandle.Settings(controlling: true, stunInitialTimeoutMs: 123,
                                                        stunMaxRetransmissions: 4, stunReliableTimeoutMs: 2345,
                                                        pacingMs: 7,
                                                        includeTCP: false, localAddresses: ["127.0.0.1"])
                guard let agent = NiceAgentHandle(context: loop.context, settings: settings) else {
                    continuation.resume(returning: [:])
                    loop.quit()
                    return
                }
                let read: [String: UInt32] = [
                    "stun-initial-timeout": agent.uintProperty("stun-initial-timeout"),
                    "stun-max-retransmissions": agent.uintProperty("stun-max-retransmissions"),
                    "stun-reliable-timeout": agent.uintProperty("stun-reliable-timeout"),
                    "stun-pacing-timer": agent.uintProperty("stun-pacing-timer"),
                    "upnp": agent.boolProperty("upnp") ? 1 : 0,
                    "ice-tcp": agent.boolProperty("ice-tcp") ? 1 : 0,
                    "controlling-mode": agent.boolProperty("controlling-mode") ? 1 : 0,
                ]
                agent.close {
                    continuation.resume(returning: read)
                    loop.quit()
                }
            }
        }
        #expect(values["stun-initial-timeout"] == 123)
        #expect(values["stun-max-retransmissions"] == 4)
        #expect(values["stun-reliable-timeout"] == 2345)
        #expect(values["stun-pacing-timer"] == 7)
        #expect(values["upnp"] == 0)
        #expect(values["ice-tcp"] == 0)
        #expect(values["controlling-mode"] == 1)
    }
}
