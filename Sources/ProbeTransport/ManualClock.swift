/// A clock that only moves when told to, for tests.
///
/// `sleep(until:)` never blocks: it moves the clock forward to the requested instant at once and
/// records the request, so a 39.5 s retransmission schedule runs in microseconds. Tests can also
/// move time explicitly with ``advance(by:)`` or ``set(to:)``.
public final class ManualClock: MonotonicClock {
    private struct State {
        var now: UInt64
        var sleeps: [UInt64] = []
    }
    private let state: Locked<State>

    /// Starts at `start` nanoseconds (default 0).
    public init(start: UInt64 = 0) {
        state = Locked(State(now: start))
    }

    public var now: UInt64 { state.withLock { $0.now } }

    /// Every instant passed to `sleep(until:)`, in call order.
    public var sleepRequests: [UInt64] { state.withLock { $0.sleeps } }

    public func sleep(until instant: UInt64) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.sleeps.append(instant)
            if instant > $0.now { $0.now = instant }
        }
    }

    /// Moves the clock forward by `nanoseconds` (saturating).
    public func advance(by nanoseconds: UInt64) {
        state.withLock { $0.now = $0.now.addingSaturating(nanoseconds) }
    }

    /// Moves the clock to `instant` when that is later than now (the clock never goes back).
    public func set(to instant: UInt64) {
        state.withLock { if instant > $0.now { $0.now = instant } }
    }
}
