import Testing
import Foundation
@testable import IceAgent
import IceprobeTestSupport

/// Which servers a connectivity agent is given (part of the serialized libnice suite).
extension LibniceIntegrationTests {
    /// With a STUN and a TURN server, each agent gets only the TURN server (its Allocate yields the
    /// srflx too): with both, libnice finished gathering about 2 s late and the checks started late.
    @Test(.enabled(if: Integration.coturnEnabled, "turnserver (coturn) is not installed"))
    func stunAndTurnDoNotHoldChecksBack() async throws {
        try await Coturn.withServer(Self.coturn()) { coturn in
            let stun = IceServer(label: "stun:127.0.0.1:\(coturn.port)", host: "127.0.0.1", port: coturn.port, kind: .stun)
            let side = GatheringPlan(servers: [stun, Self.turn(coturn, .udp)], localAddresses: ["127.0.0.1"])
            let report = try await ConnectivityCheck.run(ConnectivityPlan(left: side, right: side, deadlineMs: 8000))
            #expect(report.state == .connected, "\(report.detail)")
            let started = try #require(report.checksStartedMs)
            #expect(started < 1000, "checks started after \(started) ms")
            let selected = try #require(report.selectedPairMs)
            let connected = try #require(report.connectedMs)
            #expect(started <= selected && selected <= connected)
            #expect(report.detail.contains("a pair was selected after"))
        }
    }
}
