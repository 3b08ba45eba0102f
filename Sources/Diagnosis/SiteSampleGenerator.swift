import Foundation

/// Seeded synthetic agent reports for property tests and the `iceprobe site` benchmark: a mix
/// of sites, NAT types, blocked UDP, failing TURN transports and slow (Wi-Fi/VPN-like) agents,
/// each report built by `SiteSampleAgent` through the real evaluator. Same seed, same reports.
public struct SiteSampleGenerator: Sendable {
    private var state: UInt64
    public let sites: Int

    public init(seed: UInt64, sites: Int = 20) {
        state = seed
        self.sites = max(sites, 1)
    }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    private mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }

    /// The sample of agent `index` (site chosen at random; about 3 % of agents give no site).
    public mutating func agent(index: Int) -> SiteSampleAgent {
        let siteNumber = below(sites)
        let site: String? = unit() < 0.03 ? nil : "site-\(String(format: "%03d", siteNumber))"
        let slow = unit() < 0.05 ? 40 + unit() * 120 : 0
        let base: [(String, Double)] = [("jp1", 8 + Double(siteNumber % 7) * 3), ("us1", 145 + Double(siteNumber % 5) * 4),
                                        ("de1", 230 + Double(siteNumber % 3) * 5)]
        var rtts: [(region: String, samples: [Double])] = []
        for (region, rtt) in base {
            if unit() < 0.03 { rtts.append((region, [])); continue }
            var samples: [Double] = []
            for _ in 0..<10 where unit() > 0.01 { samples.append(rtt + slow + unit() * 4) }
            rtts.append((region, samples))
        }
        let natRoll = unit()
        let nat: SiteSampleAgent.Nat = natRoll < 0.55 ? .portRestricted : natRoll < 0.75 ? .symmetric
            : natRoll < 0.85 ? .fullCone : natRoll < 0.93 ? .udpBlocked : .notMeasured
        let turnRoll = unit()
        let turn: TurnTransportResults? = turnRoll < 0.7 ? TurnTransportResults(udp: true, tcp: true, tls: true)
            : turnRoll < 0.8 ? TurnTransportResults(udp: nat != .udpBlocked, tcp: true, tls: false,
                                                    failures: [TurnFailure(transport: "tls", error: "tls-name-mismatch")])
            : turnRoll < 0.9 ? TurnTransportResults(udp: false, tcp: false, tls: true,
                                                    failures: [TurnFailure(transport: "udp", error: "timeout"),
                                                               TurnFailure(transport: "tcp", error: "connection-refused")])
            : turnRoll < 0.95 ? TurnTransportResults(udp: false, tcp: false, tls: false,
                                                     failures: [TurnFailure(transport: "udp", error: "timeout"),
                                                                TurnFailure(transport: "tcp", error: "timeout"),
                                                                TurnFailure(transport: "tls", error: "timeout")])
            : nil
        let start = Date(timeIntervalSince1970: 1_780_000_000 + Double(below(86_400)))
        return SiteSampleAgent(site: site, agent: unit() < 0.01 ? nil : "agent-\(String(format: "%05d", index))",
                               startedAt: start, durationMs: 3000 + unit() * 2000, rttSamples: rtts, nat: nat,
                               localIP: "10.\(siteNumber % 250).\(index / 250 % 250).\(index % 250 + 1)",
                               publicIP: "198.51.100.\(siteNumber % 250 + 1)", turn: turn,
                               ipv6Available: unit() < 0.2)
    }

    /// `count` reports in order.
    public mutating func reports(_ count: Int) -> [CheckReport] {
        (0..<max(count, 0)).map { agent(index: $0).report() }
    }
}
