import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Builds a scenario's lab in network namespaces and records everything in the run directory.
///
/// Every command is bounded (10 s each; daemons get 10 s to become ready). On any failure the
/// partly built lab is torn down before the error is thrown.
public final class LabBuilder {
    public let scenario: Scenario
    public let addressing: LabAddressing
    /// The iceprobe executable that runs the impairment daemons (`lab impair`).
    public let iceprobeExecutable: String
    public private(set) var state: LabState
    let log: (String) -> Void

    public static let requiredTools = ["ip", "nft", "iptables", "tc", "sysctl", "turnserver", "dnsmasq", "openssl", "ss"]

    public init(scenario: Scenario, iceprobeExecutable: String, prefix: String? = nil,
                log: @escaping (String) -> Void = { _ in }) {
        let chosen = prefix ?? LabBuilder.newPrefix()
        self.scenario = scenario
        self.addressing = LabAddressing(prefix: chosen, scenario: scenario)
        self.iceprobeExecutable = iceprobeExecutable
        self.state = LabState(prefix: chosen, scenarioName: scenario.name, scenarioFile: scenario.file)
        self.log = log
    }

    /// A short random prefix ("ip" + 4 hex digits) for namespace names, not used by any run
    /// directory or namespace that exists now (up to 64 draws).
    public static func newPrefix() -> String {
        var generator = SystemRandomNumberGenerator()
        var candidate = ""
        for _ in 0..<64 {
            let hex = String(generator.next() & 0xffff, radix: 16)
            candidate = "ip" + String(repeating: "0", count: 4 - hex.count) + hex
            if !FileManager.default.fileExists(atPath: LabState.baseDirectory + "/" + candidate),
               !FileManager.default.fileExists(atPath: "/run/netns/\(candidate)-inet") {
                break
            }
        }
        return candidate
    }

    /// Throws unless running as root with every tool the lab needs.
    public static func checkPrerequisites() throws(LabError) {
        guard geteuid() == 0 else {
            throw LabError(.notRoot, "the lab creates network namespaces and needs root (run with sudo)")
        }
        let missing = requiredTools.filter { CommandRunner.resolve($0) == nil }
        guard missing.isEmpty else {
            throw LabError(.missingTool, "missing: \(missing.joined(separator: ", ")) (run scripts/install-deps.sh)")
        }
    }

    /// Builds the lab. On failure everything started so far is removed and the error rethrown.
    public func up() throws(LabError) -> LabState {
        try LabBuilder.checkPrerequisites()
        do {
            try prepareRunDirectory()
            try createNamespaces()
            try wireSites()
            try wireRegions()
            try startResolver()
            try startSiteResolvers()
            try loadRouterRules()
            try startServers()
            try startMiddleboxes()
            try applyImpairments()
            try waitForServers()
            try startServices()
            log("lab \(state.prefix) is up")
            return state
        } catch {
            log("build failed (\(error)); tearing down")
            let problems = LabInterruptGuard.tearDown(state)
            for problem in problems { log("teardown: \(problem)") }
            throw error
        }
    }

    // MARK: steps

    func path(_ name: String) -> String { state.runDirectory + "/" + name }

    func prepareRunDirectory() throws(LabError) {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: state.runDirectory) else {
            throw LabError(.io, "run directory \(state.runDirectory) already exists (prefix collision; try again)")
        }
        guard !addressing.allNamespaces.contains(where: LabTeardown.namespaceExists) else {
            throw LabError(.io, "a namespace with prefix \(state.prefix) already exists")
        }
        let directory = state.runDirectory
        let initial = state
        try LabInterruptGuard.creating { () throws(LabError) in
            do {
                try fm.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                       attributes: [.posixPermissions: 0o700])
            } catch {
                throw LabError(.io, "cannot create \(directory): \(error)")
            }
            try initial.save()
        }
    }

    func ip(_ namespace: String, _ arguments: String...) throws(LabError) {
        try CommandRunner.check(["ip", "-n", namespace] + arguments)
    }

    @discardableResult
    func inNamespace(_ namespace: String, _ argv: [String], timeout: Double = 10) throws(LabError) -> String {
        try CommandRunner.check(["ip", "netns", "exec", namespace] + argv, timeout: timeout)
    }

    func createNamespaces() throws(LabError) {
        let resolver = ResolverConfig(listenAddress: IPv4Subnet.format(LabAddressing.resolverAddress), records: [])
        for namespace in addressing.allNamespaces {
            let etc = "/etc/netns/" + namespace
            try LabInterruptGuard.creating { () throws(LabError) in
                state.namespaces.append(namespace)
                state.etcDirectories.append(etc)
                try state.save()
                try CommandRunner.check(["ip", "netns", "add", namespace])
            }
            try ip(namespace, "link", "set", "lo", "up")
            do {
                try FileManager.default.createDirectory(atPath: etc, withIntermediateDirectories: true)
                try resolver.resolvConf.write(toFile: etc + "/resolv.conf", atomically: true, encoding: .utf8)
            } catch {
                throw LabError(.io, "cannot write \(etc)/resolv.conf: \(error)")
            }
        }
        try inNamespace(addressing.internetNamespace, ["sysctl", "-q", "-w", "net.ipv4.ip_forward=1"])
    }

    func wireSites() throws(LabError) {
        let inet = addressing.internetNamespace
        for (index, site) in scenario.sites.enumerated() {
            let router = addressing.routerNamespace(site: site.name)
            let uplink = addressing.siteUplink(index)
            let inetIf = LabAddressing.internetInterface(site: index)
            try CommandRunner.check(["ip", "link", "add", inetIf, "netns", inet, "type", "veth",
                                     "peer", "name", "wan0", "netns", router])
            try ip(inet, "addr", "add", IPv4Subnet.format(uplink.internet) + "/29", "dev", inetIf)
            try ip(inet, "link", "set", inetIf, "up")
            try ip(router, "addr", "add", IPv4Subnet.format(uplink.router) + "/29", "dev", "wan0")
            try ip(router, "link", "set", "wan0", "up")
            try ip(router, "route", "add", "default", "via", IPv4Subnet.format(uplink.internet))
            try inNamespace(router, ["sysctl", "-q", "-w", "net.ipv4.ip_forward=1"])
            try ip(router, "link", "add", "br0", "type", "bridge")
            try ip(router, "addr", "add", "\(IPv4Subnet.format(addressing.routerLanAddress(site)))/\(site.lan.prefixLength)", "dev", "br0")
            try ip(router, "link", "set", "br0", "up")
            // With br_netfilter loaded, LAN packets would go through the router's nft rules at
            // bridge level, and a hairpinned packet would be bridged back to its ingress port
            // (dropped). The router must route them instead.
            if FileManager.default.fileExists(atPath: "/proc/sys/net/bridge/bridge-nf-call-iptables") {
                try inNamespace(router, ["sysctl", "-q", "-w", "net.bridge.bridge-nf-call-iptables=0"])
            }
            if site.nat == nil {
                try ip(inet, "route", "add", site.lan.description, "via", IPv4Subnet.format(uplink.router))
            }
            for (clientIndex, client) in site.clients.enumerated() {
                let namespace = addressing.clientNamespace(client: client)
                state.clients[client] = namespace
                let lanIf = "lan\(clientIndex)"
                try CommandRunner.check(["ip", "link", "add", lanIf, "netns", router, "type", "veth",
                                         "peer", "name", "eth0", "netns", namespace])
                try ip(router, "link", "set", lanIf, "master", "br0")
                try ip(router, "link", "set", lanIf, "up")
                let address = addressing.clientAddress(site, clientIndex: clientIndex)
                try ip(namespace, "addr", "add", "\(IPv4Subnet.format(address))/\(site.lan.prefixLength)", "dev", "eth0")
                try ip(namespace, "link", "set", "eth0", "up")
                if site.defaultRoute {
                    try ip(namespace, "route", "add", "default", "via", IPv4Subnet.format(addressing.routerLanAddress(site)))
                }
            }
        }
        try state.save()
    }

    func wireRegions() throws(LabError) {
        let inet = addressing.internetNamespace
        for (index, region) in scenario.regions.enumerated() {
            let server = addressing.serverNamespace(region: region.name)
            let addresses = addressing.regionAddresses(index)
            let inetIf = LabAddressing.internetInterface(region: index)
            try CommandRunner.check(["ip", "link", "add", inetIf, "netns", inet, "type", "veth",
                                     "peer", "name", "eth0", "netns", server])
            try ip(inet, "addr", "add", IPv4Subnet.format(addresses.internet) + "/28", "dev", inetIf)
            try ip(inet, "link", "set", inetIf, "up")
            try ip(server, "addr", "add", IPv4Subnet.format(addresses.primary) + "/28", "dev", "eth0")
            try ip(server, "addr", "add", IPv4Subnet.format(addresses.secondary) + "/28", "dev", "eth0")
            try ip(server, "link", "set", "eth0", "up")
            try ip(server, "route", "add", "default", "via", IPv4Subnet.format(addresses.internet))
        }
    }

    func startResolver() throws(LabError) {
        let inet = addressing.internetNamespace
        let listen = IPv4Subnet.format(LabAddressing.resolverAddress)
        try ip(inet, "addr", "add", listen + "/32", "dev", "lo")
        let config = ResolverConfig(listenAddress: listen,
                                    records: addressing.hostRecords.map { ($0.name, IPv4Subnet.format($0.address)) })
        let file = path("dnsmasq.conf")
        try write(config.dnsmasqConfiguration, to: file, mode: 0o644)
        try startDaemon(role: "dnsmasq", namespace: inet,
                        argv: ["dnsmasq", "--keep-in-foreground", "--conf-file=" + file], log: path("dnsmasq.log"))
    }

    /// A site with `resolver: answers:` gets its own dnsmasq in its router namespace, on the
    /// router's LAN address: it answers those names itself and forwards the rest to the lab
    /// resolver; the site's clients ask it (their resolv.conf is rewritten).
    func startSiteResolvers() throws(LabError) {
        for site in scenario.sites where !site.resolverAnswers.isEmpty {
            let router = addressing.routerNamespace(site: site.name)
            let listen = IPv4Subnet.format(addressing.routerLanAddress(site))
            var records: [(name: String, address: String)] = []
            for answer in site.resolverAnswers {
                if let index = scenario.regions.firstIndex(where: { $0.name == answer.target }) {
                    records.append((answer.name, IPv4Subnet.format(addressing.regionAddresses(index).primary)))
                } else if IPv4Subnet.parseAddress(answer.target) != nil {
                    records.append((answer.name, answer.target))
                } else {
                    throw LabError(.io, "site \(site.name): resolver answer '\(answer.target)' is neither a region nor an IPv4 address")
                }
            }
            let config = ResolverConfig(listenAddress: listen, records: records,
                                        upstream: IPv4Subnet.format(LabAddressing.resolverAddress))
            let file = path("dnsmasq-\(site.name).conf")
            try write(config.dnsmasqConfiguration, to: file, mode: 0o644)
            try startDaemon(role: "dnsmasq-\(site.name)", namespace: router,
                            argv: ["dnsmasq", "--keep-in-foreground", "--conf-file=" + file], log: path("dnsmasq-\(site.name).log"))
            for client in site.clients {
                let etc = "/etc/netns/" + addressing.clientNamespace(client: client)
                do {
                    try config.resolvConf.write(toFile: etc + "/resolv.conf", atomically: true, encoding: .utf8)
                } catch {
                    throw LabError(.io, "cannot write \(etc)/resolv.conf: \(error)")
                }
            }
        }
    }

    func loadRouterRules() throws(LabError) {
        for (index, site) in scenario.sites.enumerated() {
            let router = addressing.routerNamespace(site: site.name)
            let rules = RouterRules(site: site, wanAddress: IPv4Subnet.format(addressing.siteUplink(index).router),
                                    resolverAddress: IPv4Subnet.format(LabAddressing.resolverAddress))
            try loadNft(rules.ruleset, namespace: router, file: path("nft-\(site.name).nft"))
            if let nat = site.nat {
                for key in ["net.netfilter.nf_conntrack_udp_timeout", "net.netfilter.nf_conntrack_udp_timeout_stream"] {
                    try inNamespace(router, ["sysctl", "-q", "-w", "\(key)=\(nat.udpTimeoutSeconds)"])
                }
            }
        }
        for region in scenario.regions {
            try loadNft(RouterRules.serverRuleset(tlsPort: CoturnConfig.tlsPort, blocked: region.blockedPorts),
                        namespace: addressing.serverNamespace(region: region.name),
                        file: path("nft-server-\(region.name).nft"))
        }
    }

    /// Loads a ruleset and proves it is there: a failed or partial load fails the build.
    func loadNft(_ ruleset: String, namespace: String, file: String) throws(LabError) {
        try write(ruleset, to: file, mode: 0o644)
        let result = try CommandRunner.run(["ip", "netns", "exec", namespace, "nft", "-f", file])
        guard result.status == 0, !result.timedOut else {
            throw LabError(.ruleLoadFailed, "nft -f \(file) in \(namespace) failed: \(result.stderr.split(separator: "\n").prefix(6).joined(separator: " | "))")
        }
        let listed = try inNamespace(namespace, ["nft", "list", "table", "ip", "iceprobe"])
        let expectedChains = ruleset.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("chain ") }.count
        let loadedChains = listed.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("chain ") }.count
        guard loadedChains == expectedChains else {
            throw LabError(.ruleLoadFailed, "\(namespace): table iceprobe has \(loadedChains) chains, expected \(expectedChains)")
        }
    }

    func startServers() throws(LabError) {
        let ca = path("lab-ca.pem")
        let caKey = path("lab-ca.key")
        try CommandRunner.check(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                 "-nodes", "-keyout", caKey, "-out", ca, "-days", "2",
                                 "-subj", "/CN=iceprobe lab CA \(state.prefix)"], timeout: 20)
        chmod(ca, 0o644)
        state.caCertificate = ca
        try state.save()
        if scenario.regions.contains(where: \.runsStund), CommandRunner.resolve("stund") == nil {
            throw LabError(.missingTool, "missing: stund (Debian package stun-server; run scripts/install-deps.sh)")
        }
        for (index, region) in scenario.regions.enumerated() {
            let addresses = addressing.regionAddresses(index)
            if region.runsStund {
                let stund = StundConfig(primary: IPv4Subnet.format(addresses.primary), secondary: IPv4Subnet.format(addresses.secondary),
                                        port: StundConfig.port(for: region.servers))
                try startDaemon(role: "stund-\(region.name)", namespace: addressing.serverNamespace(region: region.name),
                                argv: stund.argv, log: path("stund-\(region.name).log"))
            }
            guard region.runsCoturn else { continue }
            let key = path("server-\(region.name).key")
            let csr = path("server-\(region.name).csr")
            let cert = path("server-\(region.name).pem")
            let ext = path("server-\(region.name).ext")
            let names = [region.name + "." + Scenario.labDomain] + region.hostnames
            let san = (names.map { "DNS:" + $0 } + ["IP:" + IPv4Subnet.format(addresses.primary),
                                                    "IP:" + IPv4Subnet.format(addresses.secondary)]).joined(separator: ",")
            try write("subjectAltName=\(san)\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
                      to: ext, mode: 0o644)
            try CommandRunner.check(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                     "-keyout", key, "-out", csr, "-subj", "/CN=\(names[0])"], timeout: 20)
            try CommandRunner.check(["openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", caKey,
                                     "-set_serial", "\(index + 2)", "-days", "2", "-out", cert, "-extfile", ext], timeout: 20)
            let config = CoturnConfig(region: region, primary: IPv4Subnet.format(addresses.primary),
                                      secondary: IPv4Subnet.format(addresses.secondary), certificate: cert,
                                      privateKey: key, runDirectory: state.runDirectory)
            let configFile = path("coturn-\(region.name).conf")
            try write(config.text, to: configFile, mode: 0o600)
            if let user = region.turn.users.first {
                // For `{credential-file.REGION}`: probes read the password from a file, never argv.
                try write(user.password + "\n", to: ProbeSpec.credentialFile(region: region.name, runDirectory: state.runDirectory),
                          mode: 0o600)
            }
            try startDaemon(role: "turnserver-\(region.name)", namespace: addressing.serverNamespace(region: region.name),
                            argv: ["turnserver", "-c", configFile], log: path("coturn-\(region.name).log"))
        }
    }

    /// Per site: the TLS middlebox (`tlsInterception`: `openssl s_server` with a certificate from
    /// the middlebox's own CA, on the router's LAN address) and the HTTP proxy (`proxy`: tinyproxy
    /// on the router's LAN address). Each must listen within 10 s.
    func startMiddleboxes() throws(LabError) {
        for site in scenario.sites where site.tlsInterception || site.proxy {
            let router = addressing.routerNamespace(site: site.name)
            let lanAddress = IPv4Subnet.format(addressing.routerLanAddress(site))
            var ports: [Int] = []
            if site.tlsInterception {
                let ca = path("middlebox-\(site.name)-ca.pem")
                let caKey = path("middlebox-\(site.name)-ca.key")
                let key = path("middlebox-\(site.name).key")
                let csr = path("middlebox-\(site.name).csr")
                let cert = path("middlebox-\(site.name).pem")
                try CommandRunner.check(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                         "-nodes", "-keyout", caKey, "-out", ca, "-days", "2",
                                         "-subj", "/CN=iceprobe lab middlebox CA \(state.prefix)"], timeout: 20)
                try CommandRunner.check(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                         "-keyout", key, "-out", csr, "-subj", "/CN=middlebox.\(site.name)"], timeout: 20)
                try CommandRunner.check(["openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", caKey,
                                         "-set_serial", "1", "-days", "2", "-out", cert], timeout: 20)
                try startDaemon(role: "middlebox-\(site.name)", namespace: router,
                                argv: ["openssl", "s_server", "-quiet", "-www", "-accept", "\(lanAddress):\(RouterRules.interceptionPort)",
                                       "-cert", cert, "-key", key],
                                log: path("middlebox-\(site.name).log"))
                ports.append(RouterRules.interceptionPort)
            }
            if site.proxy {
                guard CommandRunner.resolve("tinyproxy") != nil else {
                    throw LabError(.missingTool, "site \(site.name) has proxy: true but tinyproxy is missing (run scripts/install-deps.sh)")
                }
                let config = path("tinyproxy-\(site.name).conf")
                try write(TinyproxyConfig(listen: lanAddress, port: RouterRules.proxyPort, allow: site.lan.description).text,
                          to: config, mode: 0o644)
                try startDaemon(role: "proxy-\(site.name)", namespace: router, argv: ["tinyproxy", "-d", "-c", config],
                                log: path("tinyproxy-\(site.name).log"))
                ports.append(RouterRules.proxyPort)
            }
            let deadline = ContinuousClock.now + .seconds(10)
            while true {
                let listening = (try? inNamespace(router, ["ss", "-Hltn"])) ?? ""
                if ports.allSatisfy({ listening.contains("\(lanAddress):\($0)") }) { break }
                if ContinuousClock.now >= deadline {
                    throw LabError(.daemonFailed, "middlebox of site \(site.name) not listening on \(ports) after 10 s (see \(path("middlebox-\(site.name).log")))")
                }
                usleep(50_000)
            }
        }
    }

    /// Waits (at most 10 s per region) until coturn listens on UDP 3478 and TCP 3478/5349, and
    /// stund on its four UDP sockets (both addresses, its port and the next).
    func waitForServers() throws(LabError) {
        for (index, region) in scenario.regions.enumerated() {
            let namespace = addressing.serverNamespace(region: region.name)
            let addresses = addressing.regionAddresses(index)
            let port = StundConfig.port(for: region.servers)
            let stundSockets = [addresses.primary, addresses.secondary].flatMap { ip in
                [port, port + 1].map { "\(IPv4Subnet.format(ip)):\($0) " }
            }
            let deadline = ContinuousClock.now + .seconds(10)
            while true {
                let tcp = (try? inNamespace(namespace, ["ss", "-Hltn"])) ?? ""
                let udp = (try? inNamespace(namespace, ["ss", "-Hlun"])) ?? ""
                let coturnReady = !region.runsCoturn || (tcp.contains(":\(CoturnConfig.tlsPort)")
                    && tcp.contains(":\(CoturnConfig.listeningPort)") && udp.contains(":\(CoturnConfig.listeningPort)"))
                let stundReady = !region.runsStund || stundSockets.allSatisfy { udp.contains($0) }
                if coturnReady && stundReady { break }
                if ContinuousClock.now >= deadline {
                    let which = coturnReady ? "stund" : "turnserver"
                    let log = coturnReady ? "stund-\(region.name).log" : "coturn-\(region.name).log"
                    throw LabError(.daemonFailed, "\(which) for \(region.name) not listening after 10 s (see \(path(log)))")
                }
                usleep(100_000)
            }
        }
    }

    /// Starts the scenario's background services (`ServiceSpec`) in order, each in its region's
    /// server namespace or its client's namespace, recorded like every daemon so teardown stops
    /// them; waits for each one's `waitFor` port (at most its `seconds`).
    func startServices() throws(LabError) {
        for service in scenario.services {
            let namespace = service.region.map { addressing.serverNamespace(region: $0) }
                ?? addressing.clientNamespace(client: service.client ?? "")
            let argv = service.command.map {
                ProbeSpec.substitute($0, caPath: state.caCertificate ?? "", clients: state.clients, runDirectory: state.runDirectory)
            }
            if let program = argv.first, CommandRunner.resolve(program) == nil {
                throw LabError(.missingTool, "service \(service.name): '\(program)' not found in PATH (install it or give its absolute path)")
            }
            let logFile = ServiceSpec.logFile(name: service.name, runDirectory: state.runDirectory)
            log("service \(service.name): \(argv.joined(separator: " "))")
            try startDaemon(role: "service-\(service.name)", namespace: namespace, argv: argv, log: logFile)
            guard let wait = service.waitFor else { continue }
            let deadline = ContinuousClock.now + .seconds(wait.seconds)
            while true {
                if wait.isListening(ssOutput: (try? inNamespace(namespace, wait.ssArguments)) ?? "") { break }
                if ContinuousClock.now >= deadline {
                    let tail = ((try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "")
                        .split(separator: "\n").suffix(3).joined(separator: " | ")
                    throw LabError(.daemonFailed, "service \(service.name) not listening on \(wait.proto.rawValue) \(wait.port) after \(wait.seconds) s: \(tail)")
                }
                usleep(50_000)
            }
        }
    }

    /// Impairs each link per direction (see `ImpairmentPlan`), then proves it: the internet
    /// namespace must hold exactly the planned iptables rules, and each shaped device its tbf.
    func applyImpairments() throws(LabError) {
        let inet = addressing.internetNamespace
        var links: [ImpairmentPlan.Link] = []
        for (index, site) in scenario.sites.enumerated() where !site.impairment.isEmpty {
            links.append(ImpairmentPlan.Link(name: "site-\(site.name)", internetInterface: LabAddressing.internetInterface(site: index),
                                             farNamespace: addressing.routerNamespace(site: site.name), farInterface: "wan0",
                                             impairment: site.impairment, queues: LabAddressing.queues(site: index)))
        }
        for (index, region) in scenario.regions.enumerated() where !region.impairment.isEmpty {
            links.append(ImpairmentPlan.Link(name: "region-\(region.name)", internetInterface: LabAddressing.internetInterface(region: index),
                                             farNamespace: addressing.serverNamespace(region: region.name), farInterface: "eth0",
                                             impairment: region.impairment, queues: LabAddressing.queues(region: index)))
        }
        var expectedRules = 0
        var shapers: [ImpairmentPlan.Command] = []
        for link in links {
            let plan = ImpairmentPlan(link: link, internetNamespace: inet, runDirectory: state.runDirectory)
            for daemon in plan.daemons {
                try startDaemon(role: daemon.role, namespace: inet, argv: [iceprobeExecutable] + daemon.arguments,
                                log: path("impair-\(daemon.queue).log"))
                try waitForFile(daemon.readyFile, seconds: 10, what: "impairment daemon for queue \(daemon.queue)")
            }
            for command in plan.rules + plan.shapers {
                try inNamespace(command.namespace, command.argv)
            }
            expectedRules += plan.rules.count
            shapers += plan.shapers
        }
        let rules = (try? inNamespace(inet, ["iptables", "-t", "mangle", "-S"])) ?? ""
        let loaded = rules.split(separator: "\n").filter { $0.hasPrefix("-A ") }.count
        guard loaded == expectedRules else {
            throw LabError(.ruleLoadFailed, "internet namespace has \(loaded) impairment rules, expected \(expectedRules)")
        }
        for shaper in shapers {
            // argv: tc qdisc add dev DEVICE root tbf ...
            guard let deviceIndex = shaper.argv.firstIndex(of: "dev"), deviceIndex + 1 < shaper.argv.count else { continue }
            let device = shaper.argv[deviceIndex + 1]
            let shown = (try? inNamespace(shaper.namespace, ["tc", "qdisc", "show", "dev", device])) ?? ""
            guard shown.contains("qdisc tbf") else {
                throw LabError(.ruleLoadFailed, "\(shaper.namespace): no tbf qdisc on \(device) after adding it")
            }
        }
    }

    // MARK: helpers

    func startDaemon(role: String, namespace: String, argv: [String], log logFile: String) throws(LabError) {
        let pid = try LabInterruptGuard.creating { () throws(LabError) -> Int32 in
            let pid = try CommandRunner.spawn(["ip", "netns", "exec", namespace] + argv, logFile: logFile)
            // Record at once; the start time is read once the process exists.
            var ticks: UInt64 = 0
            for _ in 0..<50 {
                if let value = LabState.startTicks(pid: pid) { ticks = value; break }
                usleep(2_000)
            }
            state.processes.append(LabState.ProcessRecord(pid: pid, startTicks: ticks, role: role))
            try state.save()
            return pid
        }
        usleep(50_000)
        guard LabTeardown.alive(pid) else {
            let tail = ((try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "")
                .split(separator: "\n").suffix(3).joined(separator: " | ")
            throw LabError(.daemonFailed, "\(role) exited at once: \(tail)")
        }
    }

    func waitForFile(_ file: String, seconds: Int, what: String) throws(LabError) {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !FileManager.default.fileExists(atPath: file) {
            if ContinuousClock.now >= deadline {
                throw LabError(.daemonFailed, "\(what) not ready after \(seconds) s")
            }
            usleep(20_000)
        }
    }

    func write(_ text: String, to file: String, mode: Int) throws(LabError) {
        do {
            _ = FileManager.default.createFile(atPath: file, contents: nil, attributes: [.posixPermissions: mode])
            try text.write(toFile: file, atomically: false, encoding: .utf8)
        } catch {
            throw LabError(.io, "cannot write \(file): \(error)")
        }
    }
}
