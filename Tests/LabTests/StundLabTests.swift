import Foundation
import Testing
@testable import Lab

/// Root test: a region running only stund (the RFC 3489 server) answers as one, and its process
/// is gone after the lab is removed, also when an expectation fails.
@Suite(.serialized, .enabled(if: LabTestSupport.enabled, "needs root, lab tools and a built iceprobe"))
struct StundLabTests {
    @Test func stundRegionAnswersAndLeavesNothingBehind() async throws {
        if let reason = LabTestSupport.missingPrerequisite { Issue.record("prerequisite missing: \(reason)"); return }
        guard CommandRunner.resolve("stund") != nil else {
            Issue.record("stund not installed (Debian package stun-server; scripts/install-deps.sh)")
            return
        }
        let executable = try #require(LabTestSupport.iceprobeExecutable)
        // One expectation holds (stund speaks RFC 3489), one cannot (rfc5780): the run fails.
        let scenario = try LabTestSupport.scenario("""
        name: stund-teardown
        regions:
          - name: old1
            servers: [stund]
        sites:
          - name: lab
            lan: 192.0.2.64/26
            nat: none
            clients: [pc1]
        probes:
          - name: stun-old1
            client: pc1
            run: stun
            region: old1
            args: [--count, "1"]
            expect:
              $exitCode: 0
              serverStandard: rfc3489
              otherAddressAttribute: CHANGED-ADDRESS
              rfc5780: true
        """)
        let (result, recorded) = try await LabTestSupport.offPool { () -> (ScenarioResult, [LabState]) in
            var recorded: [LabState] = []
            let runner = ScenarioRunner(iceprobeExecutable: executable, onLabState: { state in
                if let state { recorded.append(state) }
            })
            return (runner.run(scenario), recorded)
        }
        #expect(result.buildError == nil, "build failed: \(result.buildError ?? "")")
        let outcomes = try #require(result.probes.first?.outcomes)
        #expect(outcomes.filter { !$0.passed }.count == 1, "\(outcomes)")
        #expect(!result.passed)
        let state = try #require(recorded.last)
        let stund = state.processes.filter { $0.role == "stund-old1" }
        #expect(stund.count == 1, "\(state.processes)")
        #expect(!state.processes.contains { $0.role.hasPrefix("turnserver") }, "a stund-only region runs no coturn")
        for process in state.processes {
            #expect(!LabTeardown.alive(process.pid) || LabState.startTicks(pid: process.pid) != process.startTicks,
                    "process \(process.role) (\(process.pid)) still running")
        }
        #expect(LabTestSupport.namespaces(prefix: state.prefix).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: state.runDirectory))
    }
}
