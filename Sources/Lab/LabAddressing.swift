/// Names and addresses of everything a lab builds, derived from the scenario and a run prefix.
///
/// Layout: one "internet" namespace routes between site routers and region servers.
/// - site i: uplink 198.51.100.(8i)/29 (internet side .1, router side .2); its LAN as given,
///   router at the LAN's first host, clients from the second host on, in order;
/// - region j: link 203.0.113.(16j)/28 (internet side .1, server .2 primary and .3 secondary);
/// - the lab resolver (dnsmasq) at 192.0.2.253 in the internet namespace.
/// Interface names live inside each namespace, so they are short and fixed (max 15 chars).
public struct LabAddressing: Sendable {
    public static let siteWanBlock: UInt32 = 198 << 24 | 51 << 16 | 100 << 8
    public static let regionBlock: UInt32 = 203 << 24 | 0 << 16 | 113 << 8
    public static let resolverAddress: UInt32 = 192 << 24 | 0 << 16 | 2 << 8 | 253
    public static let maxSites = 32
    public static let maxRegions = 16

    public let prefix: String
    public let scenario: Scenario

    public init(prefix: String, scenario: Scenario) {
        self.prefix = prefix
        self.scenario = scenario
    }

    public var internetNamespace: String { "\(prefix)-inet" }
    public func routerNamespace(site: String) -> String { "\(prefix)-r-\(site)" }
    public func clientNamespace(client: String) -> String { "\(prefix)-c-\(client)" }
    public func serverNamespace(region: String) -> String { "\(prefix)-s-\(region)" }

    /// Every namespace of the lab, internet first.
    public var allNamespaces: [String] {
        [internetNamespace]
            + scenario.regions.map { serverNamespace(region: $0.name) }
            + scenario.sites.flatMap { site in
                [routerNamespace(site: site.name)] + site.clients.map { clientNamespace(client: $0) }
            }
    }

    public func siteUplink(_ index: Int) -> (internet: UInt32, router: UInt32) {
        let base = LabAddressing.siteWanBlock + UInt32(8 * index)
        return (base + 1, base + 2)
    }

    public func regionAddresses(_ index: Int) -> (internet: UInt32, primary: UInt32, secondary: UInt32) {
        let base = LabAddressing.regionBlock + UInt32(16 * index)
        return (base + 1, base + 2, base + 3)
    }

    public func routerLanAddress(_ site: SiteSpec) -> UInt32 { site.lan.network + 1 }

    public func clientAddress(_ site: SiteSpec, clientIndex: Int) -> UInt32 {
        site.lan.network + 2 + UInt32(clientIndex)
    }

    /// Interface names in the internet namespace.
    public static func internetInterface(site index: Int) -> String { "site\(index)" }
    public static func internetInterface(region index: Int) -> String { "reg\(index)" }

    /// NFQUEUE numbers (in the internet namespace) for a link's two directions.
    /// `toInternet`: packets entering the internet namespace from the site/region.
    public static func queues(site index: Int) -> (toInternet: UInt16, fromInternet: UInt16) {
        (UInt16(2 * index), UInt16(2 * index + 1))
    }

    public static func queues(region index: Int) -> (toInternet: UInt16, fromInternet: UInt16) {
        (UInt16(100 + 2 * index), UInt16(100 + 2 * index + 1))
    }

    /// Host names served by the lab resolver, with their addresses.
    public var hostRecords: [(name: String, address: UInt32)] {
        scenario.regions.enumerated().flatMap { index, region in
            let primary = regionAddresses(index).primary
            return ([region.name + "." + Scenario.labDomain] + region.hostnames).map { ($0, primary) }
        }
    }
}
