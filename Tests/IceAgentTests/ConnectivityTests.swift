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
