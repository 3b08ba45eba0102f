import Foundation
import Testing
@testable import Lab

/// Root tests: per-direction impairments act on their own direction only, and `rateKbit` holds
/// the configured rate. Each builds a lab of unNATed sites (no region, so no coturn), measures
/// between clients with sockets opened in their namespaces (`NamespaceSocket`), and removes the
/// lab, also on failure. Each test takes under 15 s.
@Suite(.serialized, .enabled(if: LabTestSupport.enabled, "needs root, lab tools and a built iceprobe"))
struct LinkDirectionTests {
    /// Builds `yaml`'s lab, runs `body`, tears the lab down whatever happens.
    func withLab(_ yaml: String, _ body: (LabBuilder, LabState) throws -> Void) throws {
        let executable = try #require(LabTestSupport.iceprobeExecutable)
        let builder = LabBuilder(scenario: try LabTestSupport.scenario(yaml), iceprobeExecutable: executable)
        let state = try builder.up()
        defer { #expect(LabTeardown.tearDown(state).isEmpty) }
        try body(builder, state)
    }

    /// Client `index` of site `site`: its namespace and address.
    func client(_ builder: LabBuilder, _ state: LabState, site: Int) throws -> (namespace: String, address: UInt32) {
        let spec = builder.scenario.sites[site]
        let name = try #require(spec.clients.first)
        return (try #require(state.clients[name]), builder.addressing.clientAddress(spec, clientIndex: 0))
    }

    static func text(_ stats: (min: Double, median: Double, max: Double)) -> String {
        String(format: "min %.2f median %.2f max %.2f ms", stats.min, stats.median, stats.max)
    }

    static func summary(_ values: [Double]) -> (min: Double, median: Double, max: Double) {
        let sorted = values.sorted()
        guard let first = sorted.first, let last = sorted.last else { return (0, 0, 0) }
        return (first, sorted[sorted.count / 2], last)
    }

    /// Outbound 40 ms, inbound nothing: a datagram leaving the site takes ~40 ms, one arriving ~0.
    @Test func outboundDelayDelaysOnlyOutboundPackets() throws {
        if let reason = LabTestSupport.missingPrerequisite { Issue.record("prerequisite missing: \(reason)"); return }
        try withLab("""
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
        """) { builder, state in
            #expect(state.processes.filter { $0.role.hasPrefix("impair-") }.map(\.role) == ["impair-site-slow-outbound"])
            let slow = try client(builder, state, site: 0)
            let plain = try client(builder, state, site: 1)
            let a = try NamespaceSocket.udp(namespace: slow.namespace, port: 40_001)
            defer { a.close() }
            let b = try NamespaceSocket.udp(namespace: plain.namespace, port: 40_002)
            defer { b.close() }
            // Warm up (neighbour resolution on both links), then measure.
            _ = a.oneWayDelays(to: b, address: plain.address, port: 40_002, count: 1)
            _ = b.oneWayDelays(to: a, address: slow.address, port: 40_001, count: 1)
            let out = a.oneWayDelays(to: b, address: plain.address, port: 40_002, count: 15)
            let back = b.oneWayDelays(to: a, address: slow.address, port: 40_001, count: 15)
            let outStats = Self.summary(out), backStats = Self.summary(back)
            print("LabTests: outbound 40 ms / inbound 0: out \(Self.text(outStats)); back \(Self.text(backStats))")
            #expect(out.count == 15, "outbound datagrams lost: \(out)")
            #expect(back.count == 15, "inbound datagrams lost: \(back)")
            #expect(outStats.min >= 39.5, "an outbound datagram faster than its delay: \(out)")
            #expect(outStats.median <= 45, "outbound one-way delays \(out)")
            #expect(backStats.median <= 5, "inbound one-way delays \(back)")
            #expect(backStats.max < 20, "an inbound datagram was delayed: \(back)")
        }
    }

    /// Shared delay with an inbound override: each direction gets its own value (20 out, 5 in).
    @Test func sharedDelayWithAnInboundOverride() throws {
        if let reason = LabTestSupport.missingPrerequisite { Issue.record("prerequisite missing: \(reason)"); return }
        try withLab("""
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
        """) { builder, state in
            let slow = try client(builder, state, site: 0)
            let plain = try client(builder, state, site: 1)
            let a = try NamespaceSocket.udp(namespace: slow.namespace, port: 40_011)
            defer { a.close() }
            let b = try NamespaceSocket.udp(namespace: plain.namespace, port: 40_012)
            defer { b.close() }
            _ = a.oneWayDelays(to: b, address: plain.address, port: 40_012, count: 1)
            let out = Self.summary(a.oneWayDelays(to: b, address: plain.address, port: 40_012, count: 10))
            let back = Self.summary(b.oneWayDelays(to: a, address: slow.address, port: 40_011, count: 10))
            print("LabTests: delay 20 ms, inbound 5 ms: out \(Self.text(out)); back \(Self.text(back))")
            #expect(out.min >= 19.5 && out.median <= 25, "outbound \(out)")
            #expect(back.min >= 4.5 && back.median <= 10, "inbound \(back)")
        }
    }

    /// `rateKbit` per direction (outbound 1000, inbound 4000 kbit/s): a 12 Mbit/s UDP burst of
    /// 1.5 s arrives at the configured rate +/-15 %; between unshaped sites it arrives far faster.
    @Test func rateLimitHoldsPerDirection() throws {
        if let reason = LabTestSupport.missingPrerequisite { Issue.record("prerequisite missing: \(reason)"); return }
        try withLab("""
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
        """) { builder, state in
            let slow = try client(builder, state, site: 0)
            let plain = try client(builder, state, site: 1)
            let other = try client(builder, state, site: 2)
            let a = try NamespaceSocket.udp(namespace: slow.namespace, port: 40_021)
            defer { a.close() }
            let b = try NamespaceSocket.udp(namespace: plain.namespace, port: 40_022)
            defer { b.close() }
            let c = try NamespaceSocket.udp(namespace: other.namespace, port: 40_023)
            defer { c.close() }
            let offered = 12_000.0
            let out = a.burstThroughput(to: b, address: plain.address, port: 40_022, offeredKbit: offered, seconds: 1.5)
            let into = b.burstThroughput(to: a, address: slow.address, port: 40_021, offeredKbit: offered, seconds: 1.5)
            let free = c.burstThroughput(to: b, address: plain.address, port: 40_022, offeredKbit: offered, seconds: 1.5)
            func line(_ name: String, _ result: (kbit: Double, packets: Int, sent: Int)) -> String {
                "\(name) \(String(format: "%.0f", result.kbit)) kbit/s (\(result.packets)/\(result.sent) datagrams)"
            }
            print("LabTests: 12 Mbit/s offered for 1.5 s: \(line("outbound (rateKbit 1000)", out)); \(line("inbound (rateKbit 4000)", into)); \(line("unshaped", free))")
            #expect(out.kbit >= 850 && out.kbit <= 1150, "outbound: \(out)")
            #expect(into.kbit >= 3400 && into.kbit <= 4600, "inbound: \(into)")
            #expect(free.kbit >= 8000, "unshaped path should carry most of the 12 Mbit/s offered: \(free)")
        }
    }
}
