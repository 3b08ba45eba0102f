import Foundation
import Testing
@testable import Probes
import ProbeTransport
import StunWire
import IceprobeTestSupport
import Credentials

/// The TURN probe against a real coturn on loopback: every transport, every credential mode, and
/// each diagnosis produced by a real failing setup. Skipped (with the reason) when coturn is not
/// installed, unless ICEPROBE_REQUIRE_INTEGRATION=1.
@Suite("TURN probe against coturn", .serialized,
       .enabled(if: Coturn.enabled, Comment(rawValue: Coturn.skipReason)))
struct TurnCoturnTests {
    static let credential = TurnCredential(username: Coturn.Server.username, password: RedactedSecret(Coturn.Server.password))

    static func uri(_ text: String) throws -> ServerURI { try ServerURI(parsing: text) }

    static func configuration(_ uri: String, transport: TransportProtocol, credential: TurnCredential? = credential,
                              caFile: String? = nil, relayCheck: Bool = true,
                              timeout: Double = 5) throws -> TurnProbeConfiguration {
        TurnProbeConfiguration(server: try Self.uri(uri), transport: transport, credential: credential,
                               timeout: Nanoseconds.seconds(timeout), caFile: caFile, relayCheck: relayCheck)
    }

    static func expectRelayed(_ observation: TurnObservation, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(TurnClassifier.classify(observation.facts) == .ok, "\(observation.message)", sourceLocation: sourceLocation)
        #expect(observation.allocation?.relayedAddress.ip == .loopbackV4, sourceLocation: sourceLocation)
        #expect(observation.allocation?.mappedAddress != nil, sourceLocation: sourceLocation)
        #expect(observation.refreshed == true, sourceLocation: sourceLocation)
        #expect(observation.relay?.sent == 10, sourceLocation: sourceLocation)
        #expect(observation.relay?.received == 10, sourceLocation: sourceLocation)
        #expect(observation.relay?.lossPercent == 0, sourceLocation: sourceLocation)
        #expect(observation.deallocated == true, sourceLocation: sourceLocation)
        #expect(observation.challenged, sourceLocation: sourceLocation)
        #expect(observation.passwordAlgorithm == "md5", sourceLocation: sourceLocation)
        #expect(observation.allocate != nil, sourceLocation: sourceLocation)
    }

    @Test("UDP, TCP and TLS allocate and relay, concurrently, and deallocate")
    func everyTransport() async throws {
        try await Coturn.withServer(.init(tlsNames: ["IP:127.0.0.1", "DNS:localhost"])) { server in
            let tlsPort = try #require(server.tlsPort)
            let results = await TurnProbe.runAll([
                try Self.configuration("turn:127.0.0.1:\(server.port)", transport: .udp),
                try Self.configuration("turn:127.0.0.1:\(server.port)?transport=tcp", transport: .tcp),
                try Self.configuration("turns:127.0.0.1:\(tlsPort)", transport: .tls, caFile: server.caFile),
            ])
            #expect(results.map(\.transport) == [.udp, .tcp, .tls])
            for observation in results { Self.expectRelayed(observation) }
            // The README's loopback TURN figure (scripts/figures.sh collects these lines).
            for observation in results {
                func ms(_ ns: UInt64?) -> String { ns.map { String(Double($0 / 1_000) / 1_000) } ?? "-" }
                let relay = observation.relay?.roundTrips ?? []
                print("figure: iceprobe turn on loopback, \(observation.transport): allocate \(ms(observation.allocate)) ms, "
                      + "TLS handshake \(ms(observation.tlsHandshake)) ms, relay RTT \(ms(relay.min()))-\(ms(relay.max())) ms, "
                      + "loss \(observation.relay?.lossPercent.map { String($0) } ?? "-") %")
            }
            #expect(results[0].connect == nil && results[0].tlsHandshake == nil)
            #expect(results[1].connect != nil && results[1].tlsHandshake == nil)
            #expect(results[2].connect != nil && results[2].tlsHandshake != nil)
            // coturn logs every allocation it deletes; all six (3 probes x client + peer) must be gone.
            #expect(await server.waitForDeletions(6), "coturn log: \(server.log.suffix(1500))")
        }
    }

    @Test("wrong password is wrong-credentials (401 after the challenge)")
    func wrongPassword() async throws {
        try await Coturn.withServer { server in
            for transport in [TransportProtocol.udp, .tcp] {
                let bad = TurnCredential(username: Coturn.Server.username, password: RedactedSecret("not the password"))
                let observation = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(server.port)", transport: transport,
                                                                             credential: bad))
                #expect(TurnClassifier.classify(observation.facts) == .wrongCredentials, "\(observation.message)")
                #expect(observation.errorCode == 401)
                #expect(observation.challenged && observation.authenticated)
                #expect(observation.allocation == nil)
                #expect(observation.deallocated == nil)
                #expect(!observation.message.contains("not the password"))
            }
        }
    }

    @Test("no credential is credentials-required")
    func noCredential() async throws {
        try await Coturn.withServer { server in
            let observation = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(server.port)", transport: .udp, credential: nil))
            #expect(TurnClassifier.classify(observation.facts) == .credentialsRequired)
            #expect(observation.errorCode == 401)
        }
    }

    @Test("TURN REST shared secret: the right secret relays, a wrong one is wrong-credentials")
    func restSecret() async throws {
        try await Coturn.withServer(.restSecret()) { server in
            let good = TurnCredential.restAPI(sharedSecret: RedactedSecret(Coturn.Server.sharedSecret), user: "agent7")
            #expect(good.username.hasSuffix(":agent7"))
            let observation = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(server.port)", transport: .udp, credential: good))
            Self.expectRelayed(observation)
            let bad = TurnCredential.restAPI(sharedSecret: RedactedSecret("another secret"), user: "agent7")
            let refused = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(server.port)", transport: .tcp, credential: bad))
            #expect(TurnClassifier.classify(refused.facts) == .wrongCredentials, "\(refused.message)")
            let expired = TurnCredential.restAPI(sharedSecret: RedactedSecret(Coturn.Server.sharedSecret), user: "agent7",
                                                 expiry: Int64(Date().timeIntervalSince1970) - 60)
            let old = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(server.port)", transport: .udp, credential: expired))
            #expect(TurnClassifier.classify(old.facts) == .wrongCredentials, "\(old.message)")
        }
    }

    @Test("user quota 1: the relay check's second allocation gets 486; nothing is left allocated afterwards")
    func quota() async throws {
        try await Coturn.withServer(.init(userQuota: 1)) { server in
            let url = "turn:127.0.0.1:\(server.port)"
            let observation = await TurnProbe.run(try Self.configuration(url, transport: .udp))
            #expect(TurnClassifier.classify(observation.facts) == .quotaReached, "\(observation.message)")
            #expect(observation.errorCode == 486)
            #expect(observation.failedStage == .peerAllocate)
            #expect(observation.allocation != nil)
            #expect(observation.deallocated == true)
            // coturn deletes a session about 1 s after Refresh(LIFETIME 0) and logs it; under quota 1 a
            // new allocation only succeeds once the previous one is gone.
            #expect(await server.waitForDeletions(1), "coturn log: \(server.log.suffix(800))")
            for (index, transport) in [TransportProtocol.udp, .tcp, .udp].enumerated() {
                let next = await TurnProbe.run(try Self.configuration(url, transport: transport, relayCheck: false))
                #expect(TurnClassifier.classify(next.facts) == .ok, "\(next.message)")
                #expect(next.deallocated == true)
                #expect(await server.waitForDeletions(index + 2), "coturn log: \(server.log.suffix(800))")
            }
            // And holding one allocation makes the probe's own Allocate fail with 486.
            let holder = await TurnProbe.holdAllocation(try Self.configuration(url, transport: .tcp))
            let blocked = await TurnProbe.run(try Self.configuration(url, transport: .udp, relayCheck: false))
            #expect(TurnClassifier.classify(blocked.facts) == .quotaReached)
            #expect(blocked.failedStage == .allocate)
            if let holder {
                #expect(await holder.deallocate(deadline: SystemClock().now + Nanoseconds.seconds(2)))
                await holder.close()
            } else {
                Issue.record("could not hold an allocation")
            }
        }
    }

    @Test("TLS: certificate for another name is tls-name-mismatch, unknown CA is tls-untrusted-certificate")
    func tlsFailures() async throws {
        try await Coturn.withServer(.init(tlsNames: ["DNS:wrong.example"])) { server in
            let tlsPort = try #require(server.tlsPort)
            let mismatch = await TurnProbe.run(try Self.configuration("turns:127.0.0.1:\(tlsPort)", transport: .tls, caFile: server.caFile))
            #expect(TurnClassifier.classify(mismatch.facts) == .tlsNameMismatch, "\(mismatch.message)")
            #expect(mismatch.failedStage == .tlsHandshake)
            #expect(mismatch.connect != nil)
            let untrusted = await TurnProbe.run(try Self.configuration("turns:127.0.0.1:\(tlsPort)", transport: .tls))
            #expect(TurnClassifier.classify(untrusted.facts) == .tlsUntrustedCertificate, "\(untrusted.message)")
            // --insecure skips verification: the same server then allocates and relays.
            var insecure = try Self.configuration("turns:127.0.0.1:\(tlsPort)", transport: .tls)
            insecure.insecure = true
            Self.expectRelayed(await TurnProbe.run(insecure))
            // TLS spoken to the plain TCP/UDP port (coturn without TLS there) is a TLS protocol failure
            // or the server closing: never a success.
            let plain = await TurnProbe.run(try Self.configuration("turns:127.0.0.1:\(server.port)", transport: .tls,
                                                                   caFile: server.caFile, timeout: 2))
            #expect(TurnClassifier.classify(plain.facts) != .ok)
        }
    }

    @Test("300 ALTERNATE-SERVER is followed; a redirect loop is named")
    func alternateServer() async throws {
        try await Coturn.withServer { target in
            try await Coturn.withServer(.init(alternateServers: ["127.0.0.1:\(target.port)"])) { redirector in
                let observation = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(redirector.port)", transport: .udp))
                Self.expectRelayed(observation)
                #expect(observation.redirects == ["127.0.0.1:\(target.port)"])
                #expect(observation.resolvedAddress == "127.0.0.1:\(target.port)")

                // A -> B -> A: the second redirect points back to a server already tried.
                let portA = try Coturn.freePort()
                let portB = try Coturn.freePort(excluding: [portA])
                try await Coturn.withServer(.init(alternateServers: ["127.0.0.1:\(portB)"], port: portA)) { serverA in
                    try await Coturn.withServer(.init(alternateServers: ["127.0.0.1:\(portA)"], port: portB)) { serverB in
                        for transport in [TransportProtocol.udp, .tcp] {
                            let loop = await TurnProbe.run(try Self.configuration("turn:127.0.0.1:\(portA)", transport: transport))
                            #expect(TurnClassifier.classify(loop.facts) == .redirectLoop, "\(loop.message)")
                            #expect(loop.errorCode == 300)
                            #expect(loop.redirects == ["127.0.0.1:\(portB)", "127.0.0.1:\(portA)"])
                        }
                    }
                }
            }
        }
    }
}

/// Failures that need no TURN server: a closed TCP port and a UDP port that never answers.
@Suite("TURN probe failures without a server")
struct TurnNoServerTests {
    @Test("closed TCP port is tcp-refused")
    func closedPort() async throws {
        // Bind then close: nothing listens on that port afterwards.
        let listener = try TCPListener(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        let port = listener.address.port
        listener.close()
        let configuration = TurnProbeConfiguration(server: try ServerURI(parsing: "turn:127.0.0.1:\(port)?transport=tcp"),
                                                   credential: TurnCoturnTests.credential, timeout: Nanoseconds.seconds(2))
        let observation = await TurnProbe.run(configuration)
        #expect(TurnClassifier.classify(observation.facts) == .tcpRefused, "\(observation.message)")
        #expect(observation.failedStage == .connect)
    }

    @Test("a UDP port that never answers is timeout, within the time bound")
    func silentUDP() async throws {
        let silent = try UDPSocket(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        defer { silent.close() }
        let port = try silent.localAddress().port
        let configuration = TurnProbeConfiguration(server: try ServerURI(parsing: "turn:127.0.0.1:\(port)"),
                                                   credential: TurnCoturnTests.credential, timeout: Nanoseconds.seconds(1.5))
        let started = Date()
        let observation = await TurnProbe.run(configuration)
        let took = Date().timeIntervalSince(started)
        #expect(TurnClassifier.classify(observation.facts) == .timeout, "\(observation.message)")
        #expect(observation.failedStage == .allocate)
        #expect(took < 1.8, "took \(took) s for a 1.5 s bound")
    }

    @Test("an unresolvable name is dns-failure")
    func dnsFailure() async throws {
        let configuration = TurnProbeConfiguration(server: try ServerURI(parsing: "turn:no-such-host.invalid:3478"),
                                                   credential: TurnCoturnTests.credential, timeout: Nanoseconds.seconds(2))
        let observation = await TurnProbe.run(configuration)
        #expect(TurnClassifier.classify(observation.facts) == .dnsFailure, "\(observation.message)")
        #expect(observation.failedStage == .resolve)
    }
}
