import Diagnosis
import Probes

/// What `iceprobe check` shows besides the `CheckReport` in text and Markdown: the local facts
/// (interfaces, MTU, default route, VPN-like route), steps cut by the budget, and where the TURN
/// credential came from (never the secret). Presentation only.
enum CheckExtras {
    static func text(observations: CheckObservations, credentials: CheckCredentials) -> String {
        var lines = ["", "This computer"]
        lines += localLines(observations.local).map { "  " + $0 }
        lines.append("  TURN credential:    \(credentials.origin)")
        if !observations.cancelled.isEmpty {
            lines.append("  Not measured (still running at the budget): \(observations.cancelled.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func markdown(observations: CheckObservations, credentials: CheckCredentials) -> String {
        var lines = ["", "## This computer", ""]
        lines += localLines(observations.local).map { "- " + $0 }
        lines.append("- TURN credential: \(credentials.origin)")
        if !observations.cancelled.isEmpty {
            lines.append("- Not measured (still running at the budget): \(observations.cancelled.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func localLines(_ local: CheckLocalFacts?) -> [String] {
        guard let local else { return ["local facts: not measured"] }
        var lines: [String] = []
        for interface in local.interfaces {
            let addresses = (interface.ipv4 + interface.ipv6).joined(separator: ", ")
            lines.append("interface \(interface.name): \(interface.up ? "up" : "down"), MTU \(interface.mtu.map(String.init) ?? "?")"
                         + (addresses.isEmpty ? "" : ", \(addresses)"))
        }
        lines.append("IPv4 default route: \(local.defaultRouteInterface ?? "none")"
                     + (local.vpnLikeDefaultRoute == true ? " (looks like a VPN: media may take a longer path)" : ""))
        lines.append("IPv6: \(local.hasGlobalIPv6 ? "global address" : "no global address"), \(local.ipv6DefaultRoute ? "default route" : "no default route")")
        return lines
    }
}
