/// What a site router lets out of the LAN (replies to allowed traffic always come back).
public struct FirewallPolicy: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// Everything allowed.
        case open
        /// All UDP dropped (the lab resolver's port 53 stays reachable unless DNS is blocked).
        case udpBlocked = "udp-blocked"
        /// Only TCP to port 443 allowed (plus the lab resolver unless DNS is blocked).
        case tcp443Only = "tcp443-only"
        /// Nothing leaves the LAN through the router (the lab resolver stays reachable unless DNS
        /// is blocked); a site `proxy` on the router is then the only way out.
        case closed
    }

    /// A range of destination ports dropped for one protocol.
    public struct BlockedPorts: Hashable, Sendable {
        public var name: String
        public var proto: String   // "udp" or "tcp"
        public var first: UInt16
        public var last: UInt16

        public init(name: String, proto: String, first: UInt16, last: UInt16) {
            self.name = name
            self.proto = proto
            self.first = first
            self.last = last
        }
    }

    public var mode: Mode
    public var blocked: [BlockedPorts]

    public init(mode: Mode = .open, blocked: [BlockedPorts] = []) {
        self.mode = mode
        self.blocked = blocked
    }
}
