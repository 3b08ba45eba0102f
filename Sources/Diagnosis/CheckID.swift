/// The checks of `iceprobe check`; each has its own verdict in the report.
public enum CheckID: String, Sendable, Codable, CaseIterable, Comparable {
    case dns, udp, turn, nat, latency, routing, ipv6
    /// The media stream through the home region's relay (`check --media`); listed only when it ran.
    case media

    public static func < (lhs: CheckID, rhs: CheckID) -> Bool {
        let order = CheckID.allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}
