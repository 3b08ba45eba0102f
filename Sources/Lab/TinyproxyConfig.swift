/// The configuration of a site's HTTP proxy (tinyproxy, run in the foreground by the lab): it
/// listens on the router's LAN address, admits only the site's LAN, and allows CONNECT to port
/// 443 only, like a locked-down office proxy.
public struct TinyproxyConfig: Sendable {
    public var listen: String
    public var port: Int
    public var allow: String

    public init(listen: String, port: Int, allow: String) {
        self.listen = listen
        self.port = port
        self.allow = allow
    }

    public var text: String {
        [
            "Port \(port)",
            "Listen \(listen)",
            "Timeout 30",
            "MaxClients 50",
            "LogLevel Info",
            "Allow \(allow)",
            "ConnectPort 443",
            "DisableViaHeader Yes",
        ].joined(separator: "\n") + "\n"
    }
}
