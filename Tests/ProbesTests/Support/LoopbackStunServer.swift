import StunWire
import ProbeTransport

/// A small STUN responder on 127.0.0.1 (UDP and TCP on kernel-chosen ports) whose answers a test
/// chooses: honest, RFC 3489 style, or hostile. Stopped by `stop()` (tests call it in `defer`).
final class LoopbackStunServer: Sendable {
    enum Behaviour: Sendable {
        /// XOR-MAPPED-ADDRESS = the sender, plus SOFTWARE, OTHER-ADDRESS and RESPONSE-ORIGIN.
        case honest
        /// Classic RFC 3489: MAPPED-ADDRESS only.
        case rfc3489
        /// A Binding error response with this code.
        case errorResponse(Int)
        /// A success response without any mapped address.
        case noMappedAddress
        /// Garbage, a wrong transaction ID, a truncated copy, a huge length field, then the honest answer.
        case hostileThenHonest
        /// Only answers with wrong transaction IDs.
        case wrongTransactionIDs
        /// Only answers with truncated messages / huge length fields.
        case brokenOnly
        /// Answers honestly but from another port (a different socket).
        case fromOtherPort
        /// Never answers.
        case silent
        /// TCP: a header promising a long body, then one byte every 100 ms.
        case slowBytes
        /// TCP: bytes that cannot be STUN framing.
        case garbageStream
    }

    let behaviour: Behaviour
    let udp: UDPSocket
    let other: UDPSocket
    let tcp: TCPListener
    let udpAddress: TransportAddress
    let tcpAddress: TransportAddress
    private let tasks = LockedTasks()

    init(_ behaviour: Behaviour, ip: IPAddress = .loopbackV4) throws {
        self.behaviour = behaviour
        let any = TransportAddress(ip: ip, port: 0)
        udp = try UDPSocket(bindingTo: any)
        other = try UDPSocket(bindingTo: any)
        tcp = try TCPListener(bindingTo: any)
        udpAddress = try udp.localAddress()
        tcpAddress = tcp.address
        tasks.add(Task { [self] in await self.serveUDP() })
        tasks.add(Task { [self] in await self.serveTCP() })
    }

    func stop() {
        tasks.cancelAll()
        udp.close()
        other.close()
        tcp.close()
    }

    private static func far() -> UInt64 { SystemClock().now + Nanoseconds.seconds(30) }

    private func serveUDP() async {
        while !Task.isCancelled {
            guard let datagram = try? await udp.receive(deadline: LoopbackStunServer.far()) else {
                if udp.isClosedForTests { return }
                continue
            }
            guard let source = datagram.source else { continue }
            let replies = answers(to: datagram.bytes, from: source)
            let sender = { if case .fromOtherPort = self.behaviour { return self.other } else { return self.udp } }()
            for reply in replies {
                _ = try? await sender.send(reply, to: source, deadline: SystemClock().now + Nanoseconds.seconds(1))
            }
        }
    }

    private func serveTCP() async {
        while !Task.isCancelled {
            guard let connection = try? await tcp.accept(deadline: LoopbackStunServer.far()) else {
                if Task.isCancelled { return }
                continue
            }
            tasks.add(Task { [self] in await self.serve(connection) })
        }
    }

    private func serve(_ connection: TCPConnection) async {
        defer { connection.close() }
        var decoder = StunStreamDecoder()
        while !Task.isCancelled {
            guard let chunk = try? await connection.read(maximumLength: 65_536, deadline: LoopbackStunServer.far()) else { return }
            decoder.feed(chunk.bytes)
            while case .message(let request)? = try? decoder.nextFrame() {
                let bytes = request.encode()
                switch behaviour {
                case .slowBytes:
                    var header = Array(LoopbackStunServer.response(to: request, mapped: connection.remoteAddress, local: tcpAddress).prefix(20))
                    header[2] = 0x04; header[3] = 0x00      // promises 1024 bytes
                    guard (try? await connection.write(header, deadline: SystemClock().now + Nanoseconds.seconds(1))) != nil else { return }
                    for _ in 0..<600 {
                        if Task.isCancelled { return }
                        try? await SystemClock().sleep(nanoseconds: Nanoseconds.milliseconds(100))
                        guard (try? await connection.write([0], deadline: SystemClock().now + Nanoseconds.seconds(1))) != nil else { return }
                    }
                    return
                case .garbageStream:
                    _ = try? await connection.write([0xFF, 0xFF, 0x00, 0x10, 1, 2, 3, 4], deadline: SystemClock().now + Nanoseconds.seconds(1))
                    return
                default:
                    for reply in answers(to: bytes, from: connection.remoteAddress) {
                        guard (try? await connection.write(reply, deadline: SystemClock().now + Nanoseconds.seconds(1))) != nil else { return }
                    }
                }
            }
        }
    }

    /// The datagrams/frames to send back for one request.
    private func answers(to bytes: [UInt8], from source: TransportAddress) -> [[UInt8]] {
        guard let request = try? StunMessage.decode(bytes), request.messageClass == .request else { return [] }
        let honest = LoopbackStunServer.response(to: request, mapped: source, local: udpAddress,
                                                 otherAddress: TransportAddress(ip: .loopbackV4, port: 3479))
        switch behaviour {
        case .honest, .fromOtherPort:
            return [honest]
        case .rfc3489:
            var message = StunMessage(method: .binding, messageClass: .successResponse, transactionID: request.transactionID)
            message.append(MappedAddress(source))
            return [message.encode()]
        case .errorResponse(let code):
            var message = StunMessage(method: .binding, messageClass: .errorResponse, transactionID: request.transactionID)
            message.append(ErrorCode(code: code, reason: "Test Error"))
            return [message.encode()]
        case .noMappedAddress:
            var message = StunMessage(method: .binding, messageClass: .successResponse, transactionID: request.transactionID)
            message.append(Software("mapless"))
            return [message.encode()]
        case .hostileThenHonest:
            return LoopbackStunServer.hostile(request, source: source) + [honest]
        case .wrongTransactionIDs:
            var message = StunMessage(method: .binding, messageClass: .successResponse, transactionID: .random())
            message.append(XorMappedAddress(TransportAddress(ip: .loopbackV4, port: 1)))
            return [message.encode()]
        case .brokenOnly:
            var truncated = honest
            truncated.removeLast(4)
            var huge = honest
            huge[2] = 0xFF; huge[3] = 0xFC
            return [truncated, huge]
        case .silent, .slowBytes, .garbageStream:
            return []
        }
    }

    private static func hostile(_ request: StunMessage, source: TransportAddress) -> [[UInt8]] {
        var wrongID = StunMessage(method: .binding, messageClass: .successResponse, transactionID: .random())
        wrongID.append(XorMappedAddress(TransportAddress(ip: .loopbackV4, port: 9)))
        var truncated = response(to: request, mapped: source, local: source)
        truncated.removeLast(4)
        var huge = response(to: request, mapped: source, local: source)
        huge[2] = 0xFF; huge[3] = 0xFC
        return [[0x47, 0x45, 0x54, 0x20, 0x2F], wrongID.encode(), truncated, huge]
    }

    static func response(to request: StunMessage, mapped: TransportAddress, local: TransportAddress,
                         otherAddress: TransportAddress? = nil) -> [UInt8] {
        var message = StunMessage(method: .binding, messageClass: .successResponse, transactionID: request.transactionID)
        message.append(XorMappedAddress(mapped))
        if let otherAddress {
            message.append(OtherAddress(otherAddress))
            message.append(ResponseOrigin(local))
        }
        message.append(Software("iceprobe-test-responder"))
        message.appendFingerprint()
        return message.encode()
    }
}

/// The responder's tasks, cancelled together.
final class LockedTasks: Sendable {
    private let tasks = Locked<[Task<Void, Never>]>([])
    func add(_ task: Task<Void, Never>) { tasks.withLock { $0.append(task) } }
    func cancelAll() { tasks.withLock { $0.forEach { $0.cancel() }; $0.removeAll() } }
}

extension UDPSocket {
    /// True once `close()` was called (a receive then fails instead of returning nil).
    var isClosedForTests: Bool {
        (try? localAddress()) == nil
    }
}
