import StunWire

/// A TCP connection with deadline-bounded async connect, read and write.
public final class TCPConnection: ByteStream {
    let socket: PosixSocket
    public let localAddress: TransportAddress
    public let remoteAddress: TransportAddress

    public var clock: any MonotonicClock { socket.clock }

    /// From the `connect()` call to the moment the blocking wait saw the connection established
    /// (SYN to SYN-ACK plus local overhead, without the async hand-back); 0 for accepted sockets.
    public let connectDuration: UInt64

    init(socket: PosixSocket, local: TransportAddress, remote: TransportAddress, connectDuration: UInt64 = 0) {
        self.socket = socket
        self.localAddress = local
        self.remoteAddress = remote
        self.connectDuration = connectDuration
    }

    /// Connects to `remote`, optionally from `local`, giving up at `deadline` (SystemClock
    /// nanoseconds) with `timeout`. A RST gives `refused`, ICMP unreachable gives `unreachable`.
    public static func connect(to remote: TransportAddress, from local: TransportAddress? = nil,
                               deadline: UInt64) async throws(TransportError) -> TCPConnection {
        let socket = try PosixSocket.open(.stream, ipv4: remote.ip.isIPv4)
        if let local {
            guard local.ip.isIPv4 == remote.ip.isIPv4 else {
                throw TransportError(.configuration, "local address \(local) and server \(remote) are of different IP families")
            }
            try socket.bind(local)
        }
        let clock = socket.clock
        let started = clock.now
        var duration: UInt64 = 0
        let connected = try socket.connect(remote)
        if connected {
            duration = clock.now.subtractingSaturating(started)
        } else {
            let result = await BlockingIO.run { cancelled -> Result<UInt64, TransportError> in
                do throws(TransportError) {
                    if try !socket.wait(forWriting: true, deadline: deadline, cancelled: cancelled) {
                        return .failure(TransportError(.timeout, "TCP connect to \(remote) did not complete before the deadline"))
                    }
                    let establishedAt = clock.now
                    if let error = socket.pendingError(doing: "connecting to \(remote)") { return .failure(error) }
                    return .success(establishedAt.subtractingSaturating(started))
                } catch {
                    return .failure(error)
                }
            }
            switch result {
            case .failure(let error):
                socket.close()
                throw error
            case .success(let took):
                duration = took
            }
        }
        let localAddress = try socket.localAddress()
        return TCPConnection(socket: socket, local: localAddress, remote: remote, connectDuration: duration)
    }

    @discardableResult
    public func write(_ bytes: [UInt8], deadline: UInt64) async throws(TransportError) -> UInt64 {
        let socket = self.socket
        let before = socket.clock.now
        let offset = try socket.send(bytes[...])
        if offset >= bytes.count { return before }
        let start = offset
        return try await BlockingIO.run { cancelled -> Result<UInt64, TransportError> in
            do throws(TransportError) {
                var written = start
                while written < bytes.count {
                    if try !socket.wait(forWriting: true, deadline: deadline, cancelled: cancelled) {
                        return .failure(TransportError(.timeout, "could not send \(bytes.count - written) of \(bytes.count) bytes before the deadline"))
                    }
                    written += try socket.send(bytes[written...])
                }
                return .success(socket.clock.now)
            } catch {
                return .failure(error)
            }
        }.get()
    }

    public func read(maximumLength: Int, deadline: UInt64) async throws(TransportError) -> (bytes: [UInt8], receivedAt: UInt64) {
        let socket = self.socket
        let remote = remoteAddress
        return try await BlockingIO.run { cancelled -> Result<(bytes: [UInt8], receivedAt: UInt64), TransportError> in
            do throws(TransportError) {
                while true {
                    if let (bytes, receivedAt) = try socket.receive(maximumLength: maximumLength) {
                        if bytes.isEmpty { return .failure(TransportError(.closed, "\(remote) closed the connection")) }
                        return .success((bytes, receivedAt))
                    }
                    if try !socket.wait(forWriting: false, deadline: deadline, cancelled: cancelled) {
                        return .failure(TransportError(.timeout, "nothing received from \(remote) before the deadline"))
                    }
                }
            } catch {
                return .failure(error)
            }
        }.get()
    }

    public func close() {
        socket.close()
    }
}
