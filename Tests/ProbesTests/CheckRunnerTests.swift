import Diagnosis
import Foundation
import Testing
@testable import Probes
import ProbeTransport
import StunWire

/// The runner's budget: whatever still runs at the budget is cancelled and reported as not
/// measured; the runner never waits for it. Loopback only (a closed port answers ICMP refused).
struct CheckRunnerTests {
    static func closedPort() throws -> UInt16 {
        let socket = try UDPSocket(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        defer { socket.close() }
        return try socket.localAddress().port
    }

    @Test("a step that would outlive the budget is cut at the budget and named")
    func budgetCutsHangingStep() async throws {
        let port = try Self.closedPort()
        let profile = Profile(name: "t", regions: [ProfileRegion(id: "lo", name: "lo", stun: ["stun:127.0.0.1:\(port)"])], homeRegion: "lo")
        let plan = try CheckPlanner.plan(profile: profile, options: CheckOptions(budgetSeconds: 2, runNat: false))
        let clock = SystemClock()
        let start = clock.now
        let observations = await CheckRunner.run(plan, gather: { _, _, _ in
            // Ignores its deadline: sleeps far past the budget.
            try? await Task.sleep(nanoseconds: 30_000_000_000)
            return []
        })
        let elapsedMs = Nanoseconds.toMilliseconds(clock.elapsed(since: start))
        #expect(elapsedMs >= 1_900 && elapsedMs < 2_400, "returned after \(elapsedMs) ms for a 2 s budget")
        #expect(observations.cancelled == ["gather"])
        #expect(observations.candidates == nil)
        let latency = try #require(observations.latency["lo"])
        #expect(latency.received == 0 && latency.sent >= 1)
        #expect(latency.error == "refused", "\(String(describing: latency.error))")
        let facts = CheckFactsBuilder.facts(plan: plan, observations: observations)
        #expect(facts.regions.first?.reachable == false)
        #expect(facts.udpReachable == false)
    }

    @Test("everything finished early: the runner returns at once, nothing cancelled")
    func finishesEarly() async throws {
        let port = try Self.closedPort()
        let profile = Profile(name: "t", regions: [ProfileRegion(id: "lo", name: "lo", stun: ["stun:127.0.0.1:\(port)"])])
        let plan = try CheckPlanner.plan(profile: profile, options: CheckOptions(runNat: false, runGather: false))
        let clock = SystemClock()
        let start = clock.now
        let observations = await CheckRunner.run(plan)
        #expect(Nanoseconds.toMilliseconds(clock.elapsed(since: start)) < 1_500)
        #expect(observations.cancelled.isEmpty)
        #expect(observations.local != nil)
    }
}
