/// The lab resolver: a dnsmasq answering only for lab names (no upstream, no /etc/hosts).
public struct ResolverConfig: Sendable {
    public var listenAddress: String
    public var records: [(name: String, address: String)]

    public init(listenAddress: String, records: [(name: String, address: String)]) {
        self.listenAddress = listenAddress
        self.records = records
    }

    public var dnsmasqConfiguration: String {
        var lines = [
            "listen-address=\(listenAddress)",
            "bind-interfaces",
            "no-resolv",
            "no-hosts",
            "no-poll",
            "pid-file=",
            "user=root",
            "log-queries",
            "log-facility=-",
            // Unknown lab names get NXDOMAIN at once instead of a timeout.
            "local=/\(Scenario.labDomain)/",
        ]
        for record in records {
            lines.append("host-record=\(record.name),\(record.address)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The resolv.conf each namespace gets: one server, 1 s timeout, 2 attempts.
    public var resolvConf: String {
        "nameserver \(listenAddress)\noptions timeout:1 attempts:2\n"
    }
}
