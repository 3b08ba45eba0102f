import Foundation
import Testing
import StunWire
import ProbeTransport
import IceprobeTestSupport
@testable import Probes

/// The STUN probe against a real coturn on 127.0.0.1 (started and stopped per test).
@Suite(.enabled(if: Coturn.enabled, Comment(rawValue: Coturn.skipReason)))
struct StunProbeCoturnTests {
    private func probe(_ uri: String, transport: TransportProtocol? = nil, count: Int = 3,
                       caFile: String? = nil, insecure: Bool = false) async throws -> StunObservation {
        await StunProbe.run(StunProbeConfiguration(
            server: try ServerURI(parsing: uri), transport: transport, count: count,
            spacing: Nanoseconds.milliseconds(20), timeout: Nanoseconds.seconds(5), caFile: caFile, insecure: insecure))
    }

    @Test func bindingOverUDPTCPAndTLS() async throws {
        try await Coturn.withServer(.localhostTLS) { server in
            let tlsPort = try #require(server.tlsPort)
            let udp = try await probe("stun:127.0.0.1:\(server.port)")
            let tcp = try await probe("stun:127.0.0.1:\(server.port)", transport: .tcp)
            let tls = try await probe("stuns:localhost:\(tlsPort)", caFile: server.caFile)
            for (observation, transport) in [(udp, TransportProtocol.udp), (tcp, .tcp), (tls, .tls)] {
                #expect(observation.ok, "\(transport): \(String(describing: observation.error))")
                #expect(observation.transport == transport)
                #expect(observation.mappedAddress != nil)
                #expect(observation.mappedAddress == observation.localAddress)
                #expect(observation.natDetected == false)
                #expect(observation.received == 3, "\(transport): \(observation)")
                #expect(observation.rttMs?.samples == 3, "\(transport): \(observation)")
                #expect((observation.rttMs?.max ?? 1_000) < 500)
                #expect(observation.software?.hasPrefix("Coturn") == true)
                #expect(observation.strayPackets == 0)
                #expect(observation.rfc5780 == false)    // one listening IP: coturn disables RFC 5780
            }
            #expect(tls.resolvedAddress == "127.0.0.1:\(tlsPort)")
            // The README's loopback STUN figure (scripts/figures.sh collects this line).
            print("figure: iceprobe stun to coturn on loopback, median RTT ms: "
                  + [(udp, "UDP"), (tcp, "TCP"), (tls, "TLS")].map { "\($1) \($0.rttMs.map { String($0.median) } ?? "-")" }.joined(separator: ", "))
        }
    }

    @Test func tlsIPLiteralIsVerifiedAgainstTheCertificatesIPAddress() async throws {
        try await Coturn.withServer(.localhostTLS) { server in
            let tlsPort = try #require(server.tlsPort)
            let observation = try await probe("stuns:127.0.0.1:\(tlsPort)", count: 1, caFile: server.caFile)
            #expect(observation.ok, "\(String(describing: observation.error))")
        }
    }

    @Test func tlsWithoutTheCAIsUntrusted() async throws {
        try await Coturn.withServer(.localhostTLS) { server in
            let tlsPort = try #require(server.tlsPort)
            let observation = try await probe("stuns:localhost:\(tlsPort)", count: 1)
            #expect(!observation.ok)
            #expect(observation.error?.kind == "tls-untrusted-certificate")
            #expect(observation.error?.message.contains("not trusted") == true)
            #expect(observation.sent == 0 && observation.lossPercent == nil)
        }
    }

    @Test func tlsWithAnotherCAIsUntrusted() async throws {
        try await Coturn.withServer(.localhostTLS) { server in
            let tlsPort = try #require(server.tlsPort)
            let observation = try await probe("stuns:localhost:\(tlsPort)", count: 1, caFile: server.certificatePath("wrong"))
            #expect(observation.error?.kind == "tls-untrusted-certificate")
        }
    }

    @Test func tlsCertificateForAnotherNameIsANameMismatch() async throws {
        try await Coturn.withServer(.wrongNameTLS) { server in
            let tlsPort = try #require(server.tlsPort)
            let observation = try await probe("stuns:localhost:\(tlsPort)", count: 1, caFile: server.caFile)
            #expect(!observation.ok)
            #expect(observation.error?.kind == "tls-name-mismatch")
            #expect(observation.error?.message.contains("localhost") == true)
        }
    }

    @Test func expiredCertificateIsNamed() async throws {
        try await Coturn.withServer(.expiredTLS) { server in
            let tlsPort = try #require(server.tlsPort)
            let observation = try await probe("stuns:localhost:\(tlsPort)", count: 1, caFile: server.caFile)
            #expect(!observation.ok)
            #expect(observation.error?.kind == "tls-expired")
            #expect(observation.error?.message.contains("validity") == true)
        }
    }

    @Test func insecureSkipsVerification() async throws {
        try await Coturn.withServer(.wrongNameTLS) { server in
            let tlsPort = try #require(server.tlsPort)
            let observation = try await probe("stuns:localhost:\(tlsPort)", count: 2, insecure: true)
            #expect(observation.ok, "\(String(describing: observation.error))")
            #expect(observation.received == 2)
        }
    }

    @Test func coturnAnswersPlainTCPOnItsTLSPortToo() async throws {
        // coturn detects TLS per connection, so STUN over plain TCP to the TLS port works: a fact
        // worth knowing when reading a "TLS port reachable" result.
        try await Coturn.withServer(.localhostTLS) { server in
            let tlsPort = try #require(server.tlsPort)
            let observation = try await probe("stun:127.0.0.1:\(tlsPort)", transport: .tcp, count: 1)
            #expect(observation.ok, "\(String(describing: observation.error))")
        }
    }

    @Test func harnessStopsTheServer() async throws {
        let pid = try await Coturn.withServer(.localhostTLS) { server in server.pid }
        // The process is gone (kill with signal 0 fails once it has been reaped).
        #expect(kill(pid, 0) != 0)
    }
}

extension Coturn.Options {
    /// TLS for localhost and 127.0.0.1, plus a spare self-signed certificate for `wrong.example`
    /// (`certificatePath("wrong")`) to trust the wrong CA with.
    static let localhostTLS = Coturn.Options(
        tlsNames: ["DNS:localhost", "IP:127.0.0.1"],
        spareCertificates: ["wrong": Coturn.Certificate(subjectAltNames: ["DNS:wrong.example"])])
    /// TLS serving a certificate for `wrong.example` only.
    static let wrongNameTLS = Coturn.Options(tlsNames: ["DNS:wrong.example"])
    /// TLS serving a `localhost` certificate whose validity ended before it began.
    static let expiredTLS = Coturn.Options(tlsNames: ["DNS:localhost", "IP:127.0.0.1"], tlsExpired: true)
}
