import Foundation
import Testing
@testable import Lab

/// Root tests in real namespaces: ground truth of the delay engine, and teardown after failure.
/// Each builds a one-site, one-region lab (about 1-2 s) and removes it, also on failure.
@Suite(.serialized, .enabled(if: LabTestSupport.enabled, "needs root, lab tools and a built iceprobe"))
struct LabIntegrationTests {
    static let delayScenario = """
    name: delay-truth
    regions:
      - name: far
        impair: {delayMs: 60}
    sites:
      - name: lab
        lan: 192.0.2.64/26
        nat: none
        clients: [pc1]
    probes:
      - name: stun-far
        client: pc1
        run: stun
        region: far
        args: [--count, "10"]
        expect:
          $exitCode: 0
          ok: true
          rttMs.median: {min: 117, max: 123}
    """

    @Test func sixtyMillisecondsEachWayGivesOneHundredTwentyRoundTrip() async throws {
        if let reason = LabTestSupport.missingPrerequisite { Issue.record("prerequisite missing: \(reason)"); return }
        let executable = try #require(LabTestSupport.iceprobeExecutable)
        let scenario = try LabTestSupport.scenario(Self.delayScenario)
        try await LabTestSupport.withLab(scenario, executable: executable) { state in
            let namespace = try #require(state.clients["pc1"])
            let ping = try await LabTestSupport.run(["ip", "netns", "exec", namespace, "ping", "-n", "-c", "10", "-i", "0.2",
                                                     "-W", "2", "203.0.113.2"], timeout: 15)
            #expect(ping.status == 0, "ping failed: \(ping.stdout) \(ping.stderr)")
            let times = ping.stdout.split(separator: "\n").compactMap { line -> Double? in
                guard let range = line.range(of: "time=") else { return nil }
                return Double(line[range.upperBound...].split(separator: " ").first ?? "")
            }
            #expect(times.count >= 9, "ping replies: \(times)")
            let sorted = times.sorted()
            let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
            print("LabTests: ping RTT with 60 ms each way: min \(sorted.first ?? 0) median \(median) max \(sorted.last ?? 0) ms")
            #expect(median >= 117 && median <= 123, "median ping RTT \(median) ms")
            #expect((sorted.first ?? 0) >= 117, "an RTT below the configured delay: \(sorted)")

            // The same ground truth through iceprobe stun (the probe the scenarios use).
            let stun = try await LabTestSupport.run(["ip", "netns", "exec", namespace, executable, "stun",
                                                     "stun:far.iceprobe.test:3478", "--count", "10", "--format", "json"], timeout: 30)
            let output = try JSONValue.parse(stun.stdout)
            guard case let .number(stunMedian)? = output.value(at: try #require(JSONPath("rttMs.median"))) else {
                Issue.record("no rttMs.median in \(stun.stdout) \(stun.stderr)")
                return
            }
            print("LabTests: iceprobe stun RTT median \(stunMedian) ms")
            #expect(stunMedian >= 117 && stunMedian <= 123)
        }
    }

    /// A packet crossing two impaired links (site uplink, then region link) gets both delays.
    @Test func delaysOfLinksInSeriesAddUp() async throws {
        if let reason = LabTestSupport.missingPrerequisite { Issue.record("prerequisite missing: \(reason)"); return }
        let executable = try #require(LabTestSupport.iceprobeExecutable)
        let scenario = try LabTestSupport.scenario("""
        name: series
        regions:
          - name: far
            impair: {delayMs: 20}
        sites:
          - name: lab
            nat: port-restricted-cone
            impair: {delayMs: 10}
            clients: [pc1]
        probes: []
        """)
        try await LabTestSupport.withLab(scenario, executable: executable) { state in
            let namespace = try #require(state.clients["pc1"])
            let ping = try await LabTestSupport.run(["ip", "netns", "exec", namespace, "ping", "-n", "-c", "6", "-i", "0.2",
                                                     "-W", "2", "far.iceprobe.test"], timeout: 15)
            let times = ping.stdout.split(separator: "\n").compactMap { line -> Double? in
                guard let range = line.range(of: "time=") else { return nil }
                return Double(line[range.upperBound...].split(separator: " ").first ?? "")
            }.sorted()
            #expect(times.count >= 5, "ping: \(ping.stdout) \(ping.stderr)")
            let median = times.isEmpty ? 0 : times[times.count / 2]
            print("LabTests: ping RTT across 10 ms + 20 ms links: median \(median) ms")
            // Additivity is the claim (60, not 20, 40 or 80). Alone the median is 61.2-61.5 ms; in
            // the serial suite, after the collector's PostgreSQL and browser tests on the same 2
            // cores, it was 64.3 and 69.4 ms once each (13:05 UTC, 2026-12-02), so the upper bound
            // leaves room for scheduling delay in the NFQUEUE daemons; the ground-truth-delay
            // scenario keeps the tight bound.
            #expect(median >= 59 && median <= 72, "expected 60 ms, got \(times)")
        }
    }

    @Test func failingScenarioLeavesNothingBehind() async throws {
        if let reason = LabTestSupport.missingPrerequisite { Issue.record("prerequisite missing: \(reason)"); return }
        let executable = try #require(LabTestSupport.iceprobeExecutable)
        // Full cone NAT, loss and jitter so every kind of state is created (nft maps, sysctl,
        // NFQUEUE daemons, iptables, tbf, coturn, dnsmasq); the expectation cannot hold.
        let scenario = try LabTestSupport.scenario("""
        name: must-fail
        regions:
          - name: jp1
            impair: {delayMs: 5, jitterMs: 2, lossPercent: 1, rateKbit: 2000}
        sites:
          - name: home
            lan: 10.9.0.0/24
            nat: full-cone
            impair: {delayMs: 2, burstLoss: {enterPercent: 1, exitPercent: 50}}
            clients: [pc1]
        probes:
          - name: impossible
            client: pc1
            run: stun
            region: jp1
            args: [--count, "2"]
            expect:
              $exitCode: 0
              natDetected: false
              rttMs.median: {max: 1}
        """)
        let (result, recorded) = try await LabTestSupport.offPool { () -> (ScenarioResult, [LabState]) in
            var recorded: [LabState] = []
            let runner = ScenarioRunner(iceprobeExecutable: executable, onLabState: { state in
                if let state { recorded.append(state) }
            })
            return (runner.run(scenario), recorded)
        }
        #expect(!result.passed)
        #expect(result.buildError == nil, "build failed: \(result.buildError ?? "")")
        #expect(result.probes.first?.outcomes.contains { !$0.passed } == true)
        let state = try #require(recorded.last)
        #expect(state.processes.count >= 5, "expected dnsmasq, coturn and impairment daemons: \(state.processes)")
        #expect(LabTestSupport.namespaces(prefix: state.prefix).isEmpty)
        for process in state.processes {
            #expect(!LabTeardown.alive(process.pid) || LabState.startTicks(pid: process.pid) != process.startTicks,
                    "process \(process.role) (\(process.pid)) still running")
        }
        #expect(!FileManager.default.fileExists(atPath: state.runDirectory))
        for directory in state.etcDirectories {
            #expect(!FileManager.default.fileExists(atPath: directory))
        }
        let processes = (try? await LabTestSupport.run(["ps", "-eo", "args"], timeout: 10).stdout) ?? ""
        #expect(!processes.contains(state.runDirectory), "a process still refers to \(state.runDirectory)")
    }
}

/// A ruleset nft rejects (a chain named with the keyword `fwd`) must fail the build, never
/// leave the lab silently without NAT.
@Suite(.enabled(if: LabTestSupport.enabled, "needs root, lab tools and a built iceprobe"))
struct RuleLoadCheckTests {
    @Test func rejectedRulesetFailsLoudly() async throws {
        if let reason = LabTestSupport.missingPrerequisite { Issue.record("prerequisite missing: \(reason)"); return }
        let scenario = try LabTestSupport.scenario("""
        name: rules
        regions: []
        sites:
          - name: s
            clients: [pc1]
        probes: []
        """)
        // The builder's steps block (nft, ip); they run off the cooperative pool, the checks here.
        let (badKind, goodError, teardown) = try await LabTestSupport.offPool { () -> (LabError.Kind?, String?, [String]) in
            let builder = LabBuilder(scenario: scenario, iceprobeExecutable: "/bin/false")
            var badKind: LabError.Kind? = nil
            var goodError: String? = nil
            do {
                try builder.prepareRunDirectory()
                try builder.createNamespaces()
                let bad = "table ip iceprobe {\n  chain fwd {\n    type filter hook forward priority filter; policy accept;\n  }\n}\n"
                do {
                    try builder.loadNft(bad, namespace: builder.addressing.internetNamespace, file: builder.path("bad.nft"))
                } catch {
                    badKind = (error as? LabError)?.kind
                }
                let good = RouterRules.serverRuleset(tlsPort: 5349)
                try builder.loadNft(good, namespace: builder.addressing.internetNamespace, file: builder.path("good.nft"))
            } catch {
                goodError = "\(error)"
            }
            return (badKind, goodError, LabTeardown.tearDown(builder.state))
        }
        #expect(badKind == .ruleLoadFailed)
        #expect(goodError == nil, "\(goodError ?? "")")
        #expect(teardown.isEmpty, "teardown: \(teardown)")
    }
}
