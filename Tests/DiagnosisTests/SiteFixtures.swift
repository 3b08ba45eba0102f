import Foundation
@testable import Diagnosis

/// The synthetic agent runs behind the site golden files (the lab ones are real check reports
/// under `Fixtures/site/lab`, from `Benchmarks/site/lab-fixtures.sh`). These describe cases the
/// lab rollup does not cover: a Japanese office near jp1 with a us1 queue, one agent on slow
/// Wi-Fi, one on a VPN, a branch whose firewall blocked UDP and whose TLS inspection broke TURN
/// over TLS before a fix. They are turned into reports by the real classifier and evaluator and
/// stored as JSON under `Fixtures/site/`; `SiteRollupTests.storedFixturesComeFromTheCurrentEvaluator`
/// fails when the stored JSON is not what the current evaluator makes of these descriptions
/// (rewrite with `ICEPROBE_UPDATE_GOLDEN=1 ICEPROBE_UPDATE_SITE_FIXTURES=1` and review the diff).
enum SiteFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("site")

    /// Deterministic samples around `base` ms (ten, one late outlier-ish sample).
    static func samples(_ base: Double, spread: Double = 1) -> [Double] {
        [0.3, -0.2, 0.1, 0.9, -0.1, 0.4, 0.0, 2.1, 0.2, -0.3].map { ((base + $0 * spread) * 10).rounded() / 10 }
    }

    static func time(_ minutes: Double) -> Date { Date(timeIntervalSince1970: 1_780_000_000 + minutes * 60) }

    static func tokyo(_ name: String, at minutes: Double, jp1: Double = 10.8, us1: Double = 149.6, de1: Double = 236.0,
                      spread: Double = 1, nat: SiteSampleAgent.Nat = .portRestricted, publicIP: String = "203.0.113.5",
                      turn: TurnTransportResults = TurnTransportResults(udp: true, tcp: true, tls: true),
                      ipv6: Bool = false, site: String? = "tokyo-office") -> SiteSampleAgent {
        SiteSampleAgent(site: site, agent: name, startedAt: time(minutes), durationMs: 4100 + minutes,
                        rttSamples: [("jp1", samples(jp1, spread: spread)), ("us1", samples(us1, spread: spread)),
                                     ("de1", samples(de1, spread: spread))],
                        nat: nat, localIP: "10.20.0.\(10 + Int(minutes) % 200)", publicIP: publicIP, turn: turn,
                        ipv6Available: ipv6)
    }

    static func osaka(_ name: String, at minutes: Double, udpBlocked: Bool) -> SiteSampleAgent {
        SiteSampleAgent(site: "osaka-branch", agent: name, startedAt: time(minutes), durationMs: 4800,
                        rttSamples: [("jp1", samples(14.2)), ("us1", samples(156.4)), ("de1", samples(241.0))],
                        nat: udpBlocked ? .udpBlocked : .symmetric, localIP: "10.30.0.\(Int(minutes) % 200 + 20)",
                        publicIP: "198.51.100.20",
                        turn: udpBlocked ? TurnTransportResults(udp: false, tcp: false, tls: false,
                                                                failures: [TurnFailure(transport: "udp", error: "timeout"),
                                                                           TurnFailure(transport: "tcp", error: "timeout"),
                                                                           TurnFailure(transport: "tls", error: "tls-untrusted-certificate")])
                            : TurnTransportResults(udp: true, tcp: true, tls: true),
                        ipv6Available: false)
    }

    /// The current run: tokyo-office (6 agents, 7 reports), osaka-branch after the firewall fix,
    /// and one kiosk without a site.
    static func current() -> [(file: String, agent: SiteSampleAgent)] {
        [
            ("tokyo/pc-01.json", tokyo("pc-01", at: 60)),
            ("tokyo/pc-02-first.json", tokyo("pc-02", at: 10, nat: .udpBlocked,
                                             turn: TurnTransportResults(udp: false, tcp: true, tls: true,
                                                                        failures: [TurnFailure(transport: "udp", error: "timeout")]))),
            ("tokyo/pc-02.json", tokyo("pc-02", at: 62, jp1: 11.2, nat: .fullCone, ipv6: true)),
            ("tokyo/pc-03.json", tokyo("pc-03", at: 64, jp1: 10.1, nat: .symmetric)),
            ("tokyo/pc-04-wifi.json", tokyo("pc-04", at: 66, jp1: 47.9, us1: 188.2, de1: 276.5, spread: 12)),
            ("tokyo/pc-05-vpn.json", tokyo("pc-05", at: 68, jp1: 163.0, us1: 21.4, de1: 96.3, publicIP: "198.51.100.77")),
            ("tokyo/pc-06.json", tokyo("pc-06", at: 70, jp1: 11.5,
                                       turn: TurnTransportResults(udp: true, tcp: true, tls: false,
                                                                  failures: [TurnFailure(transport: "tls", error: "tls-name-mismatch")]))),
            ("osaka/os-01.json", osaka("os-01", at: 120, udpBlocked: false)),
            ("osaka/os-02.json", osaka("os-02", at: 121, udpBlocked: false)),
            ("osaka/os-03.json", osaka("os-03", at: 122, udpBlocked: false)),
            ("osaka/os-04.json", osaka("os-04", at: 123, udpBlocked: false)),
            ("kiosk.json", tokyo("kiosk-1", at: 90, jp1: 12.4, publicIP: "192.0.2.44", site: nil)),
        ]
    }

    /// The earlier run: osaka-branch before the firewall fix (UDP blocked and TURN over TLS broken
    /// by TLS inspection on 3 of 4 agents: nothing carried media),
    /// tokyo-office before pc-04 moved to Wi-Fi and before pc-06 was checked.
    static func baseline() -> [(file: String, agent: SiteSampleAgent)] {
        [
            ("tokyo/pc-01.json", tokyo("pc-01", at: -1440)),
            ("tokyo/pc-02.json", tokyo("pc-02", at: -1438, jp1: 11.0, nat: .fullCone, ipv6: true)),
            ("tokyo/pc-03.json", tokyo("pc-03", at: -1436, jp1: 10.3, nat: .symmetric)),
            ("tokyo/pc-04.json", tokyo("pc-04", at: -1434, jp1: 10.9)),
            ("tokyo/pc-05.json", tokyo("pc-05", at: -1432, jp1: 162.1, us1: 22.0, de1: 97.0, publicIP: "198.51.100.77")),
            ("osaka/os-01.json", osaka("os-01", at: -1320, udpBlocked: true)),
            ("osaka/os-02.json", osaka("os-02", at: -1319, udpBlocked: true)),
            ("osaka/os-03.json", osaka("os-03", at: -1318, udpBlocked: true)),
            ("osaka/os-04.json", osaka("os-04", at: -1317, udpBlocked: false)),
        ]
    }

    /// Reads every stored fixture report of a run (`current` or `baseline`) in path order.
    static func load(_ run: String) throws -> [CheckReport] {
        let root = directory.appendingPathComponent(run)
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: root.path) else { return [] }
        var paths: [String] = []
        while let item = walker.nextObject() as? String {
            if item.hasSuffix(".json") { paths.append(item) }
        }
        return try paths.sorted().map { try ReportJSON.decode(try Data(contentsOf: root.appendingPathComponent($0))) }
    }

    /// Writes the fixture JSON files from the descriptions above.
    static func write() throws {
        for (run, items) in [("current", current()), ("baseline", baseline())] {
            for item in items {
                let url = directory.appendingPathComponent(run).appendingPathComponent(item.file)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try ReportJSON.render(item.agent.report()).write(to: url, atomically: true, encoding: .utf8)
            }
        }
    }
}
