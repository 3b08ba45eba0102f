import Diagnosis
import Foundation

/// What the collector serves about sites, computed from stored report bodies with the CLI's own
/// code: `SiteReportLoader.decode` (the reader of `iceprobe site`), `SiteRollup`,
/// `SiteComparison` and the site renderers. Nothing here decides a verdict.
public enum SiteViews {
    /// The rollup of `bodies` (oldest first, as stored) and how many could not be decoded (a body
    /// stored by an older iceprobe this one cannot read).
    public static func rollup(_ bodies: [Data]) -> (reports: [SiteReport], views: [SiteReportView], skipped: Int) {
        var rollup = SiteRollup()
        var views: [SiteReportView] = []
        var skipped = 0
        for (index, body) in bodies.enumerated() {
            switch SiteReportLoader.decode(body, source: "stored report \(index + 1)") {
            case .success(let view):
                rollup.add(view)
                views.append(view)
            case .failure:
                skipped += 1
            }
        }
        return (rollup.reports(), views, skipped)
    }

    /// The one report of `site` among `reports`.
    public static func report(_ reports: [SiteReport], site: SiteRef) -> SiteReport? {
        reports.first { $0.site == site.name && $0.groupedBy == site.grouping }
    }
}
