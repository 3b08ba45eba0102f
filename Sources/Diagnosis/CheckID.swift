/// The checks of `iceprobe check`; each has its own verdict in the report.
public enum CheckID: String, Sendable, Codable, CaseIterable, Comparable {
    case dns, udp, turn, nat, latency, routing, ipv6

    public static func < (lhs: CheckID, rhs: CheckID) -> Bool {
        let order = CheckID.allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}
