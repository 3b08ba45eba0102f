import Testing
import Glibc
import StunWire
@testable import ProbeTransport

private let loopback4 = TransportAddress(ip: .loopbackV4, port: 0)
private let loopback6 = TransportAddress(ip: .loopbackV6, port: 0)
private func deadline(ms: UInt64) -> UInt64 { SystemClock().now + Nanoseconds.milliseconds(ms) }

struct SocketTests {
    @Test(arguments: [loopback4, loopback6])
    func udpRoundTripReportsSourceAndLocalAddress(bindAddress: TransportAddress) async throws {
        let server = try UDPSocket(bindingTo: bindAddress)
        let client = try UDPSocket(bindingTo: bindAddress)
        defer { server.close(); client.close() }
        let serverAddress = try server.localAddress()
        let clientAddress = try client.localAddress()
        #expect(serverAddress.ip == bindAddress.ip)
        #expect(serverAddress.port != 0)

        let sentAt = try await client.send([1, 2, 3], to: serverAddress, deadline: deadline(ms: 10_000))
        let received = try #require(try await server.receive(deadline: deadline(ms: 10_000)))
        #expect(received.bytes == [1, 2, 3])
        #expect(received.source == clientAddress)
        #expect(received.receivedAt >= sentAt)

        try await server.send([4, 5], to: clientAddress, deadline: deadline(ms: 10_000))
        let reply = try #require(try await client.receive(deadline: deadline(ms: 10_000)))
        #expect(reply.bytes == [4, 5])
        #expect(reply.source == serverAddress)
    }

    @Test func udpReceiveReturnsNilAtTheDeadline() async throws {
        let socket = try UDPSocket(bindingTo: loopback4)
        defer { socket.close() }
        let clock = SystemClock()
        let start = clock.now
        let datagram = try await socket.receive(deadline: start + Nanoseconds.milliseconds(150))
        let elapsed = clock.elapsed(since: start)
        #expect(datagram == nil)
        #expect(elapsed >= Nanoseconds.milliseconds(150))
        #expect(elapsed < Nanoseconds.seconds(5))   // generous: the machine may be loaded
    }

    @Test func connectedUDPSocketFindsTheRealLocalAddressAndReportsRefused() async throws {
        // A port nobody listens on: bind one, note it, close it.
        let probe = try UDPSocket(bindingTo: loopback4)
        let closedPort = try probe.localAddress()
        probe.close()

        let socket = try UDPSocket(bindingTo: TransportAddress(ip: .anyV4, port: 0))
        defer { socket.close() }
        #expect(try socket.localAddress().ip == .anyV4)
        try socket.connect(to: closedPort)
        #expect(try socket.localAddress().ip == .loopbackV4)   // the kernel chose the route's source
        try await socket.send([0], to: closedPort, deadline: deadline(ms: 10_000))
        await #expect(throws: TransportError.self) {
            _ = try await socket.receive(deadline: deadline(ms: 10_000))
        }
        do {
            _ = try await socket.receive(deadline: deadline(ms: 200))
        } catch {
            // Only one ICMP error is queued; later receives may time out instead.
            #expect(error.kind == .refused)
        }
    }

    @Test func bindingToANonLocalAddressIsAddressUnavailable() throws {
        #expect {
            _ = try UDPSocket(bindingTo: TransportAddress(ip: IPAddress("192.0.2.1")!, port: 0))
        } throws: { ($0 as? TransportError)?.kind == .addressUnavailable }
    }

    @Test func cancellingAWaitingReceiveEndsItPromptly() async throws {
        let socket = try UDPSocket(bindingTo: loopback4)
        defer { socket.close() }
        let clock = SystemClock()
        let start = clock.now
        let waiting = Task { try await socket.receive(deadline: deadline(ms: 30_000)) }
        try await clock.sleep(nanoseconds: Nanoseconds.milliseconds(50))
        waiting.cancel()
        await #expect {
            _ = try await waiting.value
        } throws: { ($0 as? TransportError)?.kind == .cancelled }
        #expect(clock.elapsed(since: start) < Nanoseconds.seconds(8))   // far below the 30 s deadline
    }

    @Test func closedSocketFailsWithClosed() async throws {
        let socket = try UDPSocket(bindingTo: loopback4)
        socket.close()
        await #expect {
            _ = try await socket.receive(deadline: deadline(ms: 500))
        } throws: { ($0 as? TransportError)?.kind == .closed }
    }

    @Test func tcpConnectToAClosedPortIsRefused() async throws {
        let probe = try UDPSocket(bindingTo: loopback4)   // ports are per protocol, but a fresh one is likely free on TCP too
        let port = try probe.localAddress().port
        probe.close()
        let clock = SystemClock()
        let start = clock.now
        await #expect {
            _ = try await TCPConnection.connect(to: TransportAddress(ip: .loopbackV4, port: port), deadline: deadline(ms: 10_000))
        } throws: { ($0 as? TransportError)?.kind == .refused }
        #expect(clock.elapsed(since: start) < Nanoseconds.seconds(5))
    }

    @Test(arguments: [loopback4, loopback6])
    func tcpEchoThroughATestListener(bindAddress: TransportAddress) async throws {
        let listener = try TCPListener(bindingTo: bindAddress)
        defer { listener.close() }
        let serverTask = Task {
            // Echo until the client closes.
            let peer = try await listener.accept(deadline: deadline(ms: 10_000))
            defer { peer.close() }
            while true {
                do {
                    let chunk = try await peer.read(maximumLength: 65_536, deadline: deadline(ms: 10_000))
                    try await peer.write(chunk.bytes, deadline: deadline(ms: 10_000))
                } catch let error as TransportError where error.kind == .closed || error.kind == .reset {
                    return
                }
            }
        }
        let connection = try await TCPConnection.connect(to: listener.address, deadline: deadline(ms: 10_000))
        defer { connection.close() }
        #expect(connection.remoteAddress == listener.address)
        #expect(connection.localAddress.ip == bindAddress.ip)
        let payload = [UInt8](repeating: 7, count: 100_000)
        try await connection.write(payload, deadline: deadline(ms: 10_000))
        var received: [UInt8] = []
        while received.count < payload.count {
            received += try await connection.read(maximumLength: 65_536, deadline: deadline(ms: 10_000)).bytes
        }
        #expect(received == payload)
        connection.close()
        try await serverTask.value
    }

    @Test func tcpReadTimesOutAndReportsClose() async throws {
        let listener = try TCPListener(bindingTo: loopback4)
        defer { listener.close() }
        let serverTask = Task {
            let peer = try await listener.accept(deadline: deadline(ms: 10_000))
            try await SystemClock().sleep(nanoseconds: Nanoseconds.milliseconds(400))
            peer.close()
        }
        let connection = try await TCPConnection.connect(to: listener.address, deadline: deadline(ms: 10_000))
        defer { connection.close() }
        await #expect {
            _ = try await connection.read(maximumLength: 100, deadline: deadline(ms: 100))
        } throws: { ($0 as? TransportError)?.kind == .timeout }
        await #expect {
            _ = try await connection.read(maximumLength: 100, deadline: deadline(ms: 10_000))
        } throws: { ($0 as? TransportError)?.kind == .closed }
        try await serverTask.value
    }

    @Test func dnsLiteralsSkipTheResolver() async throws {
        let v4 = try await DNSResolver.resolve(host: "192.0.2.7", port: 3478, deadline: 0)
        #expect(v4 == [TransportAddress("192.0.2.7:3478")!])
        let v6 = try await DNSResolver.resolve(host: "2001:db8::7", port: 5349, deadline: 0)
        #expect(v6 == [TransportAddress("[2001:db8::7]:5349")!])
    }

    @Test func dnsResolvesLocalhost() async throws {
        let addresses = try await DNSResolver.resolve(host: "localhost", port: 3478, deadline: deadline(ms: 10_000))
        #expect(addresses.contains(TransportAddress(ip: .loopbackV4, port: 3478)))
    }

    @Test func dnsUnknownNameIsANamedDNSErrorWithinTheBound() async throws {
        let clock = SystemClock()
        let start = clock.now
        // .invalid never resolves (RFC 6761); the bound caps a slow resolver too.
        await #expect {
            _ = try await DNSResolver.resolve(host: "no-such-host.invalid", port: 3478, deadline: deadline(ms: 1_500))
        } throws: { error in
            guard let error = error as? TransportError else { return false }
            return error.kind == .dns && error.message.contains("no-such-host.invalid")
        }
        #expect(clock.elapsed(since: start) < Nanoseconds.milliseconds(2_500))
    }

    @Test func dnsDeadlineInThePastTimesOutAtOnce() async throws {
        let clock = ManualClock(start: 10)
        await #expect {
            _ = try await DNSResolver.resolve(host: "example.invalid", port: 1, deadline: 5, clock: clock)
        } throws: { error in
            guard let error = error as? TransportError else { return false }
            return error.kind == .dns && error.message.contains("timed out")
        }
    }

    @Test(arguments: [
        (ECONNREFUSED, "refused"), (EHOSTUNREACH, "unreachable"), (ENETUNREACH, "unreachable"),
        (ECONNRESET, "reset"), (EPIPE, "reset"), (ETIMEDOUT, "timeout"), (EADDRINUSE, "address-unavailable"),
        (EPERM, "unreachable"), (ENOMEM, "system"),
    ] as [(Int32, String)])
    func errnoMapping(code: Int32, name: String) {
        let error = PosixSocket.errorFromErrno(code, doing: "testing")
        #expect(error.name == name)
        #expect(error.code == code)
        #expect(error.message.hasPrefix("testing: "))
    }
}
