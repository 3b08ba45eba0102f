import Diagnosis
import Foundation

/// The collector's own HTML (the site page itself is `SiteHTMLRenderer`'s): the list of sites
/// at `/`. Every name from a report is escaped; links are percent-encoded; no scripts.
enum CollectorPages {
    static func index(_ reports: [SiteReport]) -> String {
        let escape = MarkupEscape.escape
        var html = ["<!DOCTYPE html>", #"<html lang="en">"#, "<head>", #"<meta charset="utf-8">"#,
                    #"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
                    "<title>iceprobe collector: sites</title>", "<style>", style, "</style>", "</head>", "<body>",
                    "<h1>Sites</h1>"]
        if reports.isEmpty {
            html.append("<p>No reports yet. Agents send theirs with <code>iceprobe check --upload URL --token-file FILE</code>.</p>")
        } else {
            html.append("<table><tr><th>site</th><th>grouped by</th><th>verdict</th><th>agents</th><th>reports</th><th>last report (UTC)</th></tr>")
            let formatter = ISO8601DateFormatter()
            for report in reports {
                var link = "/sites/" + CollectorPath.segment(report.site)
                if report.groupedBy != .site { link += "?groupedBy=" + report.groupedBy.rawValue }
                html.append(#"<tr><td><a href="\#(escape(link))">\#(escape(report.site))</a></td><td>\#(report.groupedBy.rawValue)</td>"#
                    + #"<td><span class="badge \#(report.verdict.rawValue)">\#(report.verdict.rawValue)</span></td>"#
                    + #"<td class="num">\#(report.agents)</td><td class="num">\#(report.reportsRead)</td>"#
                    + "<td>\(escape(formatter.string(from: report.lastStartedAt)))</td></tr>")
            }
            html.append("</table>")
        }
        html += [#"<p class="muted">JSON: <code>/api/v1/sites</code>, <code>/api/v1/sites/SITE</code> (<code>?since=</code>, <code>?until=</code>, <code>?baseline=</code>), <code>/api/v1/sites/SITE/reports</code>.</p>"#,
                 "</body>", "</html>"]
        return html.joined(separator: "\n") + "\n"
    }

    private static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1000px;color:#212121;padding:0 16px}
    table{border-collapse:collapse;margin:8px 0;font-size:.9em}th,td{border:1px solid #e0e0e0;padding:4px 8px;text-align:left}
    th{background:#f5f5f5}td.num{text-align:right}.muted{color:#616161}code{background:#f5f5f5;padding:0 3px}
    .badge{display:inline-block;padding:3px 10px;border-radius:12px;color:#fff;font-weight:600;font-size:.8em}
    .ready{background:#2e7d32}.ready-with-warnings{background:#f9a825;color:#212121}.not-ready{background:#c62828}
    """
}
