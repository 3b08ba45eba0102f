import Testing
import Diagnosis
import Foundation
import StunWire
import ProbeTransport
@testable import Probes

private func configuration(_ server: LoopbackStunServer, transport: TransportProtocol = .udp, count: Int = 3,
                           timeoutMs: UInt64 = 2_000) throws -> StunProbeConfiguration {
    let address = transport == .udp ? server.udpAddress : server.tcpAddress
    return StunProbeConfiguration(server: try ServerURI(parsing: "stun:\(address)"), transport: transport,
                                  count: count, spacing: Nanoseconds.milliseconds(10),
                                  timeout: Nanoseconds.milliseconds(timeoutMs))
}

/// The STUN probe against responders on 127.0.0.1 written in this test target: honest, RFC 3489,
/// and hostile ones. The probe must give a clear error or ignore strays, and never outlive its bound.
struct StunProbeLoopbackTests {
    @Test(arguments: [TransportProtocol.udp, .tcp])
    func honestServer(transport: TransportProtocol) async throws {
        let server = try LoopbackStunServer(.honest)
        defer { server.stop() }
        let observation = await StunProbe.run(try configuration(server, transport: transport, timeoutMs: 8_000))
        #expect(observation.ok)
        #expect(observation.error == nil)
        #expect(observation.transport == transport)
        #expect(observation.localAddress != nil)
        #expect(observation.mappedAddress == observation.localAddress)
        #expect(observation.natDetected == false)
        #expect(observation.received == 3)
        // On a loaded machine an answer can miss the adaptive RTO (100 ms) and be retransmitted; the
        // duplicate answer then arrives late and is neither a stray nor a loss (except after the
        // last sample, when nobody listens any more). Without load: sent 3, 3 RTT samples.
        #expect(observation.sent == 3 + observation.retransmissions)
        #expect(observation.strayPackets == 0)
        #expect((observation.lossPercent ?? 100) <= StunRTTSummary.round(Double(observation.retransmissions) * 100 / Double(observation.sent)))
        #expect((1...3).contains(observation.rttMs?.samples ?? 0))
        #expect(observation.software == "iceprobe-test-responder")
        #expect(observation.rfc5780 == true)
        #expect(observation.otherAddress == "127.0.0.1:3479")
        #expect(observation.serverStandard == .rfc5780)
        #expect(observation.otherAddressAttribute == "OTHER-ADDRESS")
        #expect(observation.responseOriginAttribute == "RESPONSE-ORIGIN")
        #expect(observation.mappedAddressAttribute == "XOR-MAPPED-ADDRESS")
        #expect(observation.resolvedAddress == (transport == .udp ? server.udpAddress : server.tcpAddress).description)
    }

    @Test(arguments: [TransportProtocol.udp, .tcp])
    func honestServerOverIPv6(transport: TransportProtocol) async throws {
        let server = try LoopbackStunServer(.honest, ip: .loopbackV6)
        defer { server.stop() }
        let config = try configuration(server, transport: transport, count: 1)
        #expect(config.server.description.hasPrefix("stun:[::1]:"))
        let observation = await StunProbe.run(config)
        #expect(observation.ok, "\(String(describing: observation.error))")
        #expect(observation.localAddress?.hasPrefix("[::1]:") == true)
        #expect(observation.mappedAddress == observation.localAddress)
        #expect(observation.natDetected == false)
    }

    @Test func localAddressOfTheOtherFamilyIsADNSMismatch() async throws {
        let server = try LoopbackStunServer(.honest)
        defer { server.stop() }
        var config = try configuration(server, count: 1)
        config.localAddress = TransportAddress(ip: .loopbackV6, port: 0)
        let observation = await StunProbe.run(config)
        #expect(observation.error?.kind == "dns")
        #expect(observation.error?.message.contains("IPv6") == true)
    }

    @Test func localAddressIsTheRealOneWhenBoundToAny() async throws {
        let server = try LoopbackStunServer(.honest)
        defer { server.stop() }
        var config = try configuration(server, count: 1)
        config.localAddress = TransportAddress(ip: .anyV4, port: 0)
        let observation = await StunProbe.run(config)
        #expect(observation.localAddress?.hasPrefix("127.0.0.1:") == true)
        #expect(observation.natDetected == false)
    }

    @Test func rfc3489ServerFallsBackToMappedAddress() async throws {
        let server = try LoopbackStunServer(.rfc3489)
        defer { server.stop() }
        let observation = await StunProbe.run(try configuration(server, count: 1))
        #expect(observation.ok)
        #expect(observation.mappedAddress == observation.localAddress)
        #expect(observation.rfc5780 == false)
        #expect(observation.otherAddress == nil)
        #expect(observation.software == nil)
        #expect(observation.mappedAddressAttribute == "MAPPED-ADDRESS")
        #expect(observation.serverStandard == StunServerStandard.none)
    }

    @Test func rfc3489ServerReportsChangedAndSourceAddress() async throws {
        let server = try ClassicStunServer(.honest)
        defer { server.stop() }
        let uri = ServerURI(scheme: .stun, host: server.primary.ip.description, port: server.primary.port)
        let observation = await StunProbe.run(StunProbeConfiguration(server: uri, count: 2, timeout: Nanoseconds.seconds(5)))
        #expect(observation.ok)
        #expect(observation.serverStandard == .rfc3489)
        #expect(observation.rfc5780 == false)
        #expect(observation.otherAddress == server.addresses[3].description)
        #expect(observation.otherAddressAttribute == "CHANGED-ADDRESS")
        #expect(observation.responseOrigin == server.primary.description)
        #expect(observation.responseOriginAttribute == "SOURCE-ADDRESS")
        #expect(observation.mappedAddressAttribute == "MAPPED-ADDRESS")
        #expect(observation.mappedAddress == observation.localAddress)
    }

    @Test func hostilePacketsAreIgnoredAndCounted() async throws {
        let server = try LoopbackStunServer(.hostileThenHonest)
        defer { server.stop() }
        let observation = await StunProbe.run(try configuration(server, timeoutMs: 8_000))
        #expect(observation.ok)
        #expect(observation.received == 3)
        #expect(observation.strayPackets >= 12)   // 4 per request (more if one was retransmitted)
        #expect(observation.mappedAddress == observation.localAddress)
    }

    static let unanswered: [LoopbackStunServer.Behaviour] = [.wrongTransactionIDs, .brokenOnly, .fromOtherPort, .silent]

    @Test(arguments: unanswered)
    func neverAnsweredProperlyTimesOutWithinTheBound(behaviour: LoopbackStunServer.Behaviour) async throws {
        let server = try LoopbackStunServer(behaviour)
        defer { server.stop() }
        let clock = SystemClock()
        let start = clock.now
        let observation = await StunProbe.run(try configuration(server, timeoutMs: 2_000))
        let elapsed = clock.elapsed(since: start)
        #expect(!observation.ok)
        #expect(observation.error?.kind == "timeout")
        #expect(observation.received == 0)
        // Sends at 0, 0.5 and 1.5 s (the exact schedule is tested with a manual clock; here a
        // loaded machine may delay a send past the 2 s bound).
        #expect((1...3).contains(observation.sent))
        #expect(observation.lossPercent == 100)
        #expect(observation.mappedAddress == nil && observation.natDetected == nil && observation.rttMs == nil)
        #expect(observation.rfc5780 == nil)
        #expect(elapsed >= Nanoseconds.milliseconds(1_990) && elapsed < Nanoseconds.seconds(6))
        switch behaviour {
        case .wrongTransactionIDs: #expect((1...observation.sent).contains(observation.strayPackets))
        case .brokenOnly: #expect((1...(2 * observation.sent)).contains(observation.strayPackets))
        default: #expect(observation.strayPackets == 0)   // the connected socket never sees other ports
        }
    }

    @Test(arguments: [TransportProtocol.udp, .tcp])
    func errorResponseIsNamed(transport: TransportProtocol) async throws {
        let server = try LoopbackStunServer(.errorResponse(400))
        defer { server.stop() }
        let observation = await StunProbe.run(try configuration(server, transport: transport, count: 2, timeoutMs: 8_000))
        #expect(!observation.ok)
        #expect(observation.error?.kind == "error-response")
        #expect(observation.error?.message.contains("400") == true)
        #expect(observation.received == 2)
    }

    @Test func responseWithoutMappedAddressIsMalformed() async throws {
        let server = try LoopbackStunServer(.noMappedAddress)
        defer { server.stop() }
        let observation = await StunProbe.run(try configuration(server, count: 1))
        #expect(!observation.ok)
        #expect(observation.error?.kind == "malformed-response")
        #expect(observation.software == "mapless")
    }

    @Test func endlessSlowBytesOverTCPStopAtTheDeadline() async throws {
        let server = try LoopbackStunServer(.slowBytes)
        defer { server.stop() }
        let clock = SystemClock()
        let start = clock.now
        let observation = await StunProbe.run(try configuration(server, transport: .tcp, timeoutMs: 700))
        #expect(observation.error?.kind == "timeout")
        #expect(observation.received == 0)
        #expect(clock.elapsed(since: start) < Nanoseconds.seconds(5))
    }

    @Test func garbageStreamIsAMalformedResponse() async throws {
        let server = try LoopbackStunServer(.garbageStream)
        defer { server.stop() }
        let observation = await StunProbe.run(try configuration(server, transport: .tcp))
        #expect(observation.error?.kind == "malformed-response")
        #expect(!observation.ok)
    }

    @Test func closedUDPPortIsRefusedQuickly() async throws {
        let socket = try UDPSocket(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        let port = try socket.localAddress().port
        socket.close()
        let clock = SystemClock()
        let start = clock.now
        let observation = await StunProbe.run(StunProbeConfiguration(
            server: try ServerURI(parsing: "stun:127.0.0.1:\(port)"), count: 3, timeout: Nanoseconds.seconds(20)))
        #expect(observation.error?.kind == "refused")
        #expect(clock.elapsed(since: start) < Nanoseconds.seconds(8))   // an ICMP error ends it at once
    }

    @Test func closedTCPPortIsRefused() async throws {
        let socket = try UDPSocket(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        let port = try socket.localAddress().port
        socket.close()
        let observation = await StunProbe.run(StunProbeConfiguration(
            server: try ServerURI(parsing: "stun:127.0.0.1:\(port)"), transport: .tcp, count: 1, timeout: Nanoseconds.seconds(2)))
        #expect(observation.error?.kind == "refused")
        #expect(observation.resolvedAddress == "127.0.0.1:\(port)")
        #expect(observation.sent == 0)
        #expect(observation.lossPercent == nil)
    }

    @Test func unknownHostIsADNSError() async throws {
        let observation = await StunProbe.run(StunProbeConfiguration(
            server: try ServerURI(parsing: "stun:no-such-host.invalid"), count: 1, timeout: Nanoseconds.seconds(2)))
        #expect(observation.error?.kind == "dns")
        #expect(observation.resolvedAddress == nil)
        #expect(observation.localAddress == nil)
    }

    @Test func jsonHasEveryKeyWithNullsForWhatWasNotMeasured() async throws {
        let observation = await StunProbe.run(StunProbeConfiguration(
            server: try ServerURI(parsing: "stun:no-such-host.invalid"), count: 1, timeout: Nanoseconds.seconds(2)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(observation)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == [
            "schemaVersion", "kind", "server", "resolvedAddress", "transport", "ok", "localAddress", "mappedAddress",
            "natDetected", "rttMs", "sent", "received", "lossPercent", "retransmissions", "strayPackets", "rfc5780",
            "serverStandard", "otherAddress", "otherAddressAttribute", "responseOrigin", "responseOriginAttribute",
            "mappedAddressAttribute", "software", "error", "durationMs",
        ])
        for key in ["resolvedAddress", "localAddress", "mappedAddress", "natDetected", "rttMs", "lossPercent",
                    "rfc5780", "serverStandard", "otherAddress", "otherAddressAttribute", "responseOrigin",
                    "responseOriginAttribute", "mappedAddressAttribute", "software"] {
            #expect(object[key] is NSNull, "\(key) should be null")
        }
        #expect(object["kind"] as? String == "stun")
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["ok"] as? Bool == false)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.hasPrefix("{\"durationMs\":"))
        // Round trip.
        #expect(try JSONDecoder().decode(StunObservation.self, from: data) == observation)
    }
}

extension LoopbackStunServer.Behaviour: CustomTestStringConvertible {
    var testDescription: String { "\(self)" }
}
