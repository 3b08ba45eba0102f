import Foundation
import Testing
@testable import ProbeTransport
import StunWire

private func deadline(ms: UInt64) -> UInt64 { SystemClock().now + Nanoseconds.milliseconds(ms) }

/// HTTP CONNECT: the status line parser (total) and the tunnel against a fake proxy on loopback
/// that answers each way a real proxy can; every refusal has its own name.
@Suite struct HTTPConnectTunnelTests {
    @Test(arguments: [
        ("HTTP/1.1 200 Connection established\r\n\r\n", 200, nil),
        ("HTTP/1.0 200 OK\r\nProxy-agent: x\r\n\r\n", 200, nil),
        ("HTTP/1.1 403 Forbidden\r\n\r\n", 403, ProxyFailure.refused),
        ("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n", 407, .authenticationRequired),
        ("HTTP/1.1 502 Bad Gateway\r\n\r\n", 502, .badGateway),
        ("HTTP/1.1 504 Gateway Timeout\r\n\r\n", 504, .badGateway),
        ("HTTP/1.1 301 Moved\r\n\r\n", 301, .protocolError),
    ] as [(String, Int, ProxyFailure?)])
    func statusLines(text: String, status: Int, failure: ProxyFailure?) throws {
        let bytes = Array(text.utf8)
        #expect(HTTPConnectResponse.headerEnd(bytes) == bytes.count)
        let response = try HTTPConnectResponse.parse(bytes).get()
        #expect(response.status == status)
        let error = response.failure(proxy: "p:3128", target: "turn.example.test:443")
        #expect(error?.kind == failure.map { .proxy($0) })
        if let error { #expect(error.message.contains("p:3128") && error.message.contains("turn.example.test:443")) }
    }

    @Test func garbageIsAProtocolErrorNeverATrap() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let count = Int(generator.next() % 64)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if case .success(let response) = HTTPConnectResponse.parse(bytes) {
                #expect((100...599).contains(response.status))
            }
            _ = HTTPConnectResponse.headerEnd(bytes)
        }
        for text in ["", "HTTP/1.1", "HTTP/1.1 2000 x", "SSH-2.0-OpenSSH", "HTTP/2 200", "HTTP/1.1 abc"] {
            guard case .failure(let error) = HTTPConnectResponse.parse(Array(text.utf8)) else { Issue.record("\(text) parsed"); continue }
            #expect(error.kind == .proxy(.protocolError))
        }
    }

    /// A one-shot fake proxy: reads the CONNECT request, checks it, sends `answer`.
    private func withProxy(answer: String, closeAfterRequest: Bool = false,
                           _ body: (TransportAddress) async throws -> Void) async throws {
        let listener = try TCPListener(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        defer { listener.close() }
        let server = Task { () -> String in
            let peer = try await listener.accept(deadline: deadline(ms: 5_000))
            var request: [UInt8] = []
            while HTTPConnectResponse.headerEnd(request) == nil {
                let (bytes, _) = try await peer.read(maximumLength: 1_024, deadline: deadline(ms: 5_000))
                if bytes.isEmpty { break }
                request += bytes
            }
            if closeAfterRequest { peer.close(); return String(decoding: request, as: UTF8.self) }
            _ = try await peer.write(Array(answer.utf8), deadline: deadline(ms: 5_000))
            // Echo one message through the tunnel when it opened.
            if answer.contains(" 200 ") {
                let (bytes, _) = try await peer.read(maximumLength: 1_024, deadline: deadline(ms: 5_000))
                _ = try await peer.write(bytes, deadline: deadline(ms: 5_000))
            }
            peer.close()
            return String(decoding: request, as: UTF8.self)
        }
        try await body(listener.address)
        let request = try await server.value
        #expect(request.hasPrefix("CONNECT turn.example.test:443 HTTP/1.1\r\nHost: turn.example.test:443\r\n"))
    }

    @Test func aTunnelCarriesBytesAfter200() async throws {
        try await withProxy(answer: "HTTP/1.1 200 Connection established\r\n\r\n") { proxy in
            let tunnel = try await HTTPConnectTunnel.open(proxy: proxy, proxyName: "fake", host: "turn.example.test", port: 443,
                                                          deadline: deadline(ms: 5_000))
            _ = try await tunnel.write(Array("ping".utf8), deadline: deadline(ms: 5_000))
            let (echo, _) = try await tunnel.read(maximumLength: 16, deadline: deadline(ms: 5_000))
            #expect(echo == Array("ping".utf8))
            tunnel.close()
        }
    }

    @Test(arguments: [
        ("HTTP/1.1 403 Filtered\r\n\r\n", ProxyFailure.refused),
        ("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n", .authenticationRequired),
        ("HTTP/1.1 503 Service Unavailable\r\n\r\n", .badGateway),
        ("SSH-2.0-OpenSSH_9\r\n\r\n", .protocolError),
    ] as [(String, ProxyFailure)])
    func refusalsAreNamed(answer: String, failure: ProxyFailure) async throws {
        try await withProxy(answer: answer) { proxy in
            await #expect {
                _ = try await HTTPConnectTunnel.open(proxy: proxy, proxyName: "fake", host: "turn.example.test", port: 443,
                                                     deadline: deadline(ms: 5_000))
            } throws: { ($0 as? TransportError)?.kind == .proxy(failure) }
        }
    }

    @Test func aProxyThatHangsUpIsAProtocolError() async throws {
        try await withProxy(answer: "", closeAfterRequest: true) { proxy in
            await #expect {
                _ = try await HTTPConnectTunnel.open(proxy: proxy, proxyName: "fake", host: "turn.example.test", port: 443,
                                                     deadline: deadline(ms: 5_000))
            } throws: { ($0 as? TransportError)?.kind == .proxy(.protocolError) }
        }
    }

    @Test func noProxyListeningIsUnreachable() async throws {
        let listener = try TCPListener(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        let address = listener.address
        listener.close()   // nothing listens there now: connection refused
        await #expect {
            _ = try await HTTPConnectTunnel.open(proxy: address, proxyName: "gone", host: "turn.example.test", port: 443,
                                                 deadline: deadline(ms: 5_000))
        } throws: { ($0 as? TransportError)?.kind == .proxy(.unreachable) }
    }
}
