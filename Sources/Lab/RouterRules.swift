/// The nftables ruleset of a site router (table `ip iceprobe` inside the router's namespace).
///
/// - Mapping: `masquerade` keeps the source port when it is free, so one inside endpoint gets the
///   same public endpoint for every destination (endpoint-independent mapping);
///   `masquerade fully-random` picks a new port per destination (address-and-port-dependent).
/// - Filtering: conntrack alone admits only replies from the exact remote endpoint
///   (address-and-port-dependent). For endpoint-independent and address-dependent filtering a
///   dynamic map `public port -> inside address . port` is learned from outgoing packets and
///   used to DNAT unsolicited inbound packets; address-dependent filtering additionally requires
///   `port . remote address` in a dynamic set learned the same way. The map assumes the port is
///   preserved (true unless two inside hosts use the same source port at once).
/// - Hairpinning (endpoint-independent mapping only): LAN packets to the public address are
///   DNATed through the same map and SNATed to the public address.
/// - Map/set entries expire after the UDP timeout, like the conntrack entries (sysctl).
public struct RouterRules: Sendable {
    public var site: SiteSpec
    public var wanAddress: String
    public var wanInterface = "wan0"
    public var lanInterface = "br0"
    public var resolverAddress: String

    public init(site: SiteSpec, wanAddress: String, resolverAddress: String) {
        self.site = site
        self.wanAddress = wanAddress
        self.resolverAddress = resolverAddress
    }

    public var tableName: String { "iceprobe" }

    /// The full `nft -f` input.
    public var ruleset: String {
        var lines: [String] = ["table ip \(tableName) {"]
        let nat = site.nat
        let useMap = nat.map { $0.mapping == .endpointIndependent
            && ($0.filtering != .addressAndPortDependent || $0.hairpinning) } ?? false
        let timeout = nat?.udpTimeoutSeconds ?? 120
        if useMap {
            lines += [
                "  map eim {",
                "    type inet_service : ipv4_addr . inet_service",
                "    flags dynamic,timeout",
                "    timeout \(timeout)s",
                "  }",
            ]
        }
        if nat?.mapping == .endpointIndependent, nat?.filtering == .addressDependent {
            lines += [
                "  set adf {",
                "    type inet_service . ipv4_addr",
                "    flags dynamic,timeout",
                "    timeout \(timeout)s",
                "  }",
            ]
        }

        // Outbound policy and inbound filtering.
        lines += ["  chain filter_forward {", "    type filter hook forward priority filter; policy accept;"]
        lines.append("    ct state established,related accept")
        if site.dns == .blocked {
            lines.append("    iifname \"\(lanInterface)\" meta l4proto { tcp, udp } th dport 53 drop")
        } else {
            lines.append("    iifname \"\(lanInterface)\" ip daddr \(resolverAddress) meta l4proto { tcp, udp } th dport 53 accept")
        }
        for block in site.firewall.blocked {
            let ports = block.first == block.last ? "\(block.first)" : "\(block.first)-\(block.last)"
            lines.append("    iifname \"\(lanInterface)\" \(block.proto) dport \(ports) drop comment \"\(block.name)\"")
        }
        switch site.firewall.mode {
        case .open:
            break
        case .udpBlocked:
            lines.append("    iifname \"\(lanInterface)\" meta l4proto udp drop")
        case .tcp443Only:
            lines.append("    iifname \"\(lanInterface)\" tcp dport 443 accept")
            lines.append("    iifname \"\(lanInterface)\" drop")
        case .closed:
            lines.append("    iifname \"\(lanInterface)\" drop")
        }
        if let nat {
            if useMap {
                lines.append("    iifname \"\(lanInterface)\" oifname \"\(wanInterface)\" meta l4proto udp update @eim { udp sport : ip saddr . udp sport }")
            }
            if nat.mapping == .endpointIndependent, nat.filtering == .addressDependent {
                lines.append("    iifname \"\(lanInterface)\" oifname \"\(wanInterface)\" meta l4proto udp update @adf { udp sport . ip daddr }")
            }
            // Unsolicited inbound: only what the NAT's filtering let through (DNATed above).
            lines.append("    iifname \"\(wanInterface)\" ct status dnat accept")
            lines.append("    iifname \"\(wanInterface)\" drop")
        }
        lines.append("  }")

        if site.tlsInterception {
            // The middlebox: every TCP 443 connection from the LAN ends at the router's TLS server.
            lines += ["  chain intercept_prerouting {", "    type nat hook prerouting priority dstnat; policy accept;",
                      "    iifname \"\(lanInterface)\" tcp dport 443 redirect to :\(RouterRules.interceptionPort)",
                      "  }"]
        }

        if let nat {
            lines += ["  chain filter_input {", "    type filter hook input priority filter; policy accept;"]
            lines.append("    ct state established,related accept")
            lines.append("    iifname \"\(wanInterface)\" drop")
            if !nat.hairpinning {
                lines.append("    iifname \"\(lanInterface)\" ip daddr \(wanAddress) drop")
            }
            lines.append("  }")

            lines += ["  chain nat_prerouting {", "    type nat hook prerouting priority dstnat; policy accept;"]
            if nat.mapping == .endpointIndependent {
                switch nat.filtering {
                case .endpointIndependent:
                    lines.append("    iifname \"\(wanInterface)\" ip daddr \(wanAddress) meta l4proto udp dnat ip to udp dport map @eim")
                case .addressDependent:
                    lines.append("    iifname \"\(wanInterface)\" ip daddr \(wanAddress) meta l4proto udp udp dport . ip saddr @adf dnat ip to udp dport map @eim")
                case .addressAndPortDependent:
                    break
                }
                if nat.hairpinning {
                    lines.append("    iifname \"\(lanInterface)\" ip daddr \(wanAddress) meta l4proto udp dnat ip to udp dport map @eim")
                }
            }
            lines.append("  }")

            lines += ["  chain nat_postrouting {", "    type nat hook postrouting priority srcnat; policy accept;"]
            if nat.hairpinning {
                lines.append("    ip saddr \(site.lan) ip daddr \(site.lan) ct status dnat snat ip to \(wanAddress)")
            }
            let random = nat.mapping == .addressAndPortDependent ? " fully-random" : ""
            lines.append("    oifname \"\(wanInterface)\" masquerade\(random)")
            lines.append("  }")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Port of the router's TLS middlebox (`tlsInterception`).
    public static let interceptionPort = 8443
    /// Port of the router's HTTP proxy (`proxy`).
    public static let proxyPort = 3128

    /// The ruleset of a region server: TCP 443 is redirected to coturn's TLS port 5349.
    /// `blocked` ports are dropped before the redirect (by the port the client used).
    public static func serverRuleset(tlsPort: Int, blocked: [FirewallPolicy.BlockedPorts] = []) -> String {
        var lines = ["table ip iceprobe {"]
        if !blocked.isEmpty {
            lines += ["  chain filter_prerouting {", "    type filter hook prerouting priority raw; policy accept;"]
            for block in blocked {
                let ports = block.first == block.last ? "\(block.first)" : "\(block.first)-\(block.last)"
                lines.append("    \(block.proto) dport \(ports) drop comment \"\(block.name)\"")
            }
            lines.append("  }")
        }
        lines += ["  chain nat_prerouting {", "    type nat hook prerouting priority dstnat; policy accept;",
                  "    tcp dport 443 redirect to :\(tlsPort)", "  }", "}"]
        return lines.joined(separator: "\n") + "\n\n"
    }
}
