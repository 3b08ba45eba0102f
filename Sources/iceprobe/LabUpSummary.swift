import Lab

/// What `iceprobe lab up` built: the text lines and the `--format json` document (a contract for
/// scripts: Benchmarks/*/run.sh, scripts/demo.sh, scripts/nat-crosscheck.sh read it with jq).
struct LabUpSummary: Codable, Equatable {
    struct Client: Codable, Equatable {
        var name: String
        var namespace: String
    }

    struct Region: Codable, Equatable {
        var name: String
        /// The region's lab host name (`NAME.iceprobe.test`).
        var host: String
        var address: String
        /// The second address (RFC 5780 OTHER-ADDRESS / RFC 3489 CHANGED-ADDRESS).
        var otherAddress: String
        /// What listens there, e.g. "coturn UDP/TCP 3478, TLS 5349 and 443".
        var servers: [String]
    }

    struct Service: Codable, Equatable {
        var name: String
        /// `region NAME` or `client NAME`.
        var placement: String
        var log: String
    }

    struct SiteResolver: Codable, Equatable {
        var site: String
        var address: String
        /// `NAME -> TARGET` for every answer the site's own resolver gives.
        var answers: [String]
    }

    var prefix: String
    var runDirectory: String
    var clients: [Client]
    var regions: [Region]
    var services: [Service]
    var siteResolvers: [SiteResolver]
    /// The lab CA certificate (PEM file) when the lab runs TLS.
    var caCertificate: String?

    init(state: LabState, scenario: Scenario, addressing: LabAddressing) {
        prefix = state.prefix
        runDirectory = state.runDirectory
        clients = state.clients.sorted { $0.key < $1.key }.map { Client(name: $0.key, namespace: $0.value) }
        regions = scenario.regions.enumerated().map { index, region in
            let addresses = addressing.regionAddresses(index)
            var servers: [String] = []
            if region.runsCoturn { servers.append("coturn UDP/TCP 3478, TLS 5349 and 443") }
            if region.runsStund {
                let port = StundConfig.port(for: region.servers)
                servers.append("stund (RFC 3489) UDP \(port)/\(port + 1)")
            }
            return Region(name: region.name, host: "\(region.name).\(Scenario.labDomain)",
                          address: IPv4Subnet.format(addresses.primary), otherAddress: IPv4Subnet.format(addresses.secondary),
                          servers: servers)
        }
        services = scenario.services.map { service in
            Service(name: service.name, placement: service.region.map { "region " + $0 } ?? "client " + (service.client ?? ""),
                    log: ServiceSpec.logFile(name: service.name, runDirectory: state.runDirectory))
        }
        siteResolvers = scenario.sites.filter { !$0.resolverAnswers.isEmpty }.map { site in
            SiteResolver(site: site.name, address: IPv4Subnet.format(addressing.routerLanAddress(site)),
                         answers: site.resolverAnswers.map { "\($0.name) -> \($0.target)" })
        }
        caCertificate = state.caCertificate
    }

    /// The text form: the same facts, one per line.
    var lines: [String] {
        var lines = ["lab \(prefix) is up (state in \(runDirectory))"]
        for client in clients {
            lines.append("  client \(client.name): namespace \(client.namespace)   iceprobe lab exec \(client.name) -- CMD")
        }
        for region in regions {
            lines.append("  region \(region.name): \(region.host) = \(region.address), other address \(region.otherAddress), \(region.servers.joined(separator: "; "))")
        }
        for service in services {
            lines.append("  service \(service.name) in \(service.placement): log \(service.log)")
        }
        for resolver in siteResolvers {
            lines.append("  site \(resolver.site): own resolver \(resolver.address) answers \(resolver.answers.joined(separator: ", "))")
        }
        if let caCertificate { lines.append("  lab CA: \(caCertificate)") }
        lines.append("remove with: iceprobe lab down \(prefix)")
        return lines
    }
}
