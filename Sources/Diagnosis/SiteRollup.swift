import Foundation

/// Rolls agents' check reports up into one `SiteReport` per site. Pure: no I/O, no clock.
///
/// Reports are grouped by `site` (trimmed; empty counts as absent), falling back to the public
/// address seen by STUN (the NAT verdict's, else the first server-reflexive candidate), else
/// `unknown`. Streaming: `add` folds one report into its site's accumulator, which keeps only a
/// small record per agent, so callers can decode, add and drop reports one at a time.
public struct SiteRollup: Sendable {
    public let rules: SiteRules
    private var sites: [String: SiteAccumulator] = [:]
    public private(set) var reportsAdded = 0

    public init(rules: SiteRules = .defaults) {
        self.rules = rules
    }

    /// Folds one report into its site.
    public mutating func add(_ report: CheckReport) {
        add(SiteReportView(report))
    }

    /// Folds the rolled-up part of one report into its site (what `SiteReportLoader` decodes).
    public mutating func add(_ report: SiteReportView) {
        reportsAdded += 1
        let address = SiteAgentRecord.publicAddress(report)
        let (key, grouping) = Self.siteKey(report, publicAddress: address)
        // Sites and public addresses live in one namespace; the grouping keeps them apart.
        let slot = "\(grouping.rawValue)\u{0}\(key)"
        var accumulator = sites.removeValue(forKey: slot) ?? SiteAccumulator(site: key, grouping: grouping)
        accumulator.add(report, publicAddress: address)
        sites[slot] = accumulator
    }

    /// One report per site, sorted by site name (then grouping).
    public func reports() -> [SiteReport] {
        sites.values.sorted {
            $0.site != $1.site ? $0.site < $1.site : $0.grouping.rawValue < $1.grouping.rawValue
        }.map { $0.finish(rules: rules) }
    }

    /// The pure rollup of a set of reports.
    public static func rollup(_ reports: [CheckReport], rules: SiteRules = .defaults) -> [SiteReport] {
        var rollup = SiteRollup(rules: rules)
        for report in reports { rollup.add(report) }
        return rollup.reports()
    }

    /// The site a report is rolled up into and what that name came from (the same grouping
    /// `add` uses), for callers that store reports by site (the collector).
    public static func site(of report: SiteReportView) -> (site: String, grouping: SiteGrouping) {
        let (site, grouping) = siteKey(report, publicAddress: SiteAgentRecord.publicAddress(report))
        return (site, grouping)
    }

    static func siteKey(_ report: SiteReportView, publicAddress: String?) -> (String, SiteGrouping) {
        if let site = report.site?.trimmingCharacters(in: .whitespacesAndNewlines), !site.isEmpty {
            return (site, .site)
        }
        if let publicAddress { return (publicAddress, .publicAddress) }
        return ("unknown", .unknown)
    }
}
