#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real clock: `CLOCK_MONOTONIC`, unaffected by wall-clock changes.
public struct SystemClock: MonotonicClock {
    public init() {}

    public var now: UInt64 {
        var spec = timespec()
        // clock_gettime(CLOCK_MONOTONIC) cannot fail with a valid pointer and clock id.
        _ = clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(max(0, spec.tv_sec)).multipliedSaturating(by: Nanoseconds.perSecond)
            .addingSaturating(UInt64(max(0, spec.tv_nsec)))
    }

    /// Sleeps until `instant`; bounded by `instant` itself (re-checks after each wake-up).
    public func sleep(until instant: UInt64) async throws {
        while true {
            let current = now
            if current >= instant { return }
            try await Task.sleep(nanoseconds: instant - current)
        }
    }
}
