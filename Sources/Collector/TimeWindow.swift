import Foundation

/// Which reports count, by their `startedAt`: at or after `since`, at or before `until`; an
/// absent bound is open.
public struct TimeWindow: Sendable, Equatable {
    public var since: Date?
    public var until: Date?

    public static let all = TimeWindow(since: nil, until: nil)

    public init(since: Date?, until: Date?) {
        self.since = since
        self.until = until
    }

    var sinceMs: Int64 { since.map(Self.milliseconds) ?? Int64.min }
    var untilMs: Int64 { until.map(Self.milliseconds) ?? Int64.max }

    static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded()
        guard value.isFinite else { return value > 0 ? Int64.max : Int64.min }
        return Int64(max(min(value, Double(Int64.max / 2)), Double(Int64.min / 2)))
    }
}
