import StunWire

/// A connected, reliable byte stream (``TCPConnection`` or ``TLSConnection``) with
/// deadline-bounded async reads and writes. Deadlines are nanoseconds on ``clock``.
public protocol ByteStream: Sendable {
    var clock: any MonotonicClock { get }
    var localAddress: TransportAddress { get }
    var remoteAddress: TransportAddress { get }
    /// Writes all of `bytes`, waiting at most until `deadline`; returns the clock time just before
    /// the bytes went to the kernel when they went in one call, else when the last byte did.
    @discardableResult
    func write(_ bytes: [UInt8], deadline: UInt64) async throws(TransportError) -> UInt64
    /// Reads at least one byte (up to `maximumLength`), waiting at most until `deadline`.
    /// Throws `timeout` at the deadline and `closed` at end of stream.
    func read(maximumLength: Int, deadline: UInt64) async throws(TransportError) -> (bytes: [UInt8], receivedAt: UInt64)
    /// Closes the connection (sends close_notify first for TLS, best effort, non-blocking).
    func close()
}
