/// A media region: one server host running coturn (RFC 5780, TURN), stund (RFC 3489), or both,
/// on two public addresses.
public struct RegionSpec: Hashable, Sendable {
    public var name: String
    /// Extra DNS names (besides `NAME.iceprobe.test`) that resolve to the primary address.
    public var hostnames: [String]
    /// Impairments on the link between the region and the internet router.
    public var impairment: LinkImpairment
    public var turn: TurnSettings
    /// The STUN servers it runs (`servers:`; default coturn only). stund's ports: ``StundConfig``.
    public var servers: [RegionServer]
    /// Ports the region's server drops silently (inbound, by the port the client used, before
    /// TCP 443 is redirected to coturn's TLS port): a region whose STUN stays silent.
    public var blockedPorts: [FirewallPolicy.BlockedPorts] = []
    public var position: SourcePosition

    public init(name: String, hostnames: [String] = [], impairment: LinkImpairment = LinkImpairment(),
                turn: TurnSettings = TurnSettings(), servers: [RegionServer] = [.coturn],
                position: SourcePosition = .unknown) {
        self.name = name
        self.hostnames = hostnames
        self.impairment = impairment
        self.turn = turn
        self.servers = servers
        self.position = position
    }

    public var runsCoturn: Bool { servers.contains(.coturn) }
    public var runsStund: Bool { servers.contains(.stund) }

    /// TURN settings of the region's coturn. Secrets stay in the run directory (mode 0600).
    public struct TurnSettings: Hashable, Sendable {
        public var realm: String
        public var users: [User]
        /// TURN REST API shared secret; when set coturn runs in `use-auth-secret` mode.
        public var restSecret: String?

        public init(realm: String = "iceprobe.test", users: [User] = [], restSecret: String? = nil) {
            self.realm = realm
            self.users = users
            self.restSecret = restSecret
        }
    }

    public struct User: Hashable, Sendable {
        public var name: String
        public var password: String

        public init(name: String, password: String) {
            self.name = name
            self.password = password
        }
    }
}
