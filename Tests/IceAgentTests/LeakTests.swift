import Testing
import Foundation
@testable import IceAgent
import IceprobeTestSupport

/// Gathers 50 times against coturn and checks that threads, file descriptors and GLib warnings
/// return to their baseline. Other test targets may run in parallel in the same process, so totals
/// get a small tolerance (well below one leaked descriptor or thread per run); IceAgent's own loop
/// threads (named `iceprobe-gloop`) must return to exactly zero. Part of the serialized
/// ``LibniceIntegrationTests`` suite, so no other IceAgent run overlaps it.
extension LibniceIntegrationTests {
    @Test(.enabled(if: Integration.coturnEnabled, "turnserver (coturn) is not installed"))
    func fiftyRunsLeaveNothingBehind() async throws {
        try await Coturn.withServer(Self.coturn()) { coturn in
            let plan = GatheringPlan(servers: [LibniceIntegrationTests.stun(port: coturn.port),
                                               LibniceIntegrationTests.turn(coturn, .udp),
                                               LibniceIntegrationTests.turn(coturn, .tcp)],
                                     localAddresses: ["127.0.0.1"])
            // Warm-up: GLib and Swift concurrency create their long-lived threads on first use.
            for _ in 0..<2 { _ = try await Gatherer.gather(plan) }
            let baseline = await ProcessResources.settle { $0.loopThreads == 0 }
            let warningsBefore = NiceLogging.warningCount

            var relays = 0
            for _ in 0..<50 {
                let report = try await Gatherer.gather(plan)
                relays += report.candidates.filter { $0.type == .relay }.count
                #expect(report.warnings.isEmpty)
            }
            #expect(relays == 100, "every run should produce a UDP and a TCP TURN relay")

            let after = await ProcessResources.settle {
                $0.loopThreads == 0 && $0.threads <= baseline.threads && $0.fileDescriptors <= baseline.fileDescriptors
            }
            #expect(after.loopThreads == 0)
            #expect(after.threads - baseline.threads < 10, "baseline \(baseline), after \(after)")
            #expect(after.fileDescriptors - baseline.fileDescriptors < 25, "baseline \(baseline), after \(after)")
            #expect(NiceLogging.warningCount == warningsBefore, "GLib/libnice warnings were logged")
            print("leak test: 50 runs, baseline \(baseline), after \(after), \(relays) relay candidates")
        }
    }

    @Test func repeatedConnectivityChecksLeaveNothingBehind() async throws {
        let side = GatheringPlan(includeTCP: false, localAddresses: ["127.0.0.1"])
        let plan = ConnectivityPlan(left: side, right: side, deadlineMs: 5000)
        for _ in 0..<2 { _ = try await ConnectivityCheck.run(plan) }
        let baseline = await ProcessResources.settle { $0.loopThreads == 0 }
        let warningsBefore = NiceLogging.warningCount
        var connected = 0
        for _ in 0..<20 where try await ConnectivityCheck.run(plan).state == .connected {
            connected += 1
        }
        #expect(connected == 20)
        let after = await ProcessResources.settle {
            $0.loopThreads == 0 && $0.threads <= baseline.threads && $0.fileDescriptors <= baseline.fileDescriptors
        }
        #expect(after.loopThreads == 0)
        #expect(after.threads - baseline.threads < 10, "baseline \(baseline), after \(after)")
        #expect(after.fileDescriptors - baseline.fileDescriptors < 10, "baseline \(baseline), after \(after)")
        #expect(NiceLogging.warningCount == warningsBefore, "GLib/libnice warnings were logged")
    }
}
