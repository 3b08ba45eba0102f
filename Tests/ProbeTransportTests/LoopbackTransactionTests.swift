import Testing
import StunWire
@testable import ProbeTransport

private func deadline(ms: UInt64) -> UInt64 { SystemClock().now + Nanoseconds.milliseconds(ms) }

/// Transactions over real sockets on 127.0.0.1 against small responders written here.
struct LoopbackTransactionTests {
    @Test func udpTransactionAgainstALoopbackResponder() async throws {
        let server = try UDPSocket(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        defer { server.close() }
        let serverAddress = try server.localAddress()
        let responder = Task {
            // Garbage first, then the real answer with the observed source as mapped address.
            guard let datagram = try await server.receive(deadline: deadline(ms: 5_000)), let source = datagram.source else { return }
            try await server.send([1, 2, 3, 4, 5], to: source, deadline: deadline(ms: 10_000))
            try await server.send(StunSamples.response(to: datagram.bytes, mapped: source), to: source, deadline: deadline(ms: 10_000))
        }
        let client = try UDPSocket(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        defer { client.close() }
        // A long first RTO: on a loaded machine the responder task may be slow, and a
        // retransmission would (rightly) make the RTT ambiguous.
        let transaction = StunTransaction(request: StunSamples.bindingRequest(), destination: serverAddress,
                                          schedule: .rfc8489(rto: Nanoseconds.seconds(4)),
                                          deadline: deadline(ms: 5_000))
        let outcome = await transaction.run(over: client)
        try await responder.value
        let response = try #require(outcome.response)
        #expect(try response.message.attribute(XorMappedAddress.self)?.address == client.localAddress())
        let rtt = try #require(outcome.rtt)
        #expect(rtt > 0 && rtt < Nanoseconds.seconds(3))
        #expect(outcome.strays.map(\.reason) == [.notStun])
    }

    @Test func udpTransactionToASilentPortTimesOutWithinTheDeadline() async throws {
        let silent = try UDPSocket(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        defer { silent.close() }
        let client = try UDPSocket(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        defer { client.close() }
        let clock = SystemClock()
        let start = clock.now
        let outcome = await StunTransaction(request: StunSamples.bindingRequest(), destination: try silent.localAddress(),
                                            deadline: deadline(ms: 700)).run(over: client)
        let elapsed = clock.elapsed(since: start)
        #expect(outcome.error?.kind == .timeout)
        #expect((1...2).contains(outcome.requestsSent))    // at 0 and 500 ms (the second may miss the 700 ms cut when the machine is loaded)
        #expect(elapsed >= Nanoseconds.milliseconds(690) && elapsed < Nanoseconds.milliseconds(2_500))
    }

    @Test func streamTransactionsOverTCPKeepFramingAcrossRequests() async throws {
        let listener = try TCPListener(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        defer { listener.close() }
        let server = Task {
            let peer = try await listener.accept(deadline: deadline(ms: 10_000))
            defer { peer.close() }
            var decoder = StunStreamDecoder()
            var answered = 0
            while answered < 2 {
                decoder.feed(try await peer.read(maximumLength: 4_096, deadline: deadline(ms: 10_000)).bytes)
                while case .message(let request)? = try decoder.nextFrame() {
                    let bytes = StunSamples.response(to: request.encode(), mapped: peer.remoteAddress)
                    // Answer in two pieces with a stray message and a ChannelData frame in front.
                    var stray = StunMessage(method: .binding, messageClass: .successResponse, transactionID: .random())
                    stray.append(Software("noise"))
                    let channelData = ChannelData(channel: 0x4001, payload: [9, 9, 9]).encode(padToFour: true)
                    try await peer.write(stray.encode() + channelData + Array(bytes.prefix(7)), deadline: deadline(ms: 10_000))
                    try await SystemClock().sleep(nanoseconds: Nanoseconds.milliseconds(20))
                    try await peer.write(Array(bytes.dropFirst(7)), deadline: deadline(ms: 10_000))
                    answered += 1
                }
            }
        }
        let connection = try await TCPConnection.connect(to: listener.address, deadline: deadline(ms: 10_000))
        let client = StunStreamClient(stream: connection)
        defer { client.close() }
        for _ in 0..<2 {
            let outcome = await client.transact(StunSamples.bindingRequest(), deadline: deadline(ms: 10_000))
            let response = try #require(outcome.response)
            #expect(try response.message.attribute(XorMappedAddress.self)?.address == connection.localAddress)
            #expect(outcome.strays.map(\.reason) == [.wrongTransactionID, .channelData])
            #expect((outcome.rtt ?? 0) >= Nanoseconds.milliseconds(20))
        }
        try await server.value
    }

    @Test func garbageOnAStreamIsMalformedAndSlowBytesHitTheDeadline() async throws {
        let listener = try TCPListener(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        defer { listener.close() }
        let server = Task {
            // First connection: bytes that cannot start any STUN or ChannelData frame. Second: a header promising 1000 bytes, then one
            // byte every 100 ms.
            let first = try await listener.accept(deadline: deadline(ms: 10_000))
            _ = try await first.read(maximumLength: 4_096, deadline: deadline(ms: 10_000))
            try await first.write([0xC0, 0x01, 0x02, 0x03, 0x04], deadline: deadline(ms: 10_000))
            let second = try await listener.accept(deadline: deadline(ms: 10_000))
            defer { first.close(); second.close() }
            let request = try await second.read(maximumLength: 4_096, deadline: deadline(ms: 10_000)).bytes
            var header = Array(StunSamples.response(to: request).prefix(20))
            header[2] = 0x03; header[3] = 0xE8
            try await second.write(header, deadline: deadline(ms: 10_000))
            for _ in 0..<10 {
                try await SystemClock().sleep(nanoseconds: Nanoseconds.milliseconds(100))
                do { try await second.write([0], deadline: deadline(ms: 10_000)) } catch { return }
            }
        }
        let http = StunStreamClient(stream: try await TCPConnection.connect(to: listener.address, deadline: deadline(ms: 10_000)))
        let garbage = await http.transact(StunSamples.bindingRequest(), deadline: deadline(ms: 10_000))
        http.close()
        #expect(garbage.error?.kind == .malformed)

        let slow = StunStreamClient(stream: try await TCPConnection.connect(to: listener.address, deadline: deadline(ms: 10_000)))
        let clock = SystemClock()
        let start = clock.now
        let outcome = await slow.transact(StunSamples.bindingRequest(), deadline: deadline(ms: 400))
        slow.close()
        #expect(outcome.error?.kind == .timeout)
        #expect(outcome.error?.message.contains("unfinished frame") == true)
        #expect(clock.elapsed(since: start) < Nanoseconds.milliseconds(2_000))
        try await server.value
    }
}
