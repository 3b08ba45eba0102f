import Foundation
import Testing
@testable import Probes
import ProbeTransport
import StunWire
import IceprobeTestSupport

/// The diagnoses `TurnCoturnTests` does not cover, each produced by a real failing setup on
/// loopback: coturn configured to refuse (expired certificate, stale nonces, no UDP relay, a
/// one-port relay range, a denied peer, a second Allocate on one 5-tuple) and two tiny TCP servers
/// of the test's own (a reset, garbage instead of TLS). Skipped (with the reason) when coturn is not
/// installed, unless ICEPROBE_REQUIRE_INTEGRATION=1.
@Suite("TURN diagnoses from real failing setups", .serialized,
       .enabled(if: Coturn.enabled, Comment(rawValue: Coturn.skipReason)))
struct TurnFailureCoturnTests {
    static func configuration(_ uri: String, transport: TransportProtocol, caFile: String? = nil,
                              relayCheck: Bool = true, timeout: Double = 3) throws -> TurnProbeConfiguration {
        TurnProbeConfiguration(server: try ServerURI(parsing: uri), transport: transport,
                               credential: TurnCoturnTests.credential, timeout: Nanoseconds.seconds(timeout),
                               caFile: caFile, relayCheck: relayCheck)
    }

    static func diagnosis(_ observation: TurnObservation) -> TurnDiagnosis {
        TurnClassifier.classify(observation.facts)
    }

    @Test("an expired certificate is tls-expired at the TLS handshake")
    func expiredCertificate() async throws {
        let server = try await Coturn.Server.start(.init(tlsNames: ["IP:127.0.0.1"], tlsExpired: true))
        defer { server.stop() }
        let tlsPort = try #require(server.tlsPort)
        let observation = await TurnProbe.run(try Self.configuration("turns:127.0.0.1:\(tlsPort)", transport: .tls,
                                                                     caFile: server.caFile))
        #expect(Self.diagnosis(observation) == .tlsExpired, "\(observation.message)")
        #expect(observation.failedStage == .tlsHandshake)
        #expect(observation.connect != nil)
        #expect(observation.allocation == nil)
    }

    @Test("a server that resets the TCP connection after the Allocate is tcp-reset")
    func tcpReset() async throws {
        let server = try TurnMisbehavingServer(.resetAfterRequest)
        defer { server.stop() }
        let observation = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(server.port)?transport=tcp",
                                                                     transport: .tcp))
        #expect(Self.diagnosis(observation) == .tcpReset, "\(observation.message)")
        #expect(observation.failedStage == .allocate)
        #expect(observation.connect != nil)
        #expect(server.accepted == 1)
    }

    @Test("garbage instead of TLS is tls-protocol; coturn's plain TCP port probed with TLS is a handshake timeout")
    func tlsProtocol() async throws {
        let server = try TurnMisbehavingServer(.send(Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".utf8)))
        defer { server.stop() }
        let observation = await TurnProbe.run(try Self.configuration("turns:127.0.0.1:\(server.port)", transport: .tls))
        #expect(Self.diagnosis(observation) == .tlsProtocol, "\(observation.message)")
        #expect(observation.failedStage == .tlsHandshake)
        #expect(server.accepted == 1)

        let coturn = try await Coturn.Server.start()
        defer { coturn.stop() }
        // coturn (no-tls) reads the ClientHello on its plain TCP port and never answers: the TCP
        // connection works, the handshake times out. That is what the probe reports.
        let plain = await TurnProbe.run(try Self.configuration("turns:127.0.0.1:\(coturn.port)", transport: .tls, timeout: 2))
        #expect(Self.diagnosis(plain) == .timeout, "\(plain.message)")
        #expect(plain.failedStage == .tlsHandshake)
        #expect(plain.connect != nil)
    }

    @Test("438 stale nonce: a Refresh after the nonce expired is retried with the new nonce and succeeds")
    func staleNonce() async throws {
        // stale-nonce=1: coturn's nonces live 1 s.
        let server = try await Coturn.Server.start(.init(extraConfiguration: ["stale-nonce=1"]))
        defer { server.stop() }
        for transport in [TransportProtocol.udp, .tcp] {
            let holder = try #require(await TurnProbe.holdAllocation(
                try Self.configuration("turn:127.0.0.1:\(server.port)", transport: transport)))
            #expect(await holder.staleNonceRetries == 0)
            // coturn compares whole seconds: wait more than two to be past the nonce's lifetime.
            try await Task.sleep(nanoseconds: 2_200_000_000)
            let refresh = await holder.refresh(lifetime: 600, deadline: SystemClock().now + Nanoseconds.seconds(2))
            #expect(refresh.succeeded, "\(transport): \(refresh.summary)")
            let retries = await holder.staleNonceRetries
            #expect(retries == 1, "\(transport): \(retries) retries")
            #expect(await holder.deallocate(deadline: SystemClock().now + Nanoseconds.seconds(2)))
            await holder.close()
        }
        // Without nonce expiry the same sequence needs no retry (the retry above was caused by it).
        let fresh = try await Coturn.Server.start()
        defer { fresh.stop() }
        let holder = try #require(await TurnProbe.holdAllocation(
            try Self.configuration("turn:127.0.0.1:\(fresh.port)", transport: .udp)))
        try await Task.sleep(nanoseconds: 2_200_000_000)
        #expect(await holder.refresh(lifetime: 600, deadline: SystemClock().now + Nanoseconds.seconds(2)).succeeded)
        #expect(await holder.staleNonceRetries == 0)
        #expect(await holder.deallocate(deadline: SystemClock().now + Nanoseconds.seconds(2)))
        await holder.close()
    }

    @Test("no-udp-relay: the Allocate for a UDP relay is unsupported-transport (442)")
    func unsupportedTransport() async throws {
        let server = try await Coturn.Server.start(.init(extraConfiguration: ["no-udp-relay"]))
        defer { server.stop() }
        let observation = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(server.port)", transport: .udp))
        #expect(Self.diagnosis(observation) == .unsupportedTransport, "\(observation.message)")
        #expect(observation.errorCode == 442)
        #expect(observation.failedStage == .allocate)
        #expect(observation.authenticated)
    }

    @Test("a second Allocate on the same 5-tuple is allocation-mismatch (437)")
    func allocationMismatch() async throws {
        let server = try await Coturn.Server.start()
        defer { server.stop() }
        for transport in [TransportProtocol.udp, .tcp] {
            let holder = try #require(await TurnProbe.holdAllocation(
                try Self.configuration("turn:127.0.0.1:\(server.port)", transport: transport)))
            let again = await holder.allocate(lifetime: 600, deadline: SystemClock().now + Nanoseconds.seconds(2))
            #expect(again.allocation == nil)
            #expect(again.failure?.errorCode == 437, "\(again.failure?.summary ?? "no failure")")
            let facts = TurnFacts(transport: transport, failedStage: .allocate, errorCode: again.failure?.errorCode,
                                  authenticated: again.authenticated, hadCredential: true)
            #expect(TurnClassifier.classify(facts) == .allocationMismatch)
            #expect(await holder.deallocate(deadline: SystemClock().now + Nanoseconds.seconds(2)))
            await holder.close()
        }
    }

    @Test("a one-port relay range: the relay check's second allocation is insufficient-capacity (508)")
    func insufficientCapacity() async throws {
        let relayPort = try Coturn.freePort(alsoFree: 0)
        let server = try await Coturn.Server.start(.init(extraConfiguration: ["min-port=\(relayPort)", "max-port=\(relayPort)"]))
        defer { server.stop() }
        let observation = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(server.port)", transport: .udp))
        #expect(Self.diagnosis(observation) == .insufficientCapacity, "\(observation.message)")
        #expect(observation.errorCode == 508)
        #expect(observation.failedStage == .peerAllocate)
        #expect(observation.allocation?.relayedAddress.port == relayPort)
        #expect(observation.deallocated == true)
    }

    @Test("denied-peer-ip covering the peer relay: the relay check's ChannelBind is forbidden (403)")
    func forbiddenPeer() async throws {
        let server = try await Coturn.Server.start(.init(extraConfiguration: ["denied-peer-ip=127.0.0.1"]))
        defer { server.stop() }
        for transport in [TransportProtocol.udp, .tcp] {
            let observation = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(server.port)", transport: transport))
            #expect(Self.diagnosis(observation) == .forbidden, "\(observation.message)")
            #expect(observation.errorCode == 403)
            #expect(observation.failedStage == .permission)
            #expect(observation.allocation != nil)
            #expect(observation.deallocated == true)
        }
    }
}
