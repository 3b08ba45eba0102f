import Diagnosis
import Foundation
import Testing

/// RTT per region over time (the collector's site page): buckets, medians, escaping.
@Suite struct SiteRegionTimelineTests {
    func view(_ report: CheckReport, at seconds: Double, regions: [(String, Double?)]) -> SiteReportView {
        var view = SiteReportView(report)
        view.startedAt = Date(timeIntervalSince1970: seconds)
        view.regions = regions.map { SiteReportView.Region(id: $0.0, reachable: $0.1 != nil, medianMs: $0.1) }
        return view
    }

    @Test func hourBucketsWithMediansOfReports() throws {
        var generator = SiteSampleGenerator(seed: 5, sites: 1)
        let base = generator.reports(1)[0]
        let start = 1_780_000_000.0 - 1_780_000_000.0.truncatingRemainder(dividingBy: 3_600)
        let views = [
            view(base, at: start + 10, regions: [("jp1", 10), ("us1", 150)]),
            view(base, at: start + 20, regions: [("jp1", 30), ("us1", nil)]),
            view(base, at: start + 30, regions: [("jp1", 20)]),
            view(base, at: start + 3_700, regions: [("jp1", 50)]),
        ]
        let timeline = SiteRegionTimeline.build(views)
        #expect(timeline.bucket == .hour)
        let jp1 = try #require(timeline.series.first { $0.region == "jp1" })
        #expect(jp1.points.map(\.medianMs) == [20, 50])
        #expect(jp1.points.map(\.reports) == [3, 1])
        #expect(jp1.points[0].start == Date(timeIntervalSince1970: start))
        #expect(timeline.series.first { $0.region == "us1" }?.points.map(\.medianMs) == [150])
    }

    @Test func dayBucketsBeyondTwoDaysAndRegionNamesEscaped() throws {
        var generator = SiteSampleGenerator(seed: 5, sites: 1)
        let base = generator.reports(1)[0]
        let views = (0..<5).map { day in
            view(base, at: 1_780_000_000 + Double(day) * 86_400, regions: [("<b>x</b>", 10 + Double(day))])
        }
        let timeline = SiteRegionTimeline.build(views)
        #expect(timeline.bucket == .day)
        #expect(timeline.series.first?.points.count == 5)
        var report = try #require(SiteRollup.rollup([base]).first)
        report.site = "s"
        let html = SiteHTMLRenderer.render([report], timelines: ["s": timeline])
        #expect(html.contains("RTT per region over time"))
        #expect(!html.contains("<b>x</b>"))
        #expect(html.contains("&lt;b&gt;x&lt;/b&gt;"))
        #expect(!SiteHTMLRenderer.render([report]).contains("RTT per region over time"))
    }
}
