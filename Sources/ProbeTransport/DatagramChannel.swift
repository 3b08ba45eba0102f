import StunWire

/// Something that sends and receives datagrams against a clock: a real ``UDPSocket``, or a
/// scripted channel in tests (with a ``ManualClock``) so transactions are tested without sleeping.
public protocol DatagramChannel: Sendable {
    /// The clock that deadlines passed to this channel refer to and that stamps received datagrams.
    var clock: any MonotonicClock { get }
    /// Sends one datagram. Bounded: waits at most until `deadline` for buffer space.
    /// Returns the clock time just before the datagram was handed over.
    func send(_ bytes: [UInt8], to destination: TransportAddress, deadline: UInt64) async throws(TransportError) -> UInt64
    /// Waits for the next datagram until `deadline` (clock nanoseconds); nil when none came in time.
    func receive(deadline: UInt64) async throws(TransportError) -> Datagram?
}
