import Foundation

/// The SVG line chart of a `SiteRegionTimeline`: time across, RTT up, one coloured line per
/// region with a legend. Names are escaped; deterministic; no scripts.
enum SiteTimelineChart {
    static let palette = ["#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#4e342e", "#37474f"]

    static func svg(_ timeline: SiteRegionTimeline) -> String {
        let left = 60, plotWidth = 640, top = 10, plotHeight = 220, bottom = 40, legendRow = 18
        let series = timeline.series.filter { !$0.points.isEmpty }
        let height = top + plotHeight + bottom + legendRow * max(series.count, 1)
        let width = left + plotWidth + 30
        var svg = [#"<svg xmlns="http://www.w3.org/2000/svg" role="img" width="\#(width)" height="\#(height)" viewBox="0 0 \#(width) \#(height)">"#,
                   "<title>Median STUN RTT per region over time</title>"]
        guard !series.isEmpty else {
            svg.append(#"<text x="\#(left)" y="\#(top + 24)" font-size="13">No region RTT in these reports.</text>"#)
            svg.append("</svg>")
            return svg.joined(separator: "\n")
        }
        let starts = series.flatMap { $0.points.map { $0.start.timeIntervalSince1970 } }
        let first = starts.min() ?? 0
        let last = starts.max() ?? 0
        let largest = series.flatMap { $0.points.map(\.medianMs) }.max() ?? 0
        let step = SiteSVGChart.niceStep(largest / 4)
        let ticks = max(1, Int((largest / step).rounded(.up)))
        let scaleMax = step * Double(ticks)
        func x(_ time: Double) -> String {
            let fraction = last > first ? (time - first) / (last - first) : 0.5
            return NumberText.decimal(Double(left) + fraction * Double(plotWidth), 1)
        }
        func y(_ ms: Double) -> String {
            NumberText.decimal(Double(top + plotHeight) - min(max(ms, 0), scaleMax) / scaleMax * Double(plotHeight), 1)
        }
        for tick in 0...ticks {
            let value = step * Double(tick)
            svg.append(#"<line x1="\#(left)" y1="\#(y(value))" x2="\#(left + plotWidth)" y2="\#(y(value))" stroke="\#(SiteSVGChart.grid)"/>"#)
            svg.append(#"<text x="\#(left - 6)" y="\#(y(value))" text-anchor="end" dominant-baseline="middle" font-size="12">\#(NumberText.integer(value))</text>"#)
        }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = timeline.bucket == .hour ? [.withFullDate, .withTime, .withColonSeparatorInTime] : [.withFullDate]
        func label(_ time: Double) -> String {
            let text = formatter.string(from: Date(timeIntervalSince1970: time))
            return timeline.bucket == .hour ? String(text.prefix(16)).replacingOccurrences(of: "T", with: " ") : text
        }
        let axisY = top + plotHeight
        svg.append(#"<text x="\#(left)" y="\#(axisY + 16)" font-size="12">\#(MarkupEscape.escape(label(first)))</text>"#)
        if last > first {
            svg.append(#"<text x="\#(left + plotWidth)" y="\#(axisY + 16)" text-anchor="end" font-size="12">\#(MarkupEscape.escape(label(last)))</text>"#)
        }
        svg.append(#"<text x="\#(left + plotWidth / 2)" y="\#(axisY + 31)" text-anchor="middle" font-size="12">ms (median RTT per \#(timeline.bucket.rawValue), UTC)</text>"#)
        for (index, line) in series.enumerated() {
            let colour = palette[index % palette.count]
            let name = MarkupEscape.escape(line.region)
            let points = line.points.map { "\(x($0.start.timeIntervalSince1970)),\(y($0.medianMs))" }.joined(separator: " ")
            if line.points.count > 1 {
                svg.append(#"<polyline points="\#(points)" fill="none" stroke="\#(colour)" stroke-width="2"/>"#)
            }
            for point in line.points {
                svg.append(#"<circle cx="\#(x(point.start.timeIntervalSince1970))" cy="\#(y(point.medianMs))" r="3" fill="\#(colour)"><title>\#(name) \#(MarkupEscape.escape(label(point.start.timeIntervalSince1970))): \#(NumberText.decimal(point.medianMs, 1)) ms (\#(point.reports) reports)</title></circle>"#)
            }
            let legendY = axisY + bottom + legendRow * index + 12
            svg.append(#"<rect x="\#(left)" y="\#(legendY - 9)" width="12" height="4" fill="\#(colour)"/>"#)
            svg.append(#"<text x="\#(left + 18)" y="\#(legendY - 3)" font-size="12">\#(name)</text>"#)
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }
}
