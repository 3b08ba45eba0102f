import Foundation
import Testing
@testable import Probes
import ProbeTransport
import StunWire
import IceprobeTestSupport

/// The diagnoses `TurnCoturnTests` does not cover, each produced by a real failing setup on
/// loopback: coturn configured to refuse (expired certificate, stale nonces, no UDP relay, a
/// one-port relay range, a denied peer, a second Allocate on one 5-tuple, a wrong external-ip, a
/// Refresh under another realm), tiny TCP servers of the
/// test's own (a reset, a close without answer, garbage instead of TLS or STUN) and a UDP port with
/// nothing behind it (ICMP port unreachable). Skipped (with the reason) when coturn is not
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

    static let twoSeconds = Nanoseconds.seconds(2)

    @Test("an expired certificate is tls-expired at the TLS handshake")
    func expiredCertificate() async throws {
        try await Coturn.withServer(.init(tlsNames: ["IP:127.0.0.1"], tlsExpired: true)) { server in
            let tlsPort = try #require(server.tlsPort)
            let observation = await TurnProbe.run(try Self.configuration("turns:127.0.0.1:\(tlsPort)", transport: .tls,
                                                                         caFile: server.caFile))
            #expect(Self.diagnosis(observation) == .tlsExpired, "\(observation.message)")
            #expect(observation.failedStage == .tlsHandshake)
            #expect(observation.connect != nil)
            #expect(observation.allocation == nil)
        }
    }

    @Test("a server that resets the TCP connection after the Allocate is tcp-reset")
    func tcpReset() async throws {
        try await TurnMisbehavingServer.with(.resetAfterRequest) { server in
            let observation = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(server.port)?transport=tcp",
                                                                         transport: .tcp))
            #expect(Self.diagnosis(observation) == .tcpReset, "\(observation.message)")
            #expect(observation.failedStage == .allocate)
            #expect(observation.connect != nil)
            #expect(server.accepted == 1)
        }
    }

    @Test("garbage instead of TLS is tls-protocol; coturn's plain TCP port probed with TLS is a handshake timeout")
    func tlsProtocol() async throws {
        let garbage = Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".utf8)
        try await TurnMisbehavingServer.with(.send(garbage)) { server in
            let observation = await TurnProbe.run(try Self.configuration("turns:127.0.0.1:\(server.port)", transport: .tls))
            #expect(Self.diagnosis(observation) == .tlsProtocol, "\(observation.message)")
            #expect(observation.failedStage == .tlsHandshake)
            #expect(server.accepted == 1)
        }
        // coturn (no-tls) reads the ClientHello on its plain TCP port and never answers: the TCP
        // connection works, the handshake times out. That is what the probe reports.
        try await Coturn.withServer { coturn in
            let plain = await TurnProbe.run(try Self.configuration("turns:127.0.0.1:\(coturn.port)", transport: .tls, timeout: 2))
            #expect(Self.diagnosis(plain) == .timeout, "\(plain.message)")
            #expect(plain.failedStage == .tlsHandshake)
            #expect(plain.connect != nil)
        }
    }

    @Test("438 stale nonce: Refresh and Allocate with an expired nonce are retried with the new nonce and succeed")
    func staleNonce() async throws {
        // stale-nonce=1: coturn's nonces live 1 s; it compares whole seconds, so the tests wait
        // more than two.
        try await Coturn.withServer(.init(extraConfiguration: ["stale-nonce=1"])) { server in
            for transport in [TransportProtocol.udp, .tcp] {
                let holder = try #require(await TurnProbe.holdAllocation(
                    try Self.configuration("turn:127.0.0.1:\(server.port)", transport: transport)))
                #expect(await holder.staleNonceRetries == 0)
                try await Task.sleep(nanoseconds: 2_200_000_000)
                let refresh = await holder.refresh(lifetime: 600, deadline: SystemClock().now + Self.twoSeconds)
                #expect(refresh.succeeded, "\(transport): \(refresh.summary)")
                let retries = await holder.staleNonceRetries
                #expect(retries == 1, "\(transport): \(retries) retries")
                #expect(await holder.deallocate(deadline: SystemClock().now + Self.twoSeconds))
                if transport == .udp {
                    // The Allocate path: once coturn has deleted the allocation, a new Allocate on the
                    // same 5-tuple with the stale nonce gets 438, is retried, and allocates.
                    #expect(await server.waitForDeletions(1), "coturn log: \(server.log.suffix(800))")
                    try await Task.sleep(nanoseconds: 2_200_000_000)
                    let again = await holder.allocate(lifetime: 600, deadline: SystemClock().now + Self.twoSeconds)
                    #expect(again.allocation != nil, "\(again.failure?.summary ?? "")")
                    #expect(again.staleNonceRetries == 1)
                    #expect(await holder.staleNonceRetries == 2)
                    #expect(await holder.deallocate(deadline: SystemClock().now + Self.twoSeconds))
                }
                await holder.close()
            }
        }
        // Without nonce expiry the same wait needs no retry (the retries above were caused by it).
        try await Coturn.withServer { fresh in
            let holder = try #require(await TurnProbe.holdAllocation(
                try Self.configuration("turn:127.0.0.1:\(fresh.port)", transport: .udp)))
            try await Task.sleep(nanoseconds: 2_200_000_000)
            #expect(await holder.refresh(lifetime: 600, deadline: SystemClock().now + Self.twoSeconds).succeeded)
            #expect(await holder.staleNonceRetries == 0)
            #expect(await holder.deallocate(deadline: SystemClock().now + Self.twoSeconds))
            await holder.close()
        }
    }

    @Test("no-udp-relay: the Allocate for a UDP relay is unsupported-transport (442)")
    func unsupportedTransport() async throws {
        try await Coturn.withServer(.init(extraConfiguration: ["no-udp-relay"])) { server in
            let observation = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(server.port)", transport: .udp))
            #expect(Self.diagnosis(observation) == .unsupportedTransport, "\(observation.message)")
            #expect(observation.errorCode == 442)
            #expect(observation.failedStage == .allocate)
            #expect(observation.authenticated)
        }
    }

    @Test("a second Allocate on the same 5-tuple is allocation-mismatch (437)")
    func allocationMismatch() async throws {
        try await Coturn.withServer { server in
            for transport in [TransportProtocol.udp, .tcp] {
                let holder = try #require(await TurnProbe.holdAllocation(
                    try Self.configuration("turn:127.0.0.1:\(server.port)", transport: transport)))
                let again = await holder.allocate(lifetime: 600, deadline: SystemClock().now + Self.twoSeconds)
                #expect(again.allocation == nil)
                #expect(again.failure?.errorCode == 437, "\(again.failure?.summary ?? "no failure")")
                let facts = TurnFacts(transport: transport, failedStage: .allocate, errorCode: again.failure?.errorCode,
                                      authenticated: again.authenticated, hadCredential: true)
                #expect(TurnClassifier.classify(facts) == .allocationMismatch)
                #expect(await holder.deallocate(deadline: SystemClock().now + Self.twoSeconds))
                await holder.close()
            }
        }
    }

    @Test("a one-port relay range: the relay check's second allocation is insufficient-capacity (508)")
    func insufficientCapacity() async throws {
        let relayPort = try Coturn.freePort(alsoFree: 0)
        try await Coturn.withServer(.init(extraConfiguration: ["min-port=\(relayPort)", "max-port=\(relayPort)"])) { server in
            let observation = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(server.port)", transport: .udp))
            #expect(Self.diagnosis(observation) == .insufficientCapacity, "\(observation.message)")
            #expect(observation.errorCode == 508)
            #expect(observation.failedStage == .peerAllocate)
            #expect(observation.allocation?.relayedAddress.port == relayPort)
            #expect(observation.deallocated == true)
        }
    }

    @Test("denied-peer-ip covering the peer relay: the relay check's ChannelBind is forbidden (403)")
    func forbiddenPeer() async throws {
        try await Coturn.withServer(.init(extraConfiguration: ["denied-peer-ip=127.0.0.1"])) { server in
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

    @Test("a server that closes the TCP connection without answering is connection-closed")
    func connectionClosed() async throws {
        try await TurnMisbehavingServer.with(.closeAfterRequest) { server in
            let observation = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(server.port)?transport=tcp",
                                                                         transport: .tcp))
            #expect(Self.diagnosis(observation) == .connectionClosed, "\(observation.message)")
            #expect(observation.failedStage == .allocate)
            #expect(server.accepted == 1)
        }
    }

    @Test("bytes that are neither STUN nor ChannelData on TURN/TCP are protocol-error")
    func protocolError() async throws {
        // 0xFF: the first two bits are 11, which starts neither a STUN message (00) nor ChannelData (01).
        try await TurnMisbehavingServer.with(.send([UInt8](repeating: 0xFF, count: 24))) { server in
            let observation = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(server.port)?transport=tcp",
                                                                         transport: .tcp))
            #expect(Self.diagnosis(observation) == .protocolError, "\(observation.message)")
            #expect(observation.failedStage == .allocate)
        }
    }

    @Test("a UDP port with nothing listening answers ICMP port unreachable: unreachable")
    func udpUnreachable() async throws {
        let port = try Coturn.freePort(alsoFree: 0)
        let observation = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(port)", transport: .udp))
        #expect(Self.diagnosis(observation) == .unreachable, "\(observation.message)")
        #expect(observation.failedStage == .allocate)
    }

    @Test("a wrong external-ip (relayed addresses nobody listens on): allocated, nothing relayed: relay-failed")
    func relayFailed() async throws {
        // The classic misconfiguration of a TURN server behind NAT: XOR-RELAYED-ADDRESS names
        // 127.0.0.5, but the relay sockets are bound to 127.0.0.1, so packets sent to a relayed
        // address find no socket (loopback only).
        try await Coturn.withServer(.init(extraConfiguration: ["external-ip=127.0.0.5"])) { server in
            let observation = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(server.port)", transport: .udp,
                                                                         timeout: 4))
            #expect(Self.diagnosis(observation) == .relayFailed, "\(observation.message)")
            #expect(observation.allocation?.relayedAddress.description.hasPrefix("127.0.0.5:") == true)
            #expect(observation.failedStage == .relay)
            #expect((observation.relay?.sent ?? 0) > 0)
            #expect(observation.relay?.received == 0)
            #expect(observation.deallocated == true)
        }
    }

    @Test("on an existing allocation, a Refresh keyed under another realm gets 441 from coturn: wrong-credentials")
    func wrongCredentials441() async throws {
        // TurnClient always answers with the challenged realm, so these requests are built by hand:
        // a correct Allocate, then a Refresh with the right user and password keyed and sent under
        // a realm the server does not have. (An Allocate with the wrong realm gets 437 instead.)
        try await Coturn.withServer { server in
            let socket = try UDPSocket(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
            defer { socket.close() }
            let target = server.udpAddress
            let deadline = SystemClock().now + Nanoseconds.seconds(3)
            func exchange(_ request: StunMessage) async throws -> StunMessage? {
                _ = try await socket.send(request.encode(), to: target, deadline: deadline)
                while let datagram = try await socket.receive(deadline: deadline) {
                    if let answer = try? StunMessage.decode(datagram.bytes), answer.transactionID == request.transactionID {
                        return answer
                    }
                }
                return nil
            }
            func request(_ method: StunMethod, realm: String?, nonce: Nonce?, lifetime: UInt32) -> StunMessage {
                var message = StunMessage(method: method, messageClass: .request, transactionID: .random())
                if method == .allocate { message.append(RequestedTransport.udp) }
                message.append(Lifetime(seconds: lifetime))
                if let realm, let nonce {
                    message.append(Username(Coturn.Server.username))
                    message.append(Realm(realm))
                    message.append(nonce)
                    message.appendMessageIntegrity(key: StunKeys.longTermMD5(username: Coturn.Server.username, realm: realm,
                                                                             password: Coturn.Server.password))
                }
                message.appendFingerprint()
                return message
            }
            let challenge = try #require(try await exchange(request(.allocate, realm: nil, nonce: nil, lifetime: 600)))
            #expect(try challenge.attribute(ErrorCode.self)?.code == 401)
            let nonce = try #require(try challenge.attribute(Nonce.self))
            let allocated = try #require(try await exchange(request(.allocate, realm: Coturn.Server.realm, nonce: nonce, lifetime: 600)))
            #expect(allocated.messageClass == .successResponse)
            let refused = try #require(try await exchange(request(.refresh, realm: "other.example", nonce: nonce, lifetime: 600)))
            let code = try #require(try refused.attribute(ErrorCode.self)).code
            #expect(code == 441)
            let facts = TurnFacts(transport: .udp, failedStage: .refresh, errorCode: code, authenticated: true)
            #expect(TurnClassifier.classify(facts) == .wrongCredentials)
            // Clean up: delete the allocation with the right realm.
            let deleted = try await exchange(request(.refresh, realm: Coturn.Server.realm, nonce: nonce, lifetime: 0))
            #expect(deleted?.messageClass == .successResponse)
        }
    }
}
