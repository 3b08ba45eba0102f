/// Everything the readiness evaluator looks at, as plain measured facts. `nil` = not measured.
public struct ReadinessFacts: Sendable, Equatable, Codable {
    /// Whether STUN over UDP got any answer (falls back to `nat.udpBlocked` when `nil`).
    public var udpReachable: Bool?
    public var turn: TurnTransportResults?
    public var nat: NatVerdict?
    public var regions: [RegionResult]
    /// The site's intended home region id (for example `jp1`).
    public var homeRegion: String?
    public var dns: DnsFacts?
    public var ipv6Available: Bool?
    public var routing: QueueRoutingEstimate?
    /// Address ranges of the provider's media and relay servers, for firewall actions.
    public var firewallRanges: [String]
    /// STUN/TURN address ranges per region id, for region-specific firewall actions.
    public var regionRanges: [String: [String]]
    /// UDP media port range of the provider, for firewall actions (default Twilio's).
    public var mediaPorts: String
    /// This computer's interfaces and default route (the evaluator looks at a VPN-like route).
    public var localFacts: LocalFacts?
    /// Direct TCP/TLS connections to the media servers' ports (the path probe); `nil` when not run.
    public var egress: [EgressAttempt]?
    /// The HTTP proxy this computer is configured to use, if any.
    public var proxy: ProxySetting?
    /// The profile's name, for commands the findings point to (`--firewall-rules`).
    public var profileName: String?
    /// The media stream through the home region's relay (`check --media`); nil when not run.
    public var media: MediaReport?
    /// DNS steering names and where they point (`nil`: the profile names none).
    public var steering: [SteeringResult]? = nil
    /// The provider's edge name per region id (`jp1` -> `tokyo`), for the steering action.
    public var regionEdges: [String: String]? = nil
    /// The service's media topology (from the profile); nil is read as `peer-to-peer`, the strict
    /// one. Added within schema version 1: older reports decode as nil.
    public var mediaTopology: MediaTopology?
    /// What the browser check page measured (`BrowserReportBuilder`); its browser-only findings
    /// (`BrowserAssessment`) join the verdict. `nil` for CLI checks.
    public var browser: BrowserObservations? = nil

    public init(udpReachable: Bool? = nil, turn: TurnTransportResults? = nil, nat: NatVerdict? = nil,
                regions: [RegionResult] = [], homeRegion: String? = nil, dns: DnsFacts? = nil,
                ipv6Available: Bool? = nil, routing: QueueRoutingEstimate? = nil,
                firewallRanges: [String] = [], regionRanges: [String: [String]] = [:], mediaPorts: String = "10000-60000",
                localFacts: LocalFacts? = nil, egress: [EgressAttempt]? = nil, proxy: ProxySetting? = nil,
                profileName: String? = nil, media: MediaReport? = nil, mediaTopology: MediaTopology? = nil) {
        self.udpReachable = udpReachable
        self.turn = turn
        self.nat = nat
        self.regions = regions
        self.homeRegion = homeRegion
        self.dns = dns
        self.ipv6Available = ipv6Available
        self.routing = routing
        self.firewallRanges = firewallRanges
        self.regionRanges = regionRanges
        self.mediaPorts = mediaPorts
        self.localFacts = localFacts
        self.egress = egress
        self.proxy = proxy
        self.profileName = profileName
        self.media = media
        self.mediaTopology = mediaTopology
    }
}
