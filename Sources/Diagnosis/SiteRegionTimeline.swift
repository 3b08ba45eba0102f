import Foundation

/// RTT per region over time for one site: the reports are put in UTC hour or day buckets (by
/// `startedAt`) and each bucket gets, per region, the median of the reports' median STUN RTT to
/// that region. Unlike the site rollup, every report counts (not only each agent's latest), since
/// the point is the change over time. Pure: built from report views, no clock.
public struct SiteRegionTimeline: Sendable, Equatable, Codable {
    public enum Bucket: String, Sendable, Codable {
        case hour, day
    }

    /// One bucket's median for one region, with the number of reports that measured it.
    public struct Point: Sendable, Equatable, Codable {
        public var start: Date
        public var medianMs: Double
        public var reports: Int
    }

    public struct Series: Sendable, Equatable, Codable {
        public var region: String
        public var points: [Point]
    }

    public var bucket: Bucket
    /// By region id; each series' points in time order.
    public var series: [Series]

    /// Hour buckets when the reports span at most two days, day buckets otherwise; at most
    /// `maximumRegions` regions (those measured by the most reports), so the chart stays legible.
    public static func build(_ reports: [SiteReportView], maximumRegions: Int = 8) -> SiteRegionTimeline {
        let times = reports.map(\.startedAt)
        let span = (times.max() ?? .distantPast).timeIntervalSince(times.min() ?? .distantPast)
        let bucket: Bucket = span <= 2 * 86_400 ? .hour : .day
        let width: Double = bucket == .hour ? 3_600 : 86_400
        var samples: [String: [Double: [Double]]] = [:]
        var measuredBy: [String: Int] = [:]
        for report in reports {
            let start = (report.startedAt.timeIntervalSince1970 / width).rounded(.down) * width
            for region in report.regions {
                guard let median = region.rttMs?.median, median.isFinite, median >= 0 else { continue }
                samples[region.id, default: [:]][start, default: []].append(median)
                measuredBy[region.id, default: 0] += 1
            }
        }
        let kept = measuredBy.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(max(0, maximumRegions)).map(\.key).sorted()
        let series = kept.map { region in
            Series(region: region, points: (samples[region] ?? [:]).sorted { $0.key < $1.key }.compactMap { start, values in
                SampleStatistics.median(values).map {
                    Point(start: Date(timeIntervalSince1970: start), medianMs: $0, reports: values.count)
                }
            })
        }
        return SiteRegionTimeline(bucket: bucket, series: series)
    }
}
