import Diagnosis
import Foundation
import Testing
@testable import Probes
import ProbeTransport
import Credentials

/// `iceprobe check` end to end against two real coturn servers on loopback standing in for two
/// regions: a complete report within the budget. Plus the binary: a nonexistent server name
/// gives not-ready (exit 1) within the budget, a bad profile exit 2 with its location.
/// Skipped (with the reason) without coturn, unless ICEPROBE_REQUIRE_INTEGRATION=1.
@Suite("check against coturn", .serialized,
       .enabled(if: TurnIntegration.enabled, "turnserver/openssl not installed (set ICEPROBE_REQUIRE_INTEGRATION=1 to fail instead)"))
struct CheckCoturnTests {
    static func profileJSON(_ first: TurnTestServer, _ second: TurnTestServer) throws -> String {
        func region(_ id: String, _ server: TurnTestServer) throws -> String {
            let tls = try #require(server.tlsPort)
            return """
            {"id": "\(id)", "name": "loopback \(id)", "stun": ["stun:127.0.0.1:\(server.port)"],
             "turn": ["turn:127.0.0.1:\(server.port)?transport=udp", "turn:127.0.0.1:\(server.port)?transport=tcp", "turns:127.0.0.1:\(tls)?transport=tcp"],
             "addressRanges": ["127.0.0.0/8"]}
            """
        }
        return """
        {"schemaVersion": 1, "name": "loopback", "homeRegion": "jp1", "queueRegion": "us1",
         "regions": [\(try region("jp1", first)), \(try region("us1", second))],
         "interRegionRttMs": {"jp1": {"us1": 150}},
         "credentials": {"source": "static", "username": "\(TurnTestServer.username)", "secretEnv": "CHECK_TEST_TURN_SECRET"}}
        """
    }

    @Test("two loopback regions: every section measured, within the 5 s budget")
    func completeReport() async throws {
        try await Coturn.withServer(.init(tlsNames: ["IP:127.0.0.1"])) { first in
            try await Coturn.withServer(.init(tlsNames: ["IP:127.0.0.1"])) { second in
                let profile = try ProfileParser.parse(Array(try Self.profileJSON(first, second).utf8), source: "test")
                let credential = TurnCredential(username: TurnTestServer.username, password: RedactedSecret(TurnTestServer.password))
                // Both servers' certificates come from different CAs: trust is tested in the binary test;
                // here TLS verification is skipped.
                let plan = try CheckPlanner.plan(profile: profile, options: CheckOptions(turnCredential: credential, insecure: true))
                let events = Locked<[CheckProgressEvent]>([])
                let clock = SystemClock()
                let start = clock.now
                let observations = await CheckRunner.run(plan, progress: { event in events.withLock { $0.append(event) } })
                let elapsedMs = Nanoseconds.toMilliseconds(clock.elapsed(since: start))
                #expect(elapsedMs < 5_000, "took \(elapsedMs) ms")
                #expect(observations.cancelled.isEmpty, "\(observations.cancelled)")

                let (report, facts) = CheckFactsBuilder.report(plan: plan, observations: observations, site: "lab", agent: "a1")
                #expect(report.regions.map(\.id) == ["jp1", "us1"])
                for region in report.regions {
                    #expect(region.reachable == true, "\(region)")
                    #expect(region.samplesSent == 10)
                    #expect(region.lossPercent == 0)
                    let rtt = try #require(region.rttMs)
                    #expect(rtt.min <= rtt.median && rtt.median <= rtt.p95 && rtt.p95 < 100)
                    #expect(region.jitterMs != nil)
                }
                #expect(report.nearestRegion != nil)
                #expect(report.udpReachable == true)
                #expect(report.dns == nil, "IP literals need no DNS")
                #expect(report.turn?.udp == true && report.turn?.tcp == true && report.turn?.tls == true, "\(String(describing: report.turn))")
                #expect(report.turn?.failures == [])
                // Home (jp1) and, when it is nearer, us1: 3 or 6 attempts, all relayed.
                #expect([3, 6].contains(observations.turn.count))
                #expect(report.nat != nil && report.nat?.udpBlocked == false && report.nat?.natDetected == false, "\(String(describing: report.nat))")
                let routing = try #require(report.routing)
                #expect(routing.paths.map(\.region) == ["jp1", "us1"])
                #expect(routing.interRegionRttMs == 150 && !routing.interRegionRttEstimated)
                #expect(routing.detourMs > 60 && routing.detourMs < 90, "loopback legs ~0 ms; the 150 ms inter-region leg adds ~75 ms one way: \(routing.detourMs)")
                #expect(report.candidates == nil, "gathering not injected here")
                #expect(report.verdict != .notReady, "\(report.findings)")
                #expect(facts.firewallRanges.contains("127.0.0.0/8"))
                #expect(report.durationMs < 5_000)
                // Progress: each started step finished.
                let seen = events.current
                let started = Set(seen.compactMap { if case .started(let step) = $0 { step } else { nil } })
                let finished = Set(seen.compactMap { if case .finished(let step, _) = $0 { step } else { nil } })
                #expect(started == finished && started.isSuperset(of: ["latency", "turn", "nat"]), "\(seen)")
                // Every allocation was released.
                #expect(await first.waitForDeletions(6), "coturn log: \(first.log.suffix(800))")

                let json = try ReportJSON.render(report)
                for key in ["schemaVersion", "verdict", "site", "agent", "startedAt", "durationMs", "regions", "nearestRegion",
                            "routing", "nat", "turn", "candidates", "findings"] {
                    #expect(json.contains("\"\(key)\""), "JSON misses \(key)")
                }
                #expect(!json.contains(TurnTestServer.password))
            }
        }
    }

    @Test("TURN from --ice-servers only: tested with the list's own credential; other transports not tested")
    func iceServersTurn() async throws {
        try await Coturn.withServer { server in
            let profile = Profile(name: "t", regions: [ProfileRegion(id: "lo", name: "lo", stun: ["stun:127.0.0.1:\(server.port)"])],
                                  homeRegion: "lo")
            let list = [IceServerEntry(urls: ["turn:127.0.0.1:\(server.port)?transport=udp"], username: TurnTestServer.username,
                                  credential: RedactedSecret(TurnTestServer.password))]
            let plan = try CheckPlanner.plan(profile: profile, options: CheckOptions(budgetSeconds: 3, iceServers: list, runGather: false))
            let observations = await CheckRunner.run(plan)
            let (report, _) = CheckFactsBuilder.report(plan: plan, observations: observations, site: nil, agent: nil)
            #expect(report.turn == TurnTransportResults(udp: true, tcp: nil, tls: nil, failures: []), "\(String(describing: report.turn))")
            #expect(report.regions.first?.reachable == true)
            #expect(report.durationMs < 3_000)
        }
    }

    @Test("the binary: complete JSON against coturn (exit 0), nonexistent name (exit 1 within budget), bad profile (exit 2)")
    func binary() async throws {
        let binary = try #require(IceprobeBinary.path, "iceprobe executable not found next to the test bundle")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iceprobe-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // A server name that cannot exist (RFC 6761 .invalid): DNS fails, not-ready, exit 1, fast.
        let nowhere = directory.appendingPathComponent("nowhere.json").path
        try """
        {"schemaVersion": 1, "name": "nowhere", "homeRegion": "a",
         "regions": [{"id": "a", "stun": ["stun:no-such-region.invalid:3478"], "turn": ["turn:no-such-region.invalid:3478"]}]}
        """.write(toFile: nowhere, atomically: true, encoding: .utf8)
        let clock = SystemClock()
        let start = clock.now
        let offline = try await Coturn.run(binary, ["check", "--profile", nowhere, "--budget", "2", "--format", "json", "--agent", "t"],
                                           timeoutSeconds: 15)
        let wallMs = Nanoseconds.toMilliseconds(clock.elapsed(since: start))
        #expect(offline.status == 1, "\(offline.output)")
        #expect(wallMs < 3_500, "a 2 s budget took \(wallMs) ms")
        let object = try Self.json(offline.output)
        #expect(object["verdict"] as? String == "not-ready")
        #expect(object["schemaVersion"] as? Int == 1)
        let ids = (object["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids.contains("dns-failure"), "\(ids)")
        #expect((object["durationMs"] as? Double).map { $0 <= 2_000 } == true)

        // Bad profile: exit 2 and the location.
        let broken = directory.appendingPathComponent("broken.json").path
        try "{\"schemaVersion\": 1,\n \"name\": \"b\",\n \"regions\": [{\"id\": \"a\", \"stun\": [\"http://x\"]}]}\n"
            .write(toFile: broken, atomically: true, encoding: .utf8)
        let bad = try await Coturn.run(binary, ["check", broken], timeoutSeconds: 15)
        #expect(bad.status == 2, "\(bad.output)")
        #expect(bad.output.contains("broken.json:3: regions[0].stun[0]"), "\(bad.output)")
        let unknown = try await Coturn.run(binary, ["check", "--profile", "no-such-profile"], timeoutSeconds: 15)
        #expect(unknown.status == 2 && unknown.output.contains("no profile of that name (known: generic, lab, twilio)"), "\(unknown.output)")
        let badBudget = try await Coturn.run(binary, ["check", "--budget", "0"], timeoutSeconds: 15)
        #expect(badBudget.status == 2, "\(badBudget.output)")

        // Against coturn: two regions on loopback, credential from the environment, TLS trusted by
        // CA file (both servers' self-signed certificates in one file), then the same check with no
        // trust at all: TLS fails verification and is named, the other transports still relay.
        try await Coturn.withServer(.init(tlsNames: ["IP:127.0.0.1"])) { first in
            try await Coturn.withServer(.init(tlsNames: ["IP:127.0.0.1"])) { second in
                let profile = directory.appendingPathComponent("loopback.json").path
                try Self.profileJSON(first, second).write(toFile: profile, atomically: true, encoding: .utf8)
                let caFile = directory.appendingPathComponent("both-ca.pem").path
                let pems = try [first.caFile, second.caFile].map { try String(contentsOfFile: try #require($0), encoding: .utf8) }
                try pems.joined(separator: "\n").write(toFile: caFile, atomically: true, encoding: .utf8)
                // The secret goes through the environment, never on the command line.
                let run = try await Coturn.run(binary, ["check", profile, "--format", "json", "--no-gather", "--ca-file", caFile,
                                                        "--site", "s1", "--agent", "a1", "--out", directory.appendingPathComponent("r.json").path],
                                               environment: ["CHECK_TEST_TURN_SECRET": TurnTestServer.password], timeoutSeconds: 20)
                #expect(run.status == 0 || run.status == 1, "\(run.output)")
                #expect(!run.output.contains(TurnTestServer.password))
                let written = try String(contentsOf: directory.appendingPathComponent("r.json"), encoding: .utf8)
                #expect(!written.contains(TurnTestServer.password))
                let report = try ReportJSON.decode(Data(written.utf8))
                #expect(report.site == "s1" && report.agent == "a1")
                #expect(report.regions.allSatisfy { $0.reachable == true })
                #expect(report.turn?.udp == true && report.turn?.tcp == true && report.turn?.tls == true, "\(written)")
                #expect(!report.findings.contains { $0.id == .turnTlsFailed }, "\(written)")
                #expect(report.routing != nil)
                #expect(report.durationMs < 5_000)
                #expect(run.status == (report.verdict == .notReady ? 1 : 0))

                // No --ca-file and no --insecure: the self-signed certificates fail verification.
                let untrusted = try await Coturn.run(binary, ["check", profile, "--format", "json", "--no-gather"],
                                                     environment: ["CHECK_TEST_TURN_SECRET": TurnTestServer.password], timeoutSeconds: 20)
                let strict = try ReportJSON.decode(Data(String(untrusted.output[try #require(untrusted.output.firstIndex(of: "{"))...]).utf8))
                #expect(strict.turn?.udp == true && strict.turn?.tcp == true && strict.turn?.tls == false, "\(untrusted.output)")
                #expect(strict.turn?.failures.first { $0.transport == "tls" }?.error == "tls-untrusted-certificate", "\(untrusted.output)")
                let tlsFinding = strict.findings.first { $0.id == .turnTlsFailed }
                #expect(tlsFinding?.severity == .info && tlsFinding?.message.contains("tls-untrusted-certificate") == true,
                        "\(strict.findings)")
                #expect(strict.verdict != .notReady, "UDP and TCP relays work: \(untrusted.output)")
                #expect(untrusted.status == 0, "\(untrusted.output)")
            }
        }
    }

    static func json(_ output: String) throws -> [String: Any] {
        let start = try #require(output.firstIndex(of: "{"), "no JSON in: \(output)")
        let data = Data(output[start...].utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
