/// The lab resolver: a dnsmasq answering only for lab names (no upstream, no /etc/hosts). With
/// an `upstream` it is a site's own resolver instead: it answers its records itself and forwards
/// every other question to the upstream (the lab resolver).
public struct ResolverConfig: Sendable {
    public var listenAddress: String
    public var records: [(name: String, address: String)]
    public var upstream: String?

    public init(listenAddress: String, records: [(name: String, address: String)], upstream: String? = nil) {
        self.listenAddress = listenAddress
        self.records = records
        self.upstream = upstream
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
        ]
        if let upstream {
            lines.append("server=\(upstream)")
        } else {
            // Unknown lab names get NXDOMAIN at once instead of a timeout.
            lines.append("local=/\(Scenario.labDomain)/")
        }
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
