/// A monotonic time source measured in nanoseconds from an arbitrary fixed origin.
///
/// Every wait and every measured duration in iceprobe goes through a clock of this kind so that
/// tests can substitute ``ManualClock`` and run retransmission schedules without sleeping.
public protocol MonotonicClock: Sendable {
    /// The current instant, in nanoseconds since the clock's origin. Never decreases.
    var now: UInt64 { get }

    /// Suspends until ``now`` has reached `instant` (returns at once when it already has).
    /// Throws `CancellationError` when the surrounding task is cancelled.
    func sleep(until instant: UInt64) async throws
}

extension MonotonicClock {
    /// Suspends for `nanoseconds` from now (saturating at the end of time).
    public func sleep(nanoseconds: UInt64) async throws {
        try await sleep(until: now.addingSaturating(nanoseconds))
    }

    /// Nanoseconds elapsed since `start` (0 when `start` lies in the future).
    public func elapsed(since start: UInt64) -> UInt64 {
        let current = now
        return current > start ? current - start : 0
    }
}

extension UInt64 {
    /// `self + other`, or `UInt64.max` instead of trapping on overflow.
    @inlinable
    public func addingSaturating(_ other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }

    /// `self * other`, or `UInt64.max` instead of trapping on overflow.
    @inlinable
    public func multipliedSaturating(by other: UInt64) -> UInt64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }

    /// `self - other`, or 0 instead of trapping when `other > self`.
    @inlinable
    public func subtractingSaturating(_ other: UInt64) -> UInt64 {
        self > other ? self - other : 0
    }
}

/// Conversions between the clock's nanoseconds and the units people read.
public enum Nanoseconds {
    public static let perMillisecond: UInt64 = 1_000_000
    public static let perSecond: UInt64 = 1_000_000_000

    /// Milliseconds as nanoseconds (saturating).
    public static func milliseconds(_ value: UInt64) -> UInt64 {
        value.multipliedSaturating(by: perMillisecond)
    }

    /// Seconds (possibly fractional) as nanoseconds; negative, NaN -> 0, huge -> `UInt64.max`.
    public static func seconds(_ value: Double) -> UInt64 {
        guard value.isFinite, value > 0 else { return 0 }
        let ns = value * 1e9
        return ns >= 1.8e19 ? .max : UInt64(ns)
    }

    /// Nanoseconds as fractional milliseconds, for reports.
    public static func toMilliseconds(_ value: UInt64) -> Double {
        Double(value) / 1e6
    }
}
