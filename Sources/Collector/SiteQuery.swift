import Foundation

/// The query of `GET /api/v1/sites/{site}` and the site pages: `since`, `until` (the window of
/// `startedAt`), `baseline` (compare with the state at that time) and `groupedBy` (when a site
/// name is also a public address). Times are ISO 8601: `2026-12-01T09:30:00Z` (or with an
/// offset) or a date `2026-12-01` (UTC), which means the start of that day for `since` and its
/// end for `until` and `baseline`.
public struct SiteQuery: Sendable, Equatable {
    public var window: TimeWindow
    public var baseline: Date?

    public init(window: TimeWindow = .all, baseline: Date? = nil) {
        self.window = window
        self.baseline = baseline
    }

    /// Parses the parameters; the error names the parameter and the accepted forms.
    public static func parse(_ parameters: [String: String]) throws(SiteQueryError) -> SiteQuery {
        var since: Date?, until: Date?, baseline: Date?
        if let value = parameters["since"] { since = try time(value, name: "since", endOfDay: false) }
        if let value = parameters["until"] { until = try time(value, name: "until", endOfDay: true) }
        if let value = parameters["baseline"] { baseline = try time(value, name: "baseline", endOfDay: true) }
        if let since, let until, since > until {
            throw SiteQueryError("since is after until")
        }
        return SiteQuery(window: TimeWindow(since: since, until: until), baseline: baseline)
    }

    static func time(_ text: String, name: String, endOfDay: Bool) throws(SiteQueryError) -> Date {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        day.timeZone = TimeZone(identifier: "UTC")
        if text.count == 10, let date = day.date(from: text) {
            return endOfDay ? date.addingTimeInterval(86_400 - 0.001) : date
        }
        throw SiteQueryError("\(name)=\(text.prefix(40)) is not an ISO 8601 time (2026-12-01T09:30:00Z) or date (2026-12-01)")
    }
}
