import Foundation
import Testing
@testable import Diagnosis

private func samples(_ method: RegionLatencyMethod, _ rtts: [Double], sent: Int = 10, error: String? = nil) -> LatencyMethodSamples {
    var answered = [Bool](repeating: false, count: sent)
    for index in 0..<min(rtts.count, sent) { answered[index] = true }
    return LatencyMethodSamples(method: method, target: "\(method.rawValue)-target", rttSamplesMs: rtts, sent: sent,
                                answered: answered, spacingMs: 50, error: rtts.isEmpty ? error : nil)
}

private let tens = [10.2, 10.4, 10.3, 10.9, 10.1]

/// The choice between latency methods, the unverified-target rule, and what the evaluator says.
struct RegionLatencyMethodTests {
    @Test("STUN over UDP wins whenever it answered, whatever else answered")
    func udpFirst() {
        let result = RegionLatencyChooser.choose(region: "jp1", tried: [
            samples(.tcpConnect, [9.0, 9.1]), samples(.stunTls, [11, 11]), samples(.stunUdp, tens),
        ])
        #expect(result.method == .stunUdp)
        #expect(result.reachable == true)
        #expect(result.rttMs?.median == 10.3)
        #expect(result.methods?.map(\.method) == [.stunUdp, .stunTls, .tcpConnect])
        #expect(result.methods?.allSatisfy { $0.error == nil } == true)
    }

    @Test("UDP and TCP 3478 silent: STUN over TLS times the region, and the failures say why")
    func fallbackOrder() {
        let result = RegionLatencyChooser.choose(region: "us1", tried: [
            samples(.stunUdp, [], error: "timeout"), samples(.stunTcp, [], sent: 1, error: "timeout"),
            samples(.tlsHandshake, [161, 162]), samples(.stunTls, [160.5, 160.4, 160.6]), samples(.tcpConnect, [160.2, 160.3]),
        ])
        #expect(result.method == .stunTls)
        #expect(result.reachable == true)
        #expect(result.rttMs?.median == 160.5)
        #expect(result.lossPercent == 70)    // 3 of 10 STUN/TLS requests answered in this table
        #expect(result.methods?.map(\.method) == [.stunUdp, .stunTcp, .stunTls, .tcpConnect, .tlsHandshake])
        #expect(result.methods?[0].error == "timeout" && result.methods?[1].error == "timeout")
        #expect(result.methods?[1].sent == 1)
    }

    @Test("only the TLS handshake answered: it is used")
    func tlsHandshakeLast() {
        let result = RegionLatencyChooser.choose(region: "a", tried: [
            samples(.tcpConnect, [], error: "refused"), samples(.tlsHandshake, [30, 31]),
        ])
        #expect(result.method == .tlsHandshake)
        #expect(result.methods?.first?.error == "refused")
    }

    @Test("a verified region silent on every method is unreachable; the evaluator names each method's failure")
    func verifiedSilent() {
        let silent = RegionLatencyChooser.choose(region: "us1", tried: [
            samples(.stunUdp, [], error: "timeout"), samples(.tcpConnect, [], error: "refused"),
        ], verified: true)
        #expect(silent.reachable == false)
        #expect(silent.method == nil)
        #expect(silent.lossPercent == 100)
        let home = RegionLatencyChooser.choose(region: "jp1", tried: [samples(.stunUdp, tens)])
        let assessment = ReadinessEvaluator.evaluate(ReadinessFacts(udpReachable: true, regions: [home, silent], homeRegion: "jp1"))
        let finding = assessment.findings.first { $0.id == .regionUnreachable }
        #expect(finding?.severity == .warning)
        #expect(finding?.message.contains("stun-udp: timeout") == true)
        #expect(finding?.message.contains("tcp-connect: refused") == true)
    }

    @Test("an unverified region silent on every method is not measured, with a note; never a failure or not-ready")
    func unverifiedSilent() {
        let tried = [samples(.tcpConnect, [], error: "timeout"), samples(.tlsHandshake, [], error: "timeout")]
        let regions = ["jp1", "us1"].map { RegionLatencyChooser.choose(region: $0, tried: tried, verified: false) }
        #expect(regions.allSatisfy { $0.reachable == nil && $0.rttMs == nil && $0.note != nil })
        #expect(regions[0].methods?.count == 2)
        let assessment = ReadinessEvaluator.evaluate(ReadinessFacts(udpReachable: true, regions: regions, homeRegion: "jp1",
                                                                    dns: DnsFacts(resolved: ["a"], failed: []), ipv6Available: true))
        #expect(!assessment.findings.contains { $0.id == .regionUnreachable })
        #expect(assessment.findings.filter { $0.id == .regionUnverifiedSilent }.map(\.severity) == [.info, .info])
        #expect(assessment.verdict == .ready)
        #expect(assessment.nearestRegion == nil)
    }

    @Test("an unverified region that answers is measured like any other")
    func unverifiedAnswers() {
        let result = RegionLatencyChooser.choose(region: "jp1", tried: [samples(.tcpConnect, [40, 41])], verified: false)
        #expect(result.reachable == true && result.method == .tcpConnect && result.note == nil)
    }

    @Test("no method tried: not measured, without a note")
    func nothingTried() {
        let result = RegionLatencyChooser.choose(region: "in1", tried: [], verified: false)
        #expect(result.reachable == nil && result.methods == nil && result.note == nil)
    }

    @Test("methods and note survive the report's JSON; reports from before decode with nil")
    func codable() throws {
        let result = RegionLatencyChooser.choose(region: "us1", tried: [samples(.stunUdp, [], error: "timeout"), samples(.stunTls, tens)])
        let data = try JSONEncoder().encode(result)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"method\":\"stun-tls\""))
        #expect(try JSONDecoder().decode(RegionResult.self, from: data) == result)
        let old = #"{"id": "jp1", "rttMs": null, "jitterMs": null, "lossPercent": null, "reachable": null, "samplesSent": null}"#
        let decoded = try JSONDecoder().decode(RegionResult.self, from: Data(old.utf8))
        #expect(decoded.method == nil && decoded.methods == nil && decoded.note == nil)
    }

    @Test("latency targets: tcp:/tls: host:port, IPv6 in brackets, tls: defaults to 443; bad ones say why")
    func latencyTargets() throws {
        #expect(try LatencyTarget.parse("tls:voice-js.tokyo.twilio.com:443").get() == LatencyTarget(kind: .tls, host: "voice-js.tokyo.twilio.com", port: 443))
        #expect(try LatencyTarget.parse("tls:edge.example").get().port == 443)
        #expect(try LatencyTarget.parse("tcp:192.0.2.1:8443").get() == LatencyTarget(kind: .tcp, host: "192.0.2.1", port: 8443))
        #expect(try LatencyTarget.parse("tcp:[2001:db8::1]:443").get().host == "2001:db8::1")
        #expect(try LatencyTarget.parse("tcp:[2001:db8::1]:443").get().description == "tcp:[2001:db8::1]:443")
        for bad in ["udp:x:1", "tcp:x", "tcp:x:0", "tcp:x:70000", "tls:", "tls:a b:443", "tcp:a:b:c", "tcp:[2001:db8::1:443", "tls:[xyz]:443", "tls:a..b:443"] {
            guard case .failure(let error) = LatencyTarget.parse(bad) else {
                Issue.record("'\(bad)' parsed")
                continue
            }
            #expect(!error.message.isEmpty)
        }
    }

    @Test("IPv4 ranges: CIDR, a-b ranges, single addresses; anything else matches nothing")
    func ranges() {
        #expect(IPv4RangeMatcher.contains("13.115.244.0-13.115.244.31", "13.115.244.31"))
        #expect(!IPv4RangeMatcher.contains("13.115.244.0-13.115.244.31", "13.115.244.32"))
        #expect(IPv4RangeMatcher.contains("168.86.128.0/18", "168.86.191.255"))
        #expect(!IPv4RangeMatcher.contains("168.86.128.0/18", "168.86.192.0"))
        #expect(IPv4RangeMatcher.contains("0.0.0.0/0", "8.8.8.8"))
        #expect(IPv4RangeMatcher.contains("192.0.2.1", "192.0.2.1"))
        #expect(!IPv4RangeMatcher.contains("2001:db8::/32", "2001:db8::1"))
        #expect(!IPv4RangeMatcher.contains("10.0.0.0/8", "not-an-ip"))
    }
}

struct UdpReachabilityTests {
    @Test("UDP reachability from the regions' STUN/UDP attempts; unverified silence proves nothing")
    func rule() {
        #expect(RegionLatencyChooser.udpReachable([(10, 0, true), (10, 3, nil)]) == true)
        #expect(RegionLatencyChooser.udpReachable([(10, 0, nil), (10, 0, true)]) == false)
        #expect(RegionLatencyChooser.udpReachable([(10, 0, false), (10, 0, false)]) == nil)
        #expect(RegionLatencyChooser.udpReachable([(10, 2, false)]) == true)
        #expect(RegionLatencyChooser.udpReachable([(0, 0, nil)]) == nil)
        #expect(RegionLatencyChooser.udpReachable([]) == nil)
    }

    @Test("every method failed to resolve: not measured, the dns errors listed")
    func dnsOnly() {
        let result = RegionLatencyChooser.choose(region: "b", tried: [
            LatencyMethodSamples(method: .tcpConnect, target: "tls:b.example:443", error: "dns"),
            LatencyMethodSamples(method: .stunTcp, target: "stun:b.example:3478", error: "dns"),
        ], verified: true)
        #expect(result.reachable == nil && result.note == nil)
        #expect(result.methods?.map(\.method) == [.stunTcp, .tcpConnect])
        #expect(result.methods?.allSatisfy { $0.error == "dns" && $0.sent == 0 } == true)
    }
}
