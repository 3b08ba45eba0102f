/// What a gathering run reports as it happens (see ``Gatherer/events(for:)``), in order:
/// candidates and per-server outcomes interleaved as libnice produces them, then exactly one
/// ``finished(_:)``. The stream ends once every agent is closed and the loop thread is gone.
public enum GatherEvent: Hashable, Sendable {
    /// A new local candidate, with the ms since gathering started.
    case candidate(IceCandidate)
    /// libnice finished with one server (or the deadline passed for it).
    case serverFinished(ServerOutcome)
    /// The run is over; the full result.
    case finished(GatheringReport)
}
