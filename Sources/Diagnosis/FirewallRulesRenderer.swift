/// Renders a profile's required egress (`EgressRule`s) for a network admin. Pure text; the same
/// rules give the same bytes. Every form allows traffic; none denies anything else.
public enum FirewallRulesRenderer {
    public static func render(_ rules: [EgressRule], profile: String, format: FirewallRulesFormat) -> String {
        switch format {
        case .nftables: return nftables(rules, profile: profile)
        case .iptables: return iptables(rules, profile: profile)
        case .netsh: return netsh(rules, profile: profile)
        case .csv: return csv(rules, profile: profile)
        }
    }

    static func header(_ profile: String, _ format: FirewallRulesFormat, comment: String) -> [String] {
        [
            "\(comment) Outbound traffic WebRTC calls need for profile \(profile) (STUN/TURN, relay and media).",
            "\(comment) Printed by: iceprobe check --profile \(profile) --firewall-rules \(format.rawValue)",
            "\(comment) It only allows; review it before applying. Replies to these connections must be allowed too.",
        ]
    }

    static func byName(_ rules: [EgressRule], comment: String) -> [String] {
        var lines: [String] = []
        for rule in rules where !rule.names.isEmpty {
            lines.append("\(comment) \(rule.scope) \(rule.purpose): \(rule.proto.rawValue) \(rule.ports) to \(rule.names.joined(separator: ", ")): "
                         + "the profile gives no address range; allow these names where the firewall supports names.")
        }
        return lines
    }

    /// One named set per distinct destination list and family (`iceprobe_jp1_v4`, numbered when
    /// two scopes would share a name), in first-use order.
    static func sets(_ rules: [EgressRule]) -> [(name: String, v6: Bool, elements: [String])] {
        var sets: [(name: String, v6: Bool, elements: [String])] = []
        for rule in rules {
            for v6 in [false, true] {
                let list = v6 ? rule.ipv6 : rule.ipv4
                guard !list.isEmpty, !sets.contains(where: { $0.v6 == v6 && $0.elements == list }) else { continue }
                let base = "iceprobe_" + rule.scope.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined() + (v6 ? "_v6" : "_v4")
                var name = base
                var counter = 2
                while sets.contains(where: { $0.name == name }) { name = "\(base)_\(counter)"; counter += 1 }
                sets.append((name, v6, list))
            }
        }
        return sets
    }

    static func nftables(_ rules: [EgressRule], profile: String) -> String {
        var lines = header(profile, .nftables, comment: "#")
        lines.append("# Load with `nft -f FILE`, then from your forward or output chain of table inet filter: jump iceprobe_egress")
        lines += byName(rules, comment: "#")
        let named = sets(rules)
        lines.append("table inet filter {")
        for set in named {
            lines.append("  set \(set.name) {")
            lines.append("    type \(set.v6 ? "ipv6_addr" : "ipv4_addr"); flags interval;")
            lines.append("    elements = { \(set.elements.joined(separator: ", ")) }")
            lines.append("  }")
        }
        lines.append("  chain iceprobe_egress {")
        for rule in rules {
            for v6 in [false, true] {
                let list = v6 ? rule.ipv6 : rule.ipv4
                guard let set = named.first(where: { $0.v6 == v6 && $0.elements == list }), !list.isEmpty else { continue }
                lines.append("    \(v6 ? "ip6" : "ip") daddr @\(set.name) \(rule.proto.rawValue) dport \(rule.ports) accept comment \"\(rule.scope): \(rule.purpose)\"")
            }
        }
        lines.append("  }")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    static func iptables(_ rules: [EgressRule], profile: String) -> String {
        var lines = header(profile, .iptables, comment: "#")
        lines.append("# Then jump to the chain from FORWARD (a gateway) or OUTPUT (this host): iptables -A FORWARD -j ICEPROBE-EGRESS")
        lines += byName(rules, comment: "#")
        lines.append("iptables -N ICEPROBE-EGRESS")
        if rules.contains(where: { !$0.ipv6.isEmpty }) { lines.append("ip6tables -N ICEPROBE-EGRESS") }
        for rule in rules {
            let ports = rule.ports.replacingOccurrences(of: "-", with: ":")
            let comment = "-m comment --comment \"iceprobe \(profile) \(rule.scope): \(rule.purpose)\""
            for destination in rule.destinations {
                let v6 = destination.contains(":")
                let target = !v6 && destination.contains("-") ? "-m iprange --dst-range \(destination)" : "-d \(destination)"
                lines.append("\(v6 ? "ip6tables" : "iptables") -A ICEPROBE-EGRESS -p \(rule.proto.rawValue) \(target) --dport \(ports) \(comment) -j ACCEPT")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func netsh(_ rules: [EgressRule], profile: String) -> String {
        var lines = header(profile, .netsh, comment: "REM")
        lines += byName(rules, comment: "REM")
        for rule in rules where !rule.destinations.isEmpty {
            let name = "iceprobe \(profile) \(rule.scope) \(rule.purpose) \(rule.proto.rawValue.uppercased()) \(rule.ports)"
            lines.append("netsh advfirewall firewall add rule name=\"\(name)\" dir=out action=allow protocol=\(rule.proto.rawValue.uppercased()) "
                         + "remoteport=\(rule.ports) remoteip=\(rule.destinations.joined(separator: ","))")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func csv(_ rules: [EgressRule], profile: String) -> String {
        var lines = ["profile,scope,purpose,direction,protocol,ports,destination,kind"]
        func field(_ text: String) -> String {
            text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        for rule in rules {
            for destination in rule.destinations {
                let kind = destination.contains(":") ? "ipv6-prefix" : destination.contains("-") ? "ipv4-range" : "ipv4-cidr"
                lines.append([profile, rule.scope, rule.purpose, "outbound", rule.proto.rawValue, rule.ports, destination, kind].map(field).joined(separator: ","))
            }
            for name in rule.names {
                lines.append([profile, rule.scope, rule.purpose, "outbound", rule.proto.rawValue, rule.ports, name, "host-name"].map(field).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
