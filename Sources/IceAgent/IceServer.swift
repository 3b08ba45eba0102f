import Credentials
/// A STUN or TURN server to gather against, as plain values (the CLI turns RFC 7064/7065 URIs
/// into these). libnice gets one agent per server (see ``Gatherer``).
public struct IceServer: Hashable, Sendable, CustomStringConvertible {
    /// How libnice talks to a TURN server.
    public enum RelayTransport: String, Hashable, Sendable, Codable, CaseIterable {
        case udp, tcp
        /// `turns:`. libnice 0.1.21 in RFC 5245 mode sends plain TCP for its TLS relay type (seen
        /// on the wire), so iceprobe gathers `turns:` servers over plain TCP and says so; it
        /// never claims TLS was tested.
        case tls
    }

    public enum Kind: Hashable, Sendable {
        case stun
        case turn(RelayTransport, username: String, credential: RedactedSecret)
        /// A server libnice cannot probe (e.g. `stuns:`); reported with this reason, never contacted.
        case unsupported(reason: String)
    }

    /// How the server is named in output (the canonical URI, e.g. `turn:192.0.2.1:3478?transport=udp`).
    public var label: String
    /// Host name or IP literal (IPv6 without brackets). Names are resolved with a bounded wait.
    public var host: String
    public var port: UInt16
    public var kind: Kind

    public init(label: String, host: String, port: UInt16, kind: Kind) {
        self.label = label
        self.host = host
        self.port = port
        self.kind = kind
    }

    /// `stun` or `turn`.
    public var kindName: String {
        switch kind {
        case .stun: "stun"
        case .turn: "turn"
        case .unsupported: label.hasPrefix("turn") ? "turn" : "stun"
        }
    }

    /// The transport used towards the server (`udp`, `tcp`, `tls`); STUN is always UDP in libnice.
    public var transportName: String {
        switch kind {
        case .stun: return "udp"
        case .turn(let relay, _, _): return relay.rawValue
        case .unsupported: return label.hasPrefix("stuns") || label.hasPrefix("turns") ? "tls" : "udp"
        }
    }

    /// The label; never includes the credential.
    public var description: String { label }
}
