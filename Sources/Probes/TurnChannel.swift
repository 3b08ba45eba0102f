import ProbeTransport
import StunWire

/// The connection from a TURN client to its server: a connected UDP socket, or a TCP/TLS stream
/// with RFC 6062/8656 framing. Carries whole STUN messages and ChannelData frames.
///
/// Every operation is bounded by the deadline passed to it (nanoseconds on ``clock``).
final class TurnChannel: Sendable {
    let transport: TransportProtocol
    let server: TransportAddress
    let localAddress: TransportAddress
    let clock: any MonotonicClock
    private let udp: UDPSocket?
    private let stream: (any ByteStream)?
    private let decoder = Locked(StunStreamDecoder())
    /// Datagrams or frames that were neither STUN nor ChannelData (counted, never trusted).
    let strays = Locked(0)

    /// Timings of opening the channel, nanoseconds (nil when not applicable).
    struct OpenTimings: Sendable {
        var connect: UInt64?
        var tlsHandshake: UInt64?
        var tlsVersion: String?
    }

    private init(transport: TransportProtocol, server: TransportAddress, local: TransportAddress,
                 clock: any MonotonicClock, udp: UDPSocket?, stream: (any ByteStream)?) {
        self.transport = transport
        self.server = server
        self.localAddress = local
        self.clock = clock
        self.udp = udp
        self.stream = stream
    }

    /// Opens a channel to `server`. UDP does no I/O; TCP connects; TLS connects and handshakes
    /// (certificate and name verified unless `tls.insecure`). Bounded by `deadline`. On failure
    /// the error carries the timings of the steps that completed.
    /// With `proxy` (TCP and TLS only), the connection is a CONNECT tunnel to `tunnelHost` (the
    /// server's name, or its address after a redirect) and `server`'s port through the proxy.
    static func open(transport: TransportProtocol, server: TransportAddress, tls: TLSOptions,
                     deadline: UInt64, proxy: TurnProxyRoute? = nil,
                     tunnelHost: String? = nil) async -> Result<(TurnChannel, OpenTimings), OpenFailure> {
        var timings = OpenTimings()
        switch transport {
        case .udp:
            do {
                let socket = try UDPSocket(forFamilyOf: server)
                try socket.connect(to: server)
                let local = try socket.localAddress()
                return .success((TurnChannel(transport: .udp, server: server, local: local, clock: socket.clock,
                                             udp: socket, stream: nil), timings))
            } catch {
                return .failure(OpenFailure(error: error, timings: timings))
            }
        case .tcp, .tls:
            let clock = SystemClock()
            let start = clock.now
            let tcp: TCPConnection
            do {
                if let proxy {
                    tcp = try await HTTPConnectTunnel.open(proxy: proxy.address, proxyName: proxy.name,
                                                           host: tunnelHost ?? server.ip.description, port: server.port, deadline: deadline)
                } else {
                    tcp = try await TCPConnection.connect(to: server, deadline: deadline)
                }
            } catch {
                return .failure(OpenFailure(error: error, timings: timings))
            }
            timings.connect = clock.elapsed(since: start)
            if transport == .tcp {
                return .success((TurnChannel(transport: .tcp, server: server, local: tcp.localAddress, clock: tcp.clock,
                                             udp: nil, stream: tcp), timings))
            }
            let handshakeStart = clock.now
            do {
                let connection = try await TLSConnection.handshake(over: tcp, options: tls, deadline: deadline)
                timings.tlsHandshake = connection.handshakeDuration
                timings.tlsVersion = connection.protocolVersion
                return .success((TurnChannel(transport: .tls, server: server, local: connection.localAddress,
                                             clock: connection.clock, udp: nil, stream: connection), timings))
            } catch {
                if error.kind != .timeout { timings.tlsHandshake = clock.elapsed(since: handshakeStart) }
                return .failure(OpenFailure(error: error, timings: timings))
            }
        }
    }

    struct OpenFailure: Error, Sendable {
        var error: TransportError
        var timings: OpenTimings
    }

    /// Sends one STUN message or ChannelData frame.
    func send(_ bytes: [UInt8], deadline: UInt64) async throws(TransportError) -> UInt64 {
        if let udp {
            return try await udp.send(bytes, to: server, deadline: deadline)
        }
        guard let stream else { throw TransportError(.closed, "the channel is closed") }
        return try await stream.write(bytes, deadline: deadline)
    }

    /// The next STUN message or ChannelData frame from the server, with its arrival time; nil when
    /// none arrived by `deadline`. Undecodable datagrams are counted in ``strays`` and skipped; a
    /// broken stream throws `malformed` (the stream cannot be resynchronised).
    func receive(deadline: UInt64) async throws(TransportError) -> (frame: StunFrame, receivedAt: UInt64)? {
        if let udp {
            while true {
                guard let datagram = try await udp.receive(deadline: deadline) else { return nil }
                if let frame = Self.decodeDatagram(datagram.bytes) {
                    return (frame, datagram.receivedAt)
                }
                strays.withLock { $0 += 1 }
            }
        }
        guard let stream else { throw TransportError(.closed, "the channel is closed") }
        var receivedAt = clock.now
        while true {
            let next: Result<StunFrame?, StunDecodeError> = decoder.withLock { decoder in
                do throws(StunDecodeError) { return .success(try decoder.nextFrame()) } catch { return .failure(error) }
            }
            switch next {
            case .failure(let error):
                throw TransportError(.malformed, "the byte stream from \(server) is not STUN/TURN framing: \(error)")
            case .success(.some(let frame)):
                return (frame, receivedAt)
            case .success(.none):
                break
            }
            do {
                let chunk = try await stream.read(maximumLength: 65_536, deadline: deadline)
                receivedAt = chunk.receivedAt
                decoder.withLock { $0.feed(chunk.bytes) }
            } catch {
                if error.kind == .timeout { return nil }
                throw error
            }
        }
    }

    /// A datagram as a frame: STUN (first bits 00) or ChannelData (01); nil for anything else.
    static func decodeDatagram(_ bytes: [UInt8]) -> StunFrame? {
        guard let first = bytes.first else { return nil }
        switch first & 0xC0 {
        case 0x00:
            return (try? StunMessage.decode(bytes, allowClassic: false)).map { .message($0) }
        case 0x40:
            return (try? ChannelData.decode(bytes)).map { .channelData($0) }
        default:
            return nil
        }
    }

    func close() {
        udp?.close()
        stream?.close()
    }
}
