import StunWire

/// A non-blocking UDP socket with deadline-bounded async send and receive.
///
/// Deadlines are nanoseconds on ``SystemClock`` (CLOCK_MONOTONIC), available as ``clock``.
public final class UDPSocket: DatagramChannel {
    private let socket: PosixSocket
    /// The family of this socket.
    public let isIPv4: Bool

    public var clock: any MonotonicClock { socket.clock }

    /// Opens a socket bound to `local` (port 0 lets the kernel choose; address 0.0.0.0 / :: for any
    /// interface). Fails with `address-unavailable` when the address is not local or in use.
    public init(bindingTo local: TransportAddress) throws(TransportError) {
        socket = try PosixSocket.open(.datagram, ipv4: local.ip.isIPv4)
        isIPv4 = local.ip.isIPv4
        try socket.bind(local)
    }

    /// Opens a socket on any local address and a kernel-chosen port, for talking to `family`.
    public convenience init(forFamilyOf destination: TransportAddress) throws(TransportError) {
        let any = destination.ip.isIPv4 ? IPAddress.anyV4 : IPAddress.anyV6
        try self.init(bindingTo: TransportAddress(ip: any, port: 0))
    }

    /// The local address (getsockname). After ``connect(to:)`` this is the real source address the
    /// kernel picked for that destination, even when bound to 0.0.0.0.
    public func localAddress() throws(TransportError) -> TransportAddress {
        try socket.localAddress()
    }

    /// Fixes the peer: the kernel then drops datagrams from other sources and reports ICMP port
    /// unreachable as `refused` on the next receive. Does no I/O and never blocks.
    public func connect(to peer: TransportAddress) throws(TransportError) {
        _ = try socket.connect(peer)
    }

    /// Sends one datagram, waiting for buffer space at most until `deadline`. Returns the clock
    /// time just before the datagram was handed to the kernel.
    @discardableResult
    public func send(_ bytes: [UInt8], to destination: TransportAddress, deadline: UInt64) async throws(TransportError) -> UInt64 {
        let socket = self.socket
        let clock = socket.clock
        // The common case never blocks: try directly before involving a thread. The time is taken
        // just before the datagram goes to the kernel (on loopback it arrives during sendto).
        let before = clock.now
        if try socket.sendTo(bytes, destination) { return before }
        return try await BlockingIO.run { cancelled -> Result<UInt64, TransportError> in
            do throws(TransportError) {
                while true {
                    let before = clock.now
                    if try socket.sendTo(bytes, destination) { return .success(before) }
                    if try !socket.wait(forWriting: true, deadline: deadline, cancelled: cancelled) {
                        return .failure(TransportError(.timeout, "no buffer space to send to \(destination) before the deadline"))
                    }
                }
            } catch {
                return .failure(error)
            }
        }.get()
    }

    /// Waits for one datagram until `deadline` (bounded by it); nil when none arrived in time.
    /// Errors: `refused` after an ICMP port unreachable on a connected socket, `closed`, `cancelled`.
    public func receive(deadline: UInt64) async throws(TransportError) -> Datagram? {
        let socket = self.socket
        if let (bytes, source, receivedAt) = try socket.receiveFrom(maximumLength: 65_536) {
            return Datagram(bytes: bytes, source: source, receivedAt: receivedAt)
        }
        return try await BlockingIO.run { cancelled -> Result<Datagram?, TransportError> in
            do throws(TransportError) {
                while true {
                    if let (bytes, source, receivedAt) = try socket.receiveFrom(maximumLength: 65_536) {
                        return .success(Datagram(bytes: bytes, source: source, receivedAt: receivedAt))
                    }
                    if try !socket.wait(forWriting: false, deadline: deadline, cancelled: cancelled) {
                        return .success(nil)
                    }
                }
            } catch {
                return .failure(error)
            }
        }.get()
    }

    /// Closes the socket; pending and later operations fail with `closed`.
    public func close() {
        socket.close()
    }
}
