import Foundation
import Testing
@testable import Probes
import Diagnosis
import ProbeTransport
import StunWire
import IceprobeTestSupport
import Credentials

/// The media stream against a real coturn on loopback: a short stream over UDP, TCP and TLS,
/// every packet relayed and echoed, all datagram sizes through, both allocations deleted; a wrong
/// password named like `iceprobe turn` names it. Skipped (with the reason) when coturn is not
/// installed, unless ICEPROBE_REQUIRE_INTEGRATION=1.
@Suite("Media stream against coturn", .serialized,
       .enabled(if: Coturn.enabled, Comment(rawValue: Coturn.skipReason)))
struct MediaCoturnTests {
    static let credential = TurnCredential(username: Coturn.Server.username, password: RedactedSecret(Coturn.Server.password))

    static func configuration(_ uri: String, transport: TransportProtocol, credential: TurnCredential = credential,
                              caFile: String? = nil, codec: MediaCodec = .opus) throws -> MediaProbeConfiguration {
        let turn = TurnProbeConfiguration(server: try ServerURI(parsing: uri), transport: transport, credential: credential,
                                          timeout: Nanoseconds.seconds(5), caFile: caFile)
        return MediaProbeConfiguration(turn: turn, codec: codec, seconds: 1)
    }

    @Test("a one-second stream over UDP, TCP and TLS: every packet through and back, every size, deleted")
    func everyTransport() async throws {
        try await Coturn.withServer(.init(tlsNames: ["IP:127.0.0.1", "DNS:localhost"])) { server in
            let tlsPort = try #require(server.tlsPort)
            let plans = [
                try Self.configuration("turn:127.0.0.1:\(server.port)", transport: .udp),
                try Self.configuration("turn:127.0.0.1:\(server.port)?transport=tcp", transport: .tcp, codec: .pcmu),
                try Self.configuration("turns:127.0.0.1:\(tlsPort)", transport: .tls, caFile: server.caFile),
            ]
            for plan in plans {
                let observation = await MediaProbe.run(plan)
                let report = observation.report(plan)
                let stream = try #require(report.stream, "\(report.error?.message ?? "")")
                #expect(report.error == nil)
                #expect(stream.sent == 50 && stream.received == 50 && stream.lossPercent == 0, "\(plan.turn.transport)")
                #expect(stream.returnLeg.received == 50)
                #expect(stream.duplicates == 0 && stream.reorderedPercent == 0)
                #expect((stream.rttMs?.median ?? 99) < 20)
                #expect(report.maxDatagramBytes == 1472)
                #expect(report.relayedAddresses.count == 2)
                #expect(report.deallocated == true)
                #expect(report.payloadBytes == plan.codec.payloadBytes)
                #expect(report.transport == plan.turn.transport.rawValue)
            }
            #expect(await server.waitForDeletions(6))
        }
    }

    @Test("a wrong password is named wrong-credentials and no stream runs")
    func wrongPassword() async throws {
        try await Coturn.withServer { server in
            let wrong = TurnCredential(username: Coturn.Server.username, password: RedactedSecret("not-the-password"))
            let plan = try Self.configuration("turn:127.0.0.1:\(server.port)", transport: .udp, credential: wrong)
            let report = await MediaProbe.run(plan).report(plan)
            #expect(report.stream == nil)
            #expect(report.error?.id == "wrong-credentials")
            #expect(report.findingIds.contains(.mediaFailed))
            #expect(!report.ok && report.verdict == .notReady)
            let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
            #expect(!json.contains("not-the-password"))
        }
    }
}

/// The RTP-shaped packet: round trip, and total decoding of hostile bytes.
@Suite struct MediaPacketTests {
    @Test func roundTrip() {
        let packet = MediaPacket(payloadType: 111, index: 70_001, timestamp: 0xDEAD_BEEF, ssrc: 0x1234_5678,
                                 sentAt: 123_456_789_012, echoedAt: 42, payloadBytes: 80)
        let bytes = packet.encode()
        #expect(bytes.count == 12 + 80)
        #expect(bytes[0] == 0x80 && bytes[1] == 111)
        #expect(UInt16(bytes[2]) << 8 | UInt16(bytes[3]) == UInt16(truncatingIfNeeded: 70_001))
        #expect(MediaPacket.decode(bytes, ssrc: 0x1234_5678) == packet)
        #expect(MediaPacket.decode(bytes, ssrc: 0x1234_5679) == nil)
    }

    @Test func hostileBytesNeverTrap() {
        var random = SplitMix64(seed: 0x3550)
        let good = MediaPacket(payloadType: 0, index: 7, timestamp: 1, ssrc: 99, sentAt: 5, payloadBytes: 160).encode()
        for length in 0..<32 {       // 12-byte RTP header + 20 bytes of index, send and echo times
            #expect(MediaPacket.decode(Array(good.prefix(length)), ssrc: 99) == nil)
        }
        #expect(MediaPacket.decode(Array(good.prefix(32)), ssrc: 99)?.payloadBytes == 20)
        for _ in 0..<5_000 {
            var bytes = good
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            _ = MediaPacket.decode(bytes, ssrc: 99)
        }
        var wrongVersion = good
        wrongVersion[0] = 0x40
        #expect(MediaPacket.decode(wrongVersion, ssrc: 99) == nil)
        var mismatched = good
        mismatched[3] ^= 1                  // RTP sequence no longer the low bits of the index
        #expect(MediaPacket.decode(mismatched, ssrc: 99) == nil)
    }
}
