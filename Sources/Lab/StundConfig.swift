/// How a region runs stund (the RFC 3489 server): on its two addresses, at `port` and `port + 1`
/// each (CHANGED-ADDRESS is the second address and `port + 1`). Alone it takes the STUN port
/// 3478; beside coturn (which holds 3478 and 3479 on both addresses for RFC 5780) it takes 3480.
/// No secrets: its command line is all of its configuration.
public struct StundConfig: Sendable, Hashable {
    public var primary: String
    public var secondary: String
    public var port: UInt16

    public static let portAlone: UInt16 = 3478
    public static let portBesideCoturn: UInt16 = 3480

    public init(primary: String, secondary: String, port: UInt16) {
        self.primary = primary
        self.secondary = secondary
        self.port = port
    }

    /// stund's port for a region running `servers`.
    public static func port(for servers: [RegionServer]) -> UInt16 {
        servers.contains(.coturn) ? portBesideCoturn : portAlone
    }

    /// `stund -h PRIMARY -a SECONDARY -p PORT -o PORT+1`, in the foreground (the lab records its PID).
    public var argv: [String] {
        ["stund", "-h", primary, "-a", secondary, "-p", String(port), "-o", String(port + 1)]
    }
}
