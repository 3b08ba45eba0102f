import Testing
import ProbeTransport
import StunWire
@testable import Probes

/// Server resolution for `iceprobe nat` (no network: literals only, and one name that cannot
/// resolve). Regression for a release-build fault found on the lab: every IP literal of exactly
/// 11 characters ("203.0.113.2", "10.10.10.10") came back "dns: not resolved" from the optimized
/// binary while the debug one worked. Run these with `-c release` too to cover that build.
struct NatResolveTests {
    static let literals = ["203.0.113.2", "10.10.10.10", "11.11.11.11", "203.0.113.18", "1.2.3.4",
                           "127.0.0.1", "10.0.0.100", "198.51.100.7", "2001:db8::1"]

    @Test("every IP literal resolves to itself, whatever its length", arguments: literals)
    func literalResolves(_ host: String) async throws {
        let clock = SystemClock()
        let uri = ServerURI(scheme: .stun, host: host, port: 3478)
        let (resolved, results) = await NatProbe.resolve([uri], deadline: clock.now.addingSaturating(Nanoseconds.milliseconds(500)),
                                                         clock: clock)
        let ip = try #require(IPAddress(host))
        #expect(resolved.map(\.address) == [TransportAddress(ip: ip, port: 3478)])
        #expect(results.count == 1)
        #expect(results.first?.error == nil, "error: \(results.first?.error ?? "")")
        #expect(results.first?.address == TransportAddress(ip: ip, port: 3478).description)
    }

    @Test("several servers keep their order and the first one's family")
    func severalServers() async {
        let clock = SystemClock()
        let uris = ["203.0.113.2", "192.0.2.10", "2001:db8::1", "10.10.10.10"].map { ServerURI(scheme: .stun, host: $0, port: 3478) }
        let (resolved, results) = await NatProbe.resolve(uris, deadline: clock.now.addingSaturating(Nanoseconds.milliseconds(500)),
                                                         clock: clock)
        #expect(resolved.map(\.address.description) == ["203.0.113.2:3478", "192.0.2.10:3478", "10.10.10.10:3478"])
        #expect(results.map(\.address) == ["203.0.113.2:3478", "192.0.2.10:3478", nil, "10.10.10.10:3478"])
        #expect(results[2].error?.contains("first server's family") == true)
    }

    @Test("an unresolvable name is reported with the DNS error, the others still resolve")
    func unresolvableName() async {
        let clock = SystemClock()
        // RFC 6761: names under .invalid never resolve.
        let uris = [ServerURI(scheme: .stun, host: "nat-test.invalid", port: 3478), ServerURI(scheme: .stun, host: "203.0.113.2", port: 3478)]
        let (resolved, results) = await NatProbe.resolve(uris, deadline: clock.now.addingSaturating(Nanoseconds.milliseconds(3_000)),
                                                         clock: clock)
        #expect(resolved.map(\.address.description) == ["203.0.113.2:3478"])
        #expect(results[0].address == nil)
        #expect(results[0].error?.hasPrefix("dns") == true, "error: \(results[0].error ?? "nil")")
        #expect(results[1].error == nil)
    }
}
