/// The gathered candidates of a check, condensed for people: one group per candidate type, one
/// entry per address inside it. The JSON report keeps every candidate; this is presentation only.
///
/// Rules (pure, total, deterministic):
/// - types in the order host, srflx, prflx, relay, then any other type in order of first appearance;
/// - inside a type, addresses in order of first appearance (compared as text, producers write
///   canonical IPs), ports dropped: one libnice agent per server finds the same srflx address on
///   other ports, and tcp-active candidates carry port 0 because they never listen;
/// - per address, transports de-duplicated in the order udp, tcp-passive, tcp-active, tcp-so, then
///   any other spelling (for example plain `tcp`) in order of first appearance;
/// - per address, the TURN transports that produced relays (`relayProtocol`) de-duplicated in the
///   order udp, tcp, tls, then others in order of first appearance.
public struct CandidateGroups: Sendable, Equatable {
    /// One address of one candidate type and what was seen on it.
    public struct Entry: Sendable, Equatable {
        /// The IP as reported, without brackets or port.
        public let ip: String
        /// Candidate transports seen at this address (`udp`, `tcp-passive`, ...), ordered.
        public let transports: [String]
        /// For relays: how the client reached the TURN server (`udp`, `tcp`, `tls`), ordered;
        /// empty when unknown or not a relay.
        public let relayProtocols: [String]

        public init(ip: String, transports: [String], relayProtocols: [String]) {
            self.ip = ip
            self.transports = transports
            self.relayProtocols = relayProtocols
        }
    }

    /// All addresses of one candidate type.
    public struct Group: Sendable, Equatable {
        /// `host`, `srflx`, `prflx`, `relay` (or another type as reported).
        public let type: String
        public let entries: [Entry]

        public init(type: String, entries: [Entry]) {
            self.type = type
            self.entries = entries
        }
    }

    public static let typeOrder = ["host", "srflx", "prflx", "relay"]
    public static let transportOrder = ["udp", "tcp-passive", "tcp-active", "tcp-so"]
    public static let relayProtocolOrder = ["udp", "tcp", "tls"]

    /// Groups in display order; empty when there are no candidates.
    public let groups: [Group]

    public init(_ candidates: [CandidateSummary]) {
        // Types and addresses in order of first appearance, with what each address carried.
        var types: [String] = []
        var addresses: [String: [String]] = [:]
        var transports: [String: [String: [String]]] = [:]
        var relays: [String: [String: [String]]] = [:]
        for candidate in candidates {
            let type = candidate.type
            let ip = candidate.address.ip
            if addresses[type] == nil {
                types.append(type)
                addresses[type] = []
            }
            if transports[type, default: [:]][ip] == nil {
                addresses[type, default: []].append(ip)
            }
            transports[type, default: [:]][ip, default: []].append(candidate.transport)
            if let relay = candidate.relayProtocol {
                relays[type, default: [:]][ip, default: []].append(relay)
            }
        }
        groups = Self.ordered(types, by: Self.typeOrder).map { type in
            Group(type: type, entries: (addresses[type] ?? []).map { ip in
                Entry(ip: ip,
                      transports: Self.ordered(transports[type]?[ip] ?? [], by: Self.transportOrder),
                      relayProtocols: Self.ordered(relays[type]?[ip] ?? [], by: Self.relayProtocolOrder))
            })
        }
    }

    /// `values` de-duplicated: those named in `order` first (in that order), then the others in
    /// order of first appearance.
    static func ordered(_ values: [String], by order: [String]) -> [String] {
        let known = order.filter(values.contains)
        var seen = Set(order)
        var others: [String] = []
        for value in values where seen.insert(value).inserted { others.append(value) }
        return known + others
    }

    /// One line of text per group, e.g. `10.0.0.2 (udp, tcp-active), fe80::1 (tcp-active)` or, for
    /// relays, `203.0.113.2 via TURN udp, tcp, tls`; never a port. Relay entries name their
    /// relayed transports only when those are not plain udp (or when the TURN transport is
    /// unknown), and are separated by `; ` because their TURN list already uses commas.
    public func lines() -> [(type: String, text: String)] {
        groups.map { group in
            let isRelay = group.type == "relay"
            let parts = group.entries.map { entry -> String in
                var text = entry.ip
                let showTransports = !isRelay || entry.relayProtocols.isEmpty || entry.transports != ["udp"]
                if showTransports, !entry.transports.isEmpty {
                    text += " (\(entry.transports.joined(separator: ", ")))"
                }
                if !entry.relayProtocols.isEmpty {
                    text += " via TURN \(entry.relayProtocols.joined(separator: ", "))"
                }
                return text
            }
            return (group.type, parts.joined(separator: isRelay ? "; " : ", "))
        }
    }
}
