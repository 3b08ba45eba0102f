import Foundation
import Testing
import StunWire
import ProbeTransport
import IceprobeTestSupport
@testable import Probes

/// The path probe against a real coturn on 127.0.0.1: TCP to its port, TLS with and without the
/// CA (the issuer is recorded either way: an untrusted certificate still names who issued it),
/// and a closed port.
@Suite(.enabled(if: Coturn.enabled, Comment(rawValue: Coturn.skipReason)))
struct EgressProbeCoturnTests {
    private func deadline() -> UInt64 { SystemClock().now.addingSaturating(Nanoseconds.seconds(5)) }

    @Test func tcpTlsAndTheIssuer() async throws {
        try await Coturn.withServer(.localhostTLS) { server in
            let tlsPort = try #require(server.tlsPort)
            let tls = CheckEgressTarget(host: "localhost", port: tlsPort, tls: true)
            let address = TransportAddress(ip: .loopbackV4, port: tlsPort)
            let untrusted = await EgressProbe.run(tls, address: address, caFile: nil, insecure: false, deadline: deadline())
            #expect(untrusted.result == "tls-untrusted-certificate" && untrusted.tcpConnected)
            #expect(untrusted.certificateIssuer == "/CN=localhost")
            let trusted = await EgressProbe.run(tls, address: address, caFile: server.caFile, insecure: false, deadline: deadline())
            #expect(trusted.result == "ok" && trusted.certificateIssuer == "/CN=localhost")
            let plain = await EgressProbe.run(CheckEgressTarget(host: "localhost", port: server.port, tls: false),
                                              address: TransportAddress(ip: .loopbackV4, port: server.port),
                                              caFile: nil, insecure: false, deadline: deadline())
            #expect(plain.result == "ok" && plain.tcpConnected && plain.certificateIssuer == nil)
        }
    }

    @Test func aClosedPortIsRefused() async throws {
        let listener = try TCPListener(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        let address = listener.address
        listener.close()
        let attempt = await EgressProbe.run(CheckEgressTarget(host: "127.0.0.1", port: address.port, tls: false),
                                            address: address, caFile: nil, insecure: false, deadline: deadline())
        #expect(attempt.result == "refused" && !attempt.tcpConnected)
    }
}
