/// Inline SVG charts for the site HTML page: plain shapes and text, no scripts, no external
/// resources, fixed number formatting (deterministic bytes).
enum SiteSVGChart {
    struct Bar {
        let label: String
        let value: Int
        let color: String
    }

    static let ready = "#2e7d32"
    static let warnings = "#f9a825"
    static let notReady = "#c62828"
    static let neutral = "#546e7a"
    static let ink = "#263238"
    static let grid = "#e0e0e0"
    static let rule = "#bdbdbd"

    static func color(_ verdict: Verdict) -> String {
        switch verdict {
        case .ready: ready
        case .readyWithWarnings: warnings
        case .notReady: notReady
        }
    }

    /// Horizontal bars, one per item, labelled with the count and its share of `total`.
    static func bars(title: String, _ items: [Bar], total: Int) -> String {
        let labelWidth = 210, barWidth = 360, rowHeight = 26, top = 8
        let height = top + max(items.count, 1) * rowHeight + 6
        let largest = max(items.map(\.value).max() ?? 0, 1)
        var svg = [#"<svg xmlns="http://www.w3.org/2000/svg" role="img" width="\#(labelWidth + barWidth + 140)" height="\#(height)" viewBox="0 0 \#(labelWidth + barWidth + 140) \#(height)">"#,
                   "<title>\(MarkupEscape.escape(title))</title>"]
        for (index, item) in items.enumerated() {
            let y = top + index * rowHeight
            let width = item.value == 0 ? 0 : max(2, item.value * barWidth / largest)
            svg.append(#"<text x="\#(labelWidth - 8)" y="\#(y + 16)" text-anchor="end" font-size="13">\#(MarkupEscape.escape(item.label))</text>"#)
            svg.append(#"<rect x="\#(labelWidth)" y="\#(y + 3)" width="\#(width)" height="18" rx="2" fill="\#(item.color)"/>"#)
            svg.append(#"<text x="\#(labelWidth + width + 6)" y="\#(y + 16)" font-size="13">\#(item.value) (\#(NumberText.decimal(SitePercent.of(item.value, total), 1)) %)</text>"#)
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// RTT per region per agent: one row per region, one dot per shown agent at its median RTT
    /// (coloured by its verdict), a solid tick at the site median and a dashed one at the p95.
    static func rttStrip(regions: [SiteRegionLatency], agents: ArraySlice<SiteAgentResult>) -> String {
        let measured = regions.filter { $0.maxMs != nil }
        let labelWidth = 110, plotWidth = 600, rowHeight = 40, top = 10, axis = 34
        let height = top + max(measured.count, 1) * rowHeight + axis
        let largest = measured.compactMap(\.maxMs).max() ?? 0
        let step = niceStep(largest / 5)
        let ticks = max(1, Int((largest / step).rounded(.up)))
        let scaleMax = step * Double(ticks)
        func x(_ ms: Double) -> String {
            let clamped = min(max(ms, 0), scaleMax)
            return NumberText.decimal(Double(labelWidth) + clamped / scaleMax * Double(plotWidth), 1)
        }
        var svg = [#"<svg xmlns="http://www.w3.org/2000/svg" role="img" width="\#(labelWidth + plotWidth + 30)" height="\#(height)" viewBox="0 0 \#(labelWidth + plotWidth + 30) \#(height)">"#,
                   "<title>Median STUN RTT of each agent per region</title>"]
        let axisY = top + max(measured.count, 1) * rowHeight
        for tick in 0...ticks {
            let value = step * Double(tick)
            svg.append(#"<line x1="\#(x(value))" y1="\#(top)" x2="\#(x(value))" y2="\#(axisY)" stroke="\#(grid)"/>"#)
            svg.append(#"<text x="\#(x(value))" y="\#(axisY + 16)" text-anchor="middle" font-size="12">\#(NumberText.integer(value))</text>"#)
        }
        svg.append(#"<text x="\#(labelWidth + plotWidth / 2)" y="\#(axisY + 31)" text-anchor="middle" font-size="12">ms (median RTT of each agent)</text>"#)
        for (index, region) in measured.enumerated() {
            let y = top + index * rowHeight + rowHeight / 2
            svg.append(#"<text x="\#(labelWidth - 10)" y="\#(y + 5)" text-anchor="end" font-size="13">\#(MarkupEscape.escape(SiteText.regionName(region)))</text>"#)
            svg.append(#"<line x1="\#(labelWidth)" y1="\#(y)" x2="\#(labelWidth + plotWidth)" y2="\#(y)" stroke="\#(rule)"/>"#)
            for agent in agents {
                guard let ms = agent.rttMedianMs[region.id] else { continue }
                svg.append(#"<circle cx="\#(x(ms))" cy="\#(y)" r="5" fill="\#(color(agent.verdict))" fill-opacity="0.7" stroke="\#(ink)" stroke-width="0.5"><title>\#(MarkupEscape.escape(agent.agent)): \#(NumberText.decimal(ms, 1)) ms</title></circle>"#)
            }
            if let median = region.medianMs {
                svg.append(#"<line x1="\#(x(median))" y1="\#(y - 13)" x2="\#(x(median))" y2="\#(y + 13)" stroke="\#(ink)" stroke-width="2"><title>median \#(NumberText.decimal(median, 1)) ms</title></line>"#)
            }
            if let p95 = region.p95Ms {
                svg.append(#"<line x1="\#(x(p95))" y1="\#(y - 13)" x2="\#(x(p95))" y2="\#(y + 13)" stroke="\#(ink)" stroke-width="1.5" stroke-dasharray="3 2"><title>p95 \#(NumberText.decimal(p95, 1)) ms</title></line>"#)
            }
        }
        if measured.isEmpty {
            svg.append(#"<text x="\#(labelWidth)" y="\#(top + 24)" font-size="13">No region answered.</text>"#)
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// 1, 2 or 5 times a power of ten, at least `raw` (10 for anything not positive and finite).
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 10 }
        var magnitude = 1.0
        while magnitude * 10 <= raw && magnitude < 1e12 { magnitude *= 10 }
        while magnitude > raw && magnitude > 1e-6 { magnitude /= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where magnitude * factor >= raw { return magnitude * factor }
        return magnitude * 10
    }
}
