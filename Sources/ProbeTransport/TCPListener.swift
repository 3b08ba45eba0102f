import StunWire

/// A listening TCP socket (tests, lab responders). Accepts are bounded by a deadline.
public final class TCPListener: Sendable {
    private let socket: PosixSocket
    /// The bound address (with the kernel-chosen port when bound to port 0).
    public let address: TransportAddress

    public init(bindingTo local: TransportAddress, backlog: Int32 = 16) throws(TransportError) {
        socket = try PosixSocket.open(.stream, ipv4: local.ip.isIPv4)
        try socket.bind(local)
        try socket.listen(backlog: backlog)
        address = try socket.localAddress()
    }

    /// Waits for one connection until `deadline` (SystemClock nanoseconds); throws `timeout`.
    public func accept(deadline: UInt64) async throws(TransportError) -> TCPConnection {
        let socket = self.socket
        let listening = address
        let accepted = try await BlockingIO.run { cancelled -> Result<PosixSocket, TransportError> in
            do throws(TransportError) {
                while true {
                    if let connection = try socket.accept() { return .success(connection) }
                    if try !socket.wait(forWriting: false, deadline: deadline, cancelled: cancelled) {
                        return .failure(TransportError(.timeout, "no connection to \(listening) before the deadline"))
                    }
                }
            } catch {
                return .failure(error)
            }
        }.get()
        let local = try accepted.localAddress()
        let remote = try accepted.peerAddress()
        return TCPConnection(socket: accepted, local: local, remote: remote)
    }

    public func close() {
        socket.close()
    }
}
