import Testing
@testable import IceAgent

@Suite struct ConnectivityRecoveryTests {
    @Test func restartsOnlyWhenAPairWorkedAndARestartIsLeft() {
        #expect(ConnectivityRecovery.onAgentFailed(pairSelectedThisAttempt: true, restartsSoFar: 0, maxRestarts: 1) == .restart)
        #expect(ConnectivityRecovery.onAgentFailed(pairSelectedThisAttempt: true, restartsSoFar: 1, maxRestarts: 1) == .finish)
        #expect(ConnectivityRecovery.onAgentFailed(pairSelectedThisAttempt: true, restartsSoFar: 0, maxRestarts: 0) == .finish)
        // No pair was ever selected: no path between the sides, reported at once.
        #expect(ConnectivityRecovery.onAgentFailed(pairSelectedThisAttempt: false, restartsSoFar: 0, maxRestarts: 1) == .finish)
        #expect(ConnectivityRecovery.onAgentFailed(pairSelectedThisAttempt: true, restartsSoFar: 2, maxRestarts: 3) == .restart)
        #expect(ConnectivityRecovery.onAgentFailed(pairSelectedThisAttempt: false, restartsSoFar: 2, maxRestarts: 3) == .finish)
    }

    @Test func planBoundsItsRestarts() {
        let side = GatheringPlan(servers: [], localAddresses: ["127.0.0.1"])
        #expect(ConnectivityPlan(left: side, right: side).maxIceRestarts == 1)
        #expect(throws: GatheringPlanError.self) { try ConnectivityPlan(left: side, right: side, maxIceRestarts: 4).validate() }
        #expect(throws: GatheringPlanError.self) { try ConnectivityPlan(left: side, right: side, maxIceRestarts: -1).validate() }
        #expect(throws: Never.self) { try ConnectivityPlan(left: side, right: side, maxIceRestarts: 0).validate() }
    }
}
