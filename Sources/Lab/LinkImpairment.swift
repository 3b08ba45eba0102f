/// The impairments of one link (site uplink or region link), one `Impairment` per direction.
///
/// Directions are named from the site or region that owns the link:
/// - `outbound`: packets leaving the site/region towards the internet (upload for a site);
/// - `inbound`: packets arriving at the site/region from the internet (download for a site).
///
/// In a scenario, the keys directly under `impair` apply to both directions; the nested maps
/// `outbound:` and `inbound:` override them key by key for one direction.
public struct LinkImpairment: Hashable, Sendable {
    public var outbound: Impairment
    public var inbound: Impairment

    public init(outbound: Impairment = Impairment(), inbound: Impairment = Impairment()) {
        self.outbound = outbound
        self.inbound = inbound
    }

    /// The same impairment in both directions.
    public init(both: Impairment) {
        self.init(outbound: both, inbound: both)
    }

    /// One of the two directions.
    public enum Direction: String, CaseIterable, Hashable, Sendable {
        case outbound
        case inbound
    }

    public subscript(direction: Direction) -> Impairment {
        get { direction == .outbound ? outbound : inbound }
        set {
            switch direction {
            case .outbound: outbound = newValue
            case .inbound: inbound = newValue
            }
        }
    }

    /// True when neither direction is impaired.
    public var isEmpty: Bool { outbound.isEmpty && inbound.isEmpty }

    /// True when both directions carry the same impairment.
    public var isSymmetric: Bool { outbound == inbound }
}
