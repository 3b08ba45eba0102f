import Diagnosis
import ProbeTransport

/// A profile's required egress as `EgressRule`s: per region, the STUN/TURN ports its URIs name
/// (UDP 3478, TCP 3478, TCP 443 ...) to the region's address ranges, then the media port range
/// to the media ranges and every region's ranges. A server whose region gives no range is named
/// instead. Pure; URI problems are `CheckPlanError`s naming the profile key.
public enum FirewallRulePlanner {
    public static func rules(for profile: Profile) throws(CheckPlanError) -> [EgressRule] {
        var rules: [EgressRule] = []
        var everyRange: [String] = []
        for (index, region) in profile.regions.enumerated() {
            var ports: [(proto: EgressRule.Proto, port: String, purpose: String, host: String)] = []
            for (position, text) in region.stun.enumerated() {
                let uri = try CheckPlanner.parse(text, "regions[\(index)].stun[\(position)]")
                let transport = uri.impliedTransport
                ports.append((transport == .udp ? .udp : .tcp, String(uri.port), transport == .tls ? "STUN over TLS" : "STUN", uri.host))
            }
            for (position, text) in region.turn.enumerated() {
                let uri = try CheckPlanner.parse(text, "regions[\(index)].turn[\(position)]")
                let purpose: String
                switch uri.impliedTransport {
                case .udp: purpose = "TURN"
                case .tcp: purpose = "TURN over TCP"
                case .tls: purpose = "TURN over TLS"
                }
                ports.append((uri.impliedTransport == .udp ? .udp : .tcp, String(uri.port), purpose, uri.host))
            }
            // One rule per protocol and port; purposes joined.
            var seen: [String] = []
            for entry in ports {
                let key = "\(entry.proto.rawValue)/\(entry.port)"
                if seen.contains(key) {
                    if let at = rules.lastIndex(where: { $0.scope == region.id && $0.proto == entry.proto && $0.ports == entry.port }),
                       !rules[at].purpose.contains(entry.purpose) {
                        rules[at].purpose += ", " + entry.purpose
                    }
                    if region.addressRanges.isEmpty,
                       let at = rules.lastIndex(where: { $0.scope == region.id && $0.proto == entry.proto && $0.ports == entry.port }),
                       !rules[at].names.contains(entry.host) {
                        rules[at].names.append(entry.host)
                    }
                    continue
                }
                seen.append(key)
                rules.append(EgressRule(scope: region.id, purpose: entry.purpose, proto: entry.proto, ports: entry.port,
                                        destinations: region.addressRanges,
                                        names: region.addressRanges.isEmpty ? [entry.host] : []))
            }
            for range in region.addressRanges where !everyRange.contains(range) { everyRange.append(range) }
        }
        var media = profile.mediaRanges
        for range in everyRange where !media.contains(range) { media.append(range) }
        if !media.isEmpty {
            rules.append(EgressRule(scope: "media", purpose: "direct and relayed media", proto: .udp, ports: profile.mediaPorts,
                                    destinations: media))
        }
        return rules
    }
}
