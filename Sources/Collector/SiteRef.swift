import Diagnosis

/// A site as the rollup names it: the name and what the name came from (a `site` field, a
/// public address, or `unknown`).
public struct SiteRef: Sendable, Hashable, Comparable {
    public var name: String
    public var grouping: SiteGrouping

    public init(name: String, grouping: SiteGrouping) {
        self.name = name
        self.grouping = grouping
    }

    public static func < (lhs: SiteRef, rhs: SiteRef) -> Bool {
        lhs.name != rhs.name ? lhs.name < rhs.name : lhs.grouping.rawValue < rhs.grouping.rawValue
    }
}
