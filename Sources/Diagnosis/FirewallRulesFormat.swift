/// The forms `iceprobe check --firewall-rules` prints a profile's required egress in.
public enum FirewallRulesFormat: String, Sendable, CaseIterable {
    /// An `nft -f` file adding sets and a chain `iceprobe_egress` to table `inet filter`.
    case nftables
    /// `iptables`/`ip6tables` commands filling a chain `ICEPROBE-EGRESS`.
    case iptables
    /// Windows `netsh advfirewall firewall add rule` commands (outbound allow).
    case netsh
    /// A CSV for a firewall change request: one row per destination.
    case csv
}
