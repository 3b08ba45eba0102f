import Foundation
import Testing
@testable import Lab

/// Root tests: per-direction impairments act on their own direction only, and `rateKbit` holds
/// the configured rate. Each builds a lab of unNATed sites (no region, so no coturn), measures
/// between clients with sockets opened in their namespaces (`NamespaceSocket`), and removes the
/// lab, also on failure. Blocking work (build, measurement, teardown) runs off the cooperative
/// pool. Each test takes under 15 s (about 1.5, 1.2 and 6.3 s measured).
@Suite(.serialized, .enabled(if: LabTestSupport.enabled, "needs root, lab tools and a built iceprobe"))
struct LinkDirectionTests {
    /// One client per site: the namespace and address of the first client of site `index`.
    struct Client: Sendable {
        var namespace: String
        var address: UInt32
    }

    static func clients(_ scenario: Scenario, _ state: LabState) throws -> [Client] {
        let addressing = LabAddressing(prefix: state.prefix, scenario: scenario)
        return try scenario.sites.map { site in
            let name = try #require(site.clients.first)
            return Client(namespace: try #require(state.clients[name]),
                          address: addressing.clientAddress(site, clientIndex: 0))
        }
    }

    struct Stats: Sendable, CustomStringConvertible {
        var min = 0.0, median = 0.0, max = 0.0, count = 0

        init(_ values: [Double]) {
            let sorted = values.sorted()
            guard let first = sorted.first, let last = sorted.last else { return }
            (min, median, max, count) = (first, sorted[sorted.count / 2], last, sorted.count)
        }

        var description: String { String(format: "min %.2f median %.2f max %.2f ms (%d)", min, median, max, count) }
    }

    /// One-way delays out of site 0 to site 1 and back, `count` each way, after one warm-up
    /// datagram each way (neighbour resolution).
    static func delays(between a: Client, and b: Client, ports: (UInt16, UInt16), count: Int) throws -> (out: Stats, back: Stats) {
        let socketA = try NamespaceSocket.udp(namespace: a.namespace, port: ports.0)
        defer { socketA.close() }
        let socketB = try NamespaceSocket.udp(namespace: b.namespace, port: ports.1)
        defer { socketB.close() }
        _ = socketA.oneWayDelays(to: socketB, address: b.address, port: ports.1, count: 1)
        _ = socketB.oneWayDelays(to: socketA, address: a.address, port: ports.0, count: 1)
        let out = socketA.oneWayDelays(to: socketB, address: b.address, port: ports.1, count: count)
        let back = socketB.oneWayDelays(to: socketA, address: a.address, port: ports.0, count: count)
        return (Stats(out), Stats(back))
    }

    /// Outbound 40 ms, inbound nothing: a datagram leaving the site takes ~40 ms, one arriving ~0.
    @Test func outboundDelayDelaysOnlyOutboundPackets() async throws {
        if let reason = LabTestSupport.missingPrerequisite { Issue.record("prerequisite missing: \(reason)"); return }
        let executable = try #require(LabTestSupport.iceprobeExecutable)
        let scenario = try LabTestSupport.scenario("""
        name: one-way
        regions: []
        sites:
          - name: slow
            lan: 10.71.0.0/24
            nat: none
            impair: {outbound: {delayMs: 40}}
            clients: [pc1]
          - name: plain
            lan: 10.72.0.0/24
            nat: none
            clients: [pc2]
        probes: []
        """)
        try await LabTestSupport.withLab(scenario, executable: executable) { state in
            #expect(state.processes.filter { $0.role.hasPrefix("impair-") }.map(\.role) == ["impair-site-slow-outbound"])
            let clients = try Self.clients(scenario, state)
            let (out, back) = try await LabTestSupport.offPool {
                try Self.delays(between: clients[0], and: clients[1], ports: (40_001, 40_002), count: 15)
            }
            print("LabTests: outbound 40 ms / inbound 0: out \(out); back \(back)")
            #expect(out.count == 15, "outbound datagrams lost: \(out)")
            #expect(back.count == 15, "inbound datagrams lost: \(back)")
            #expect(out.min >= 39.5, "an outbound datagram faster than its delay: \(out)")
            #expect(out.median <= 45, "outbound one-way delays \(out)")
            #expect(back.median <= 5, "inbound one-way delays \(back)")
            #expect(back.max < 20, "an inbound datagram was delayed: \(back)")
        }
    }

    /// Shared delay with an inbound override: each direction gets its own value (20 out, 5 in).
    @Test func sharedDelayWithAnInboundOverride() async throws {
        if let reason = LabTestSupport.missingPrerequisite { Issue.record("prerequisite missing: \(reason)"); return }
        let executable = try #require(LabTestSupport.iceprobeExecutable)
        let scenario = try LabTestSupport.scenario("""
        name: override
        regions: []
        sites:
          - name: slow
            lan: 10.76.0.0/24
            nat: none
            impair: {delayMs: 20, inbound: {delayMs: 5}}
            clients: [pc1]
          - name: plain
            lan: 10.77.0.0/24
            nat: none
            clients: [pc2]
        probes: []
        """)
        try await LabTestSupport.withLab(scenario, executable: executable) { state in
            let clients = try Self.clients(scenario, state)
            let (out, back) = try await LabTestSupport.offPool {
                try Self.delays(between: clients[0], and: clients[1], ports: (40_011, 40_012), count: 10)
            }
            print("LabTests: delay 20 ms, inbound 5 ms: out \(out); back \(back)")
            #expect(out.count == 10 && back.count == 10, "datagrams lost: out \(out), back \(back)")
            #expect(out.min >= 19.5 && out.median <= 25, "outbound \(out)")
            #expect(back.min >= 4.5 && back.median <= 10, "inbound \(back)")
        }
    }

    /// `rateKbit` per direction (outbound 1000, inbound 4000 kbit/s): a 12 Mbit/s UDP burst of
    /// 1.5 s arrives at the configured rate +/-15 %; between unshaped sites it arrives far faster.
    @Test func rateLimitHoldsPerDirection() async throws {
        if let reason = LabTestSupport.missingPrerequisite { Issue.record("prerequisite missing: \(reason)"); return }
        let executable = try #require(LabTestSupport.iceprobeExecutable)
        let scenario = try LabTestSupport.scenario("""
        name: rates
        regions: []
        sites:
          - name: slow
            lan: 10.73.0.0/24
            nat: none
            impair: {outbound: {rateKbit: 1000}, inbound: {rateKbit: 4000}}
            clients: [pc1]
          - name: plain
            lan: 10.74.0.0/24
            nat: none
            clients: [pc2]
          - name: other
            lan: 10.75.0.0/24
            nat: none
            clients: [pc3]
        probes: []
        """)
        try await LabTestSupport.withLab(scenario, executable: executable) { state in
            let clients = try Self.clients(scenario, state)
            let (out, into, free) = try await LabTestSupport.offPool {
                () throws -> (NamespaceSocket.Throughput, NamespaceSocket.Throughput, NamespaceSocket.Throughput) in
                let a = try NamespaceSocket.udp(namespace: clients[0].namespace, port: 40_021)
                defer { a.close() }
                let b = try NamespaceSocket.udp(namespace: clients[1].namespace, port: 40_022)
                defer { b.close() }
                let c = try NamespaceSocket.udp(namespace: clients[2].namespace, port: 40_023)
                defer { c.close() }
                let offered = 12_000.0
                return (a.burstThroughput(to: b, address: clients[1].address, port: 40_022, offeredKbit: offered, seconds: 1.5),
                        b.burstThroughput(to: a, address: clients[0].address, port: 40_021, offeredKbit: offered, seconds: 1.5),
                        c.burstThroughput(to: b, address: clients[1].address, port: 40_022, offeredKbit: offered, seconds: 1.5))
            }
            print("LabTests: 12 Mbit/s offered for 1.5 s: outbound (rateKbit 1000) \(out); inbound (rateKbit 4000) \(into); unshaped \(free)")
            #expect(out.finished && into.finished && free.finished, "a receiver overran its bound")
            #expect(out.kbit >= 850 && out.kbit <= 1150, "outbound: \(out)")
            #expect(into.kbit >= 3400 && into.kbit <= 4600, "inbound: \(into)")
            #expect(free.kbit >= 8000, "unshaped path should carry most of the 12 Mbit/s offered: \(free)")
        }
    }
}
