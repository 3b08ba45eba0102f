/// A validated scenario: the lab to build, the probes to run and what they must see.
public struct Scenario: Hashable, Sendable {
    public var name: String
    public var description: String
    /// Bound for the whole scenario (build, probes, teardown excluded).
    public var timeoutSeconds: Int
    public var regions: [RegionSpec]
    public var sites: [SiteSpec]
    public var probes: [ProbeSpec]
    /// Background processes started with the lab, before the probes.
    public var services: [ServiceSpec]
    /// The file it came from (for messages).
    public var file: String

    public init(name: String, description: String = "", timeoutSeconds: Int = 300,
                regions: [RegionSpec], sites: [SiteSpec], probes: [ProbeSpec], services: [ServiceSpec] = [], file: String = "") {
        self.name = name
        self.description = description
        self.timeoutSeconds = timeoutSeconds
        self.regions = regions
        self.sites = sites
        self.probes = probes
        self.services = services
        self.file = file
    }

    /// The DNS domain under which every region has a name (`jp1.iceprobe.test`).
    public static let labDomain = "iceprobe.test"

    public func site(ofClient client: String) -> SiteSpec? {
        sites.first { $0.clients.contains(client) }
    }
}
