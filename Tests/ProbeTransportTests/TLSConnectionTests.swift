import Testing
import COpenSSL
import StunWire
@testable import ProbeTransport

private func deadline(ms: UInt64) -> UInt64 { SystemClock().now + Nanoseconds.milliseconds(ms) }

/// TLS failure paths that need no TLS server. Handshakes against a real TLS server (coturn, with
/// generated certificates) are in ProbesTests.
struct TLSConnectionTests {
    static let verifyCodes: [(Int32, TLSFailure)] = [
        (X509_V_ERR_HOSTNAME_MISMATCH, .nameMismatch),
        (X509_V_ERR_IP_ADDRESS_MISMATCH, .nameMismatch),
        (X509_V_ERR_CERT_HAS_EXPIRED, .expired),
        (X509_V_ERR_CERT_NOT_YET_VALID, .expired),
        (X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, .untrustedCertificate),
        (X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, .untrustedCertificate),
        (X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, .untrustedCertificate),
        (X509_V_ERR_CERT_REVOKED, .untrustedCertificate),
    ]

    @Test(arguments: verifyCodes)
    func verifyResultsMapToNamedFailures(code: Int32, failure: TLSFailure) {
        #expect(TLSConnection.failure(forVerifyResult: code) == failure)
    }

    @Test func failureNamesAreTheDocumentedOnes() {
        #expect(TLSFailure.allCases.map(\.rawValue) == [
            "tls-untrusted-certificate", "tls-name-mismatch", "tls-expired", "tls-protocol",
        ])
        #expect(TransportError(.tls(.nameMismatch), "x").name == "tls-name-mismatch")
    }

    @Test func aServerThatClosesIsATLSProtocolError() async throws {
        let listener = try TCPListener(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        defer { listener.close() }
        let server = Task {
            let peer = try await listener.accept(deadline: deadline(ms: 10_000))
            _ = try await peer.read(maximumLength: 4_096, deadline: deadline(ms: 10_000))   // the ClientHello
            peer.close()
        }
        await #expect {
            _ = try await TLSConnection.connect(to: listener.address, options: TLSOptions(serverName: "localhost"),
                                                deadline: deadline(ms: 10_000))
        } throws: { error in
            guard let error = error as? TransportError else { return false }
            return error.kind == .tls(.protocolError) || error.kind == .reset
        }
        try await server.value
    }

    @Test func aServerThatAnswersPlainTextIsATLSProtocolError() async throws {
        let listener = try TCPListener(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        defer { listener.close() }
        let server = Task {
            let peer = try await listener.accept(deadline: deadline(ms: 10_000))
            defer { peer.close() }
            _ = try await peer.read(maximumLength: 4_096, deadline: deadline(ms: 10_000))
            try await peer.write(Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8), deadline: deadline(ms: 10_000))
            _ = try? await peer.read(maximumLength: 4_096, deadline: deadline(ms: 10_000))
        }
        await #expect {
            _ = try await TLSConnection.connect(to: listener.address, options: TLSOptions(serverName: "localhost"),
                                                deadline: deadline(ms: 10_000))
        } throws: { error in
            guard let error = error as? TransportError else { return false }
            return error.kind == .tls(.protocolError) && error.message.contains("handshake")
        }
        try await server.value
    }

    @Test func aSilentServerTimesOutAtTheDeadline() async throws {
        let listener = try TCPListener(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        defer { listener.close() }
        let server = Task {
            let peer = try await listener.accept(deadline: deadline(ms: 10_000))
            try await SystemClock().sleep(nanoseconds: Nanoseconds.seconds(8))
            peer.close()
        }
        let clock = SystemClock()
        let start = clock.now
        await #expect {
            _ = try await TLSConnection.connect(to: listener.address, options: TLSOptions(serverName: "localhost"),
                                                deadline: deadline(ms: 300))
        } throws: { ($0 as? TransportError)?.kind == .timeout }
        // 300 ms plus generous slack for a loaded machine, well below the server's 8 s.
        #expect(clock.elapsed(since: start) < Nanoseconds.seconds(5))
        try await server.value
    }

    @Test func aMissingCAFileIsAConfigurationError() async throws {
        let listener = try TCPListener(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        defer { listener.close() }
        await #expect {
            _ = try await TLSConnection.connect(
                to: listener.address,
                options: TLSOptions(serverName: "localhost", caFile: "/nonexistent/ca.pem"),
                deadline: deadline(ms: 10_000))
        } throws: { error in
            guard let error = error as? TransportError else { return false }
            return error.kind == .configuration && error.message.contains("/nonexistent/ca.pem")
        }
    }
}
