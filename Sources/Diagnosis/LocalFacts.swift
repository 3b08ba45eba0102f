/// The `localFacts` object of a check report: what this computer's own network setup looks like,
/// read locally without sending packets (interfaces, MTU, the IPv4 default route and whether it
/// looks like a VPN). A report has `localFacts: null` when they were not read.
public struct LocalFacts: Sendable, Equatable, Codable {
    /// One network interface other than loopback.
    public struct Interface: Sendable, Equatable, Codable {
        public var name: String
        public var up: Bool
        /// `nil` when the MTU could not be read.
        public var mtu: Int?
        public var ipv4: [String]
        public var ipv6: [String]

        public init(name: String, up: Bool, mtu: Int?, ipv4: [String], ipv6: [String]) {
            self.name = name
            self.up = up
            self.mtu = mtu
            self.ipv4 = ipv4
            self.ipv6 = ipv6
        }

        private enum CodingKeys: String, CodingKey { case name, up, mtu, ipv4, ipv6 }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(up, forKey: .up)
            try c.encode(mtu, forKey: .mtu)
            try c.encode(ipv4, forKey: .ipv4)
            try c.encode(ipv6, forKey: .ipv6)
        }
    }

    /// Interfaces other than loopback, in the order the system lists them.
    public var interfaces: [Interface]
    /// The interface of the IPv4 default route (lowest metric); `nil` when there is none.
    public var defaultRouteInterface: String?
    /// The MTU of that interface; `nil` without a default route or when unreadable.
    public var defaultRouteMtu: Int?
    /// Whether the IPv4 default route goes through a tunnel-like interface (see
    /// ``isTunnelLike(name:mtu:)``); `nil` when there is no default route.
    public var vpnLikeDefaultRoute: Bool?
    /// An IPv6 default route exists (up, not a reject route, not through loopback).
    public var ipv6DefaultRoute: Bool

    public init(interfaces: [Interface], defaultRouteInterface: String?, ipv6DefaultRoute: Bool) {
        self.interfaces = interfaces
        self.defaultRouteInterface = defaultRouteInterface
        self.ipv6DefaultRoute = ipv6DefaultRoute
        if let name = defaultRouteInterface {
            let mtu = interfaces.first { $0.name == name }?.mtu
            defaultRouteMtu = mtu
            vpnLikeDefaultRoute = LocalFacts.isTunnelLike(name: name, mtu: mtu)
        } else {
            defaultRouteMtu = nil
            vpnLikeDefaultRoute = nil
        }
    }

    /// An interface that is up has an IPv4 address.
    public var hasIPv4: Bool { interfaces.contains { $0.up && !$0.ipv4.isEmpty } }

    /// An interface that is up has a global IPv6 address (not link-local, not unique-local).
    public var hasGlobalIPv6: Bool { interfaces.contains { $0.up && $0.ipv6.contains(where: LocalFacts.isGlobalIPv6) } }

    /// IPv6 is usable as far as this computer can tell: a global address and a default route.
    public var ipv6Available: Bool { hasGlobalIPv6 && ipv6DefaultRoute }

    /// Tunnel-like interface names used by VPN clients (tun, tap, wg, ppp, ipsec, ...), or an MTU
    /// below 1400, too small for a plain Ethernet or Wi-Fi path.
    public static func isTunnelLike(name: String, mtu: Int?) -> Bool {
        let prefixes = ["tun", "tap", "wg", "ppp", "ipsec", "utun", "vpn", "tailscale", "zt", "gpd", "cscotun", "nordlynx"]
        if prefixes.contains(where: { name.hasPrefix($0) }) { return true }
        if let mtu, mtu < 1400 { return true }
        return false
    }

    /// Global unicast IPv6 text: not link-local (fe80::/10), not unique-local (fc00::/7), not loopback.
    public static func isGlobalIPv6(_ text: String) -> Bool {
        let lower = text.lowercased()
        if lower == "::1" || lower.hasPrefix("fe8") || lower.hasPrefix("fe9") || lower.hasPrefix("fea") || lower.hasPrefix("feb") { return false }
        if lower.hasPrefix("fc") || lower.hasPrefix("fd") { return false }
        return lower.contains(":")
    }

    private enum CodingKeys: String, CodingKey {
        case interfaces, defaultRouteInterface, defaultRouteMtu, vpnLikeDefaultRoute, ipv6DefaultRoute
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        interfaces = try c.decode([Interface].self, forKey: .interfaces)
        defaultRouteInterface = try c.decodeIfPresent(String.self, forKey: .defaultRouteInterface)
        defaultRouteMtu = try c.decodeIfPresent(Int.self, forKey: .defaultRouteMtu)
        vpnLikeDefaultRoute = try c.decodeIfPresent(Bool.self, forKey: .vpnLikeDefaultRoute)
        ipv6DefaultRoute = try c.decode(Bool.self, forKey: .ipv6DefaultRoute)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(interfaces, forKey: .interfaces)
        try c.encode(defaultRouteInterface, forKey: .defaultRouteInterface)
        try c.encode(defaultRouteMtu, forKey: .defaultRouteMtu)
        try c.encode(vpnLikeDefaultRoute, forKey: .vpnLikeDefaultRoute)
        try c.encode(ipv6DefaultRoute, forKey: .ipv6DefaultRoute)
    }
}
