import Diagnosis
import ProbeTransport

/// What a media stream observed (facts and times, no verdict): the set-up as a TURN attempt,
/// when each packet was sent and echoed, the arrivals of both legs in arrival order, and the
/// datagram sizes. Times are milliseconds on one monotonic clock.
public struct MediaObservation: Sendable {
    /// The set-up of both relays, as `iceprobe turn` records an attempt (failure, stage, timings,
    /// deletion at the end).
    public var setup: TurnObservation
    public var peerRelayedAddress: String?
    /// Per packet index: when the first allocation sent it (nil: not sent).
    public var sendTimesMs: [Double?] = []
    /// Arrivals at the second allocation.
    public var forwardArrivals: [MediaArrival] = []
    /// Per packet index: when the second allocation echoed its first copy back (nil: never).
    public var echoTimesMs: [Double?] = []
    /// Echoes arriving back at the first allocation.
    public var echoArrivals: [MediaArrival] = []
    public var datagrams: [MediaDatagramResult] = []
    /// Sending stopped early (the connection failed); the message says why.
    public var streamProblem: String?

    public init(setup: TurnObservation) {
        self.setup = setup
    }
}
