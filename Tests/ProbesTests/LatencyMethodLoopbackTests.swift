import Diagnosis
import Foundation
import Testing
@testable import Probes
import ProbeTransport
import StunWire

/// The TCP latency probes against servers on loopback: an honest STUN server, hostile ones, a
/// listening port and a closed one. Every run must end by its deadline with the right counts.
struct LatencyMethodLoopbackTests {
    static let spacing = Nanoseconds.milliseconds(10)

    func stunOverTcp(_ behaviour: LoopbackStunServer.Behaviour, samples: Int = 5, withinMs: UInt64 = 1500) async throws -> (LatencyMethodSamples, Double) {
        let server = try LoopbackStunServer(behaviour)
        defer { server.stop() }
        let clock = SystemClock()
        let start = clock.now
        let uri = ServerURI(scheme: .stun, host: "127.0.0.1", port: server.tcpAddress.port)
        let result = await StunStreamLatencyProbe.run(method: .stunTcp, server: uri, destination: server.tcpAddress, samples: samples,
                                                      spacing: Self.spacing, deadline: start + Nanoseconds.milliseconds(withinMs),
                                                      caFile: nil, insecure: false)
        return (result, Nanoseconds.toMilliseconds(clock.elapsed(since: start)))
    }

    // The server runs in the test process on a shared machine, so RTTs are only bounded loosely
    // here; the lab scenarios (check-tcp443-latency) hold the timing to 3 ms against coturn.
    @Test("an honest STUN/TCP server: every paced request answered on one connection")
    func honest() async throws {
        let (result, elapsed) = try await stunOverTcp(.honest)
        #expect(result.method == .stunTcp && result.sent == 5 && result.received == 5 && result.error == nil)
        #expect(result.answered == [true, true, true, true, true])
        #expect(result.rttSamplesMs.allSatisfy { $0 >= 0 && $0 < 1000 }, "\(result.rttSamplesMs) \(result)")
        #expect(elapsed < 1500, "took \(elapsed) ms")
    }

    @Test("answers with wrong transaction IDs count for nothing: all lost, timeout, by the bound")
    func wrongIDs() async throws {
        let (result, elapsed) = try await stunOverTcp(.wrongTransactionIDs, withinMs: 1500)
        #expect(result.sent == 5 && result.received == 0 && result.error == "timeout")
        #expect(elapsed < 2200, "took \(elapsed) ms (deadline 1500 ms)")
    }

    @Test("a stream that is not STUN framing stops the probe as malformed, without a crash")
    func garbage() async throws {
        let (result, _) = try await stunOverTcp(.garbageStream)
        // The server writes its garbage and closes at once: the client sees the bytes (malformed)
        // or the reset that the unread request causes, depending on timing; never a crash.
        #expect(result.received == 0 && ["malformed", "reset", "closed"].contains(result.error ?? ""), "\(result)")
    }

    @Test("a server dribbling one byte every 100 ms cannot hold the probe past its deadline")
    func slowBytes() async throws {
        let (result, elapsed) = try await stunOverTcp(.slowBytes, withinMs: 800)
        #expect(result.received == 0 && result.error == "timeout")
        #expect(elapsed < 1500, "took \(elapsed) ms (deadline 800 ms)")
    }

    @Test("TCP connect timing to a listening port; a closed port is refused")
    func tcpConnect() async throws {
        let listener = try TCPListener(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        let accepting = Task {
            var open: [TCPConnection] = []
            while !Task.isCancelled, let connection = try? await listener.accept(deadline: SystemClock().now + Nanoseconds.seconds(5)) {
                open.append(connection)
            }
            for connection in open { connection.close() }
        }
        defer { accepting.cancel(); listener.close() }
        let clock = SystemClock()
        let target = LatencyTarget(kind: .tcp, host: "127.0.0.1", port: listener.address.port)
        let results = await StreamLatencyProbe.run(target: target, destination: listener.address, samples: 4, spacing: Self.spacing,
                                                   deadline: clock.now + Nanoseconds.seconds(2), caFile: nil, insecure: false)
        #expect(results.map(\.method) == [.tcpConnect])
        #expect(results.first?.received == 4 && results.first?.error == nil)
        #expect(results.first?.target == "tcp:127.0.0.1:\(listener.address.port)")

        // A port nobody listens on (the listener's, once closed).
        let closed = try TCPListener(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
        let address = closed.address
        closed.close()
        let refused = await StreamLatencyProbe.run(target: LatencyTarget(kind: .tls, host: "127.0.0.1", port: address.port),
                                                   destination: address, samples: 3, spacing: Self.spacing,
                                                   deadline: clock.now + Nanoseconds.seconds(2), caFile: nil, insecure: false)
        #expect(refused.map(\.method) == [.tcpConnect, .tlsHandshake])
        #expect(refused.allSatisfy { $0.sent == 3 && $0.received == 0 && $0.error == "refused" }, "\(refused)")
    }

    @Test("a TLS target whose server speaks no TLS: connects timed, handshakes failed and named")
    func tlsAgainstPlainServer() async throws {
        let server = try LoopbackStunServer(.garbageStream)
        defer { server.stop() }
        let clock = SystemClock()
        let results = await StreamLatencyProbe.run(target: LatencyTarget(kind: .tls, host: "127.0.0.1", port: server.tcpAddress.port),
                                                   destination: server.tcpAddress, samples: 2, spacing: Self.spacing,
                                                   deadline: clock.now + Nanoseconds.milliseconds(1500), caFile: nil, insecure: false)
        #expect(results.first?.received == 2)
        #expect(results.last?.method == .tlsHandshake && results.last?.received == 0)
        #expect(results.last?.error != nil, "\(results)")
    }
}
