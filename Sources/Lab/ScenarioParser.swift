import Yams

/// Turns scenario YAML into a `Scenario`, rejecting unknown keys, wrong types and impossible
/// topologies with FILE:LINE:COLUMN messages. Pure: no I/O beyond the text it is given.
public enum ScenarioParser {
    static let topKeys = ["name", "description", "timeoutSeconds", "regions", "sites", "services", "probes"]
    static let regionKeys = ["name", "hostnames", "impair", "turn", "servers", "blockedPorts"]
    static let turnKeys = ["realm", "users", "restSecret"]
    static let userKeys = ["name", "password"]
    static let siteKeys = ["name", "lan", "nat", "firewall", "dns", "resolver", "impair", "clients", "defaultRoute", "tlsInterception", "proxy"]
    static let resolverKeys = ["answers"]
    static let natKeys = ["mapping", "filtering", "hairpinning", "udpTimeoutSeconds"]
    static let firewallKeys = ["policy", "blockedPorts"]
    static let blockedKeys = ["name", "protocol", "ports"]
    /// Keys of one direction's impairment; `impair` also takes `outbound` and `inbound` maps of them.
    static let impairKeys = ["delayMs", "jitterMs", "lossPercent", "burstLoss", "outages", "rateKbit", "reorder", "maxPacketBytes"]
    static let burstKeys = ["enterPercent", "exitPercent"]
    static let burstOptionalKeys = ["slotMs"]
    static let outageKeys = ["meanGapMs", "meanOutageMs"]
    static let probeKeys = ["name", "client", "run", "region", "transport", "port", "target", "args", "command",
                            "timeoutSeconds", "retries", "expect"]
    /// Keys an `exec` probe may not have (it runs its `command` as given).
    static let iceprobeOnlyProbeKeys = ["region", "transport", "port", "target", "args"]
    static let serviceKeys = ["name", "region", "client", "command", "waitFor"]
    static let listenerKeys = ["protocol", "port", "seconds"]
    static let matcherKeys = ["equals", "notEquals", "min", "max", "exists", "oneOf", "sameAs", "differsFrom", "contains"]

    /// NAT presets accepted as a plain word for `nat:`.
    static let natPresets: [String: NatBehaviour?] = [
        "none": nil,
        "full-cone": NatBehaviour(mapping: .endpointIndependent, filtering: .endpointIndependent),
        "restricted-cone": NatBehaviour(mapping: .endpointIndependent, filtering: .addressDependent),
        "port-restricted-cone": NatBehaviour(mapping: .endpointIndependent, filtering: .addressAndPortDependent),
        "symmetric": NatBehaviour(mapping: .addressAndPortDependent, filtering: .addressAndPortDependent),
    ]

    /// Parses and validates one scenario. Throws `ScenarioValidationError` listing every problem.
    public static func parse(yaml: String, file: String) throws(ScenarioValidationError) -> Scenario {
        var reader = YamlReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ScenarioValidationError(issues: [issue(for: error, file: file)])
        } catch {
            throw ScenarioValidationError(issues: [ScenarioIssue(file: file, line: 0, column: 0,
                                                                 message: "not YAML: \(error)")])
        }
        guard let root else {
            throw ScenarioValidationError(issues: [ScenarioIssue(file: file, line: 1, column: 1, message: "empty scenario file")])
        }
        let scenario = readScenario(root, reader: &reader)
        if let scenario, reader.issues.isEmpty {
            ScenarioValidator.check(scenario, reader: &reader)
        }
        guard reader.issues.isEmpty, var result = scenario else {
            throw ScenarioValidationError(issues: reader.issues)
        }
        result.file = file
        return result
    }

    static func issue(for error: YamlError, file: String) -> ScenarioIssue {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return ScenarioIssue(file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(text)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return ScenarioIssue(file: file, line: context.mark.line, column: context.mark.column,
                                 message: "duplicate keys: \(duplicates.joined(separator: ", "))")
        default:
            return ScenarioIssue(file: file, line: 0, column: 0, message: "YAML error: \(error)")
        }
    }

    static func readScenario(_ root: Node, reader: inout YamlReader) -> Scenario? {
        guard let top = reader.mapping(root, "scenario", allowed: topKeys, required: ["name", "regions", "sites", "probes"])
        else { return nil }
        let name = top["name"].flatMap { reader.string($0.value, "name") } ?? ""
        let description = top["description"].flatMap { reader.string($0.value, "description") } ?? ""
        let timeout = top["timeoutSeconds"].flatMap { reader.int($0.value, "timeoutSeconds", range: 1...86_400) } ?? 300
        var regions: [RegionSpec] = []
        if let list = top["regions"].flatMap({ reader.sequence($0.value, "regions") }) {
            regions = list.compactMap { readRegion($0, reader: &reader) }
        }
        var sites: [SiteSpec] = []
        if let list = top["sites"].flatMap({ reader.sequence($0.value, "sites") }) {
            sites = list.enumerated().compactMap { readSite($0.element, index: $0.offset, reader: &reader) }
        }
        var probes: [ProbeSpec] = []
        if let list = top["probes"].flatMap({ reader.sequence($0.value, "probes") }) {
            probes = list.compactMap { readProbe($0, reader: &reader) }
        }
        var services: [ServiceSpec] = []
        if let list = top["services"].flatMap({ reader.sequence($0.value, "services") }) {
            services = list.compactMap { readService($0, reader: &reader) }
        }
        return Scenario(name: name, description: description, timeoutSeconds: timeout,
                        regions: regions, sites: sites, probes: probes, services: services)
    }

    static func readRegion(_ node: Node, reader: inout YamlReader) -> RegionSpec? {
        guard let map = reader.mapping(node, "region", allowed: regionKeys, required: ["name"]) else { return nil }
        guard let name = map["name"].flatMap({ reader.string($0.value, "region name") }) else { return nil }
        var region = RegionSpec(name: name, position: reader.position(node))
        if let list = map["hostnames"].flatMap({ reader.sequence($0.value, "hostnames") }) {
            region.hostnames = list.compactMap { reader.string($0, "hostname") }
        }
        if let impair = map["impair"] {
            region.impairment = readImpairment(impair.value, reader: &reader) ?? LinkImpairment()
        }
        if let entry = map["servers"], let list = reader.sequence(entry.value, "servers") {
            var servers: [RegionServer] = []
            for item in list {
                guard let text = reader.string(item, "server") else { continue }
                guard let server = RegionServer(rawValue: text) else {
                    reader.report(item, "servers: '\(text)' is not a lab server (known: \(RegionServer.allCases.map(\.rawValue).joined(separator: ", ")))")
                    continue
                }
                if servers.contains(server) {
                    reader.report(item, "servers: '\(text)' is listed twice")
                } else {
                    servers.append(server)
                }
            }
            if list.isEmpty { reader.report(entry.value, "servers must name at least one of coturn, stund") }
            if !servers.isEmpty { region.servers = servers }
        }
        if let entry = map["blockedPorts"] {
            region.blockedPorts = readBlockedPorts(entry.value, reader: &reader)
        }
        if let turn = map["turn"], let turnMap = reader.mapping(turn.value, "turn", allowed: turnKeys) {
            var settings = RegionSpec.TurnSettings()
            if let realm = turnMap["realm"].flatMap({ reader.string($0.value, "realm") }) { settings.realm = realm }
            if let users = turnMap["users"].flatMap({ reader.sequence($0.value, "users") }) {
                for user in users {
                    guard let userMap = reader.mapping(user, "user", allowed: userKeys, required: userKeys),
                          let userName = userMap["name"].flatMap({ reader.string($0.value, "user name") }),
                          let password = userMap["password"].flatMap({ reader.string($0.value, "password") })
                    else { continue }
                    settings.users.append(RegionSpec.User(name: userName, password: password))
                }
            }
            settings.restSecret = turnMap["restSecret"].flatMap { reader.string($0.value, "restSecret") }
            region.turn = settings
        }
        return region
    }

    static func readSite(_ node: Node, index: Int, reader: inout YamlReader) -> SiteSpec? {
        guard let map = reader.mapping(node, "site", allowed: siteKeys, required: ["name", "clients"]) else { return nil }
        guard let name = map["name"].flatMap({ reader.string($0.value, "site name") }) else { return nil }
        var lan = IPv4Subnet(network: UInt32(10) << 24 | UInt32((index + 1) & 0xff) << 16, prefixLength: 24)
        if let entry = map["lan"], let text = reader.string(entry.value, "lan") {
            if let subnet = IPv4Subnet(text) {
                lan = subnet
            } else {
                reader.report(entry.value, "lan must be an IPv4 network like 10.1.0.0/24 (host bits clear), not '\(text)'")
            }
        }
        var site = SiteSpec(name: name, lan: lan, clients: [], position: reader.position(node))
        if let entry = map["nat"] {
            site.nat = readNat(entry.value, reader: &reader)
        }
        if let entry = map["firewall"] {
            site.firewall = readFirewall(entry.value, reader: &reader) ?? FirewallPolicy()
        }
        if let entry = map["dns"], let text = reader.string(entry.value, "dns") {
            if let mode = SiteSpec.DNSMode(rawValue: text) {
                site.dns = mode
            } else {
                reader.report(entry.value, "dns must be one of \(SiteSpec.DNSMode.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
            }
        }
        if let entry = map["resolver"], let resolver = reader.mapping(entry.value, "resolver", allowed: resolverKeys, required: ["answers"]),
           let answers = resolver["answers"], let list = reader.entries(answers.value, "resolver answers") {
            for item in list {
                guard let target = reader.string(item.value, "resolver answer for \(item.name)") else { continue }
                site.resolverAnswers.append(ResolverAnswer(name: item.name, target: target, position: reader.position(item.key)))
            }
            if list.isEmpty { reader.report(answers.value, "resolver answers must name at least one host") }
        }
        if let entry = map["impair"] {
            site.impairment = readImpairment(entry.value, reader: &reader) ?? LinkImpairment()
        }
        if let entry = map["defaultRoute"], let value = reader.bool(entry.value, "defaultRoute") { site.defaultRoute = value }
        if let entry = map["tlsInterception"], let value = reader.bool(entry.value, "tlsInterception") { site.tlsInterception = value }
        if let entry = map["proxy"], let value = reader.bool(entry.value, "proxy") { site.proxy = value }
        if let entry = map["clients"], let list = reader.sequence(entry.value, "clients") {
            site.clients = list.compactMap { reader.string($0, "client name") }
            if list.isEmpty { reader.report(entry.value, "site '\(name)' needs at least one client") }
        }
        return site
    }

    static func readNat(_ node: Node, reader: inout YamlReader) -> NatBehaviour? {
        if case let .scalar(scalar) = node {
            guard let preset = natPresets[scalar.string] else {
                reader.report(node, "nat must be a mapping or one of \(natPresets.keys.sorted().joined(separator: ", ")), not '\(scalar.string)'")
                return nil
            }
            return preset
        }
        guard let map = reader.mapping(node, "nat", allowed: natKeys, required: ["mapping", "filtering"]) else { return nil }
        func dependence(_ key: String) -> NatBehaviour.Dependence? {
            guard let entry = map[key], let text = reader.string(entry.value, key) else { return nil }
            guard let value = NatBehaviour.Dependence(rawValue: text) else {
                reader.report(entry.value, "\(key) must be one of \(NatBehaviour.Dependence.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
                return nil
            }
            return value
        }
        guard let mapping = dependence("mapping"), let filtering = dependence("filtering") else { return nil }
        var nat = NatBehaviour(mapping: mapping, filtering: filtering)
        if let entry = map["hairpinning"], let value = reader.bool(entry.value, "hairpinning") { nat.hairpinning = value }
        if let entry = map["udpTimeoutSeconds"],
           let value = reader.int(entry.value, "udpTimeoutSeconds", range: 1...86_400) { nat.udpTimeoutSeconds = value }
        if let reason = nat.unsupportedReason { reader.report(node, "nat: \(reason)") }
        return nat
    }

    static func readFirewall(_ node: Node, reader: inout YamlReader) -> FirewallPolicy? {
        func mode(_ node: Node) -> FirewallPolicy.Mode? {
            guard let text = reader.string(node, "firewall policy") else { return nil }
            guard let mode = FirewallPolicy.Mode(rawValue: text) else {
                reader.report(node, "firewall policy must be one of \(FirewallPolicy.Mode.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
                return nil
            }
            return mode
        }
        if case .scalar = node {
            return mode(node).map { FirewallPolicy(mode: $0) }
        }
        guard let map = reader.mapping(node, "firewall", allowed: firewallKeys) else { return nil }
        var policy = FirewallPolicy()
        if let entry = map["policy"], let value = mode(entry.value) { policy.mode = value }
        if let entry = map["blockedPorts"] {
            policy.blocked = readBlockedPorts(entry.value, reader: &reader)
        }
        return policy
    }

    /// `blockedPorts: [{name, protocol: udp|tcp, ports: N or FIRST-LAST}]` (sites and regions).
    static func readBlockedPorts(_ node: Node, reader: inout YamlReader) -> [FirewallPolicy.BlockedPorts] {
        var blocked: [FirewallPolicy.BlockedPorts] = []
        if let list = reader.sequence(node, "blockedPorts") {
            for item in list {
                guard let block = reader.mapping(item, "blocked port range", allowed: blockedKeys, required: blockedKeys),
                      let name = block["name"].flatMap({ reader.string($0.value, "name") }),
                      let proto = block["protocol"].flatMap({ reader.string($0.value, "protocol") }),
                      let ports = block["ports"] else { continue }
                guard proto == "udp" || proto == "tcp" else {
                    reader.report(block["protocol"]?.value, "protocol must be udp or tcp, not '\(proto)'")
                    continue
                }
                guard let text = reader.string(ports.value, "ports"), let range = portRange(text) else {
                    reader.report(ports.value, "ports must be a port (1-65535) or a range FIRST-LAST with FIRST <= LAST")
                    continue
                }
                blocked.append(FirewallPolicy.BlockedPorts(name: name, proto: proto, first: range.0, last: range.1))
            }
        }
        return blocked
    }

    static func portRange(_ text: String) -> (UInt16, UInt16)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map {
            String($0.filter { $0 != " " })
        }
        guard (1...2).contains(parts.count),
              let first = UInt16(parts[0]), let last = UInt16(parts[parts.count - 1]),
              first >= 1, first <= last else { return nil }
        return (first, last)
    }

    /// `impair`: the keys directly under it apply to both directions of the link; the nested maps
    /// `outbound:` / `inbound:` override them key by key for one direction. Value ranges are
    /// checked where each value is written, jitter against delay once per direction after merging.
    static func readImpairment(_ node: Node, reader: inout YamlReader) -> LinkImpairment? {
        let directions = LinkImpairment.Direction.allCases.map(\.rawValue)
        guard let map = reader.mapping(node, "impair", allowed: impairKeys + directions) else { return nil }
        var shared = Impairment()
        var sharedOrigins: [String: SourcePosition] = [:]
        readImpairmentKeys(map, into: &shared, origins: &sharedOrigins, reader: &reader)
        var link = LinkImpairment(both: shared)
        var origins: [LinkImpairment.Direction: [String: SourcePosition]] = [:]
        for direction in LinkImpairment.Direction.allCases {
            var directionOrigins = sharedOrigins
            if let entry = map[direction.rawValue],
               let nested = reader.mapping(entry.value, "impair \(direction.rawValue)", allowed: impairKeys) {
                readImpairmentKeys(nested, into: &link[direction], origins: &directionOrigins, reader: &reader)
            }
            origins[direction] = directionOrigins
        }
        // Jitter is checked per direction on the merged values; a problem coming from the shared
        // keys alike in both directions is reported once.
        let failing = LinkImpairment.Direction.allCases.filter { link[$0].jitterMs > link[$0].delayMs }
        let rule = "delay is drawn from delay-jitter...delay+jitter"
        if failing.count == 2, link.outbound.jitterMs == link.inbound.jitterMs,
           link.outbound.delayMs == link.inbound.delayMs,
           origins[.outbound]?["jitterMs"] == origins[.inbound]?["jitterMs"] {
            reader.report(origins[.outbound]?["jitterMs"] ?? reader.position(node),
                          "jitterMs (\(link.outbound.jitterMs)) must not exceed delayMs (\(link.outbound.delayMs)): \(rule)")
        } else {
            for direction in failing {
                let values = link[direction]
                reader.report(origins[direction]?["jitterMs"] ?? reader.position(node),
                              "impair \(direction.rawValue): jitterMs (\(values.jitterMs)) must not exceed delayMs (\(values.delayMs)) in this direction: \(rule)")
            }
        }
        return link
    }

    /// Reads the per-direction keys present in `map` into `impairment` (keys not given keep their
    /// value) and records where each was given. `rateKbit`, `burstLoss` and `outages` accept
    /// `null` (or an empty value) to remove a shared setting in one direction.
    static func readImpairmentKeys(_ map: [String: (key: Node, value: Node)], into impairment: inout Impairment,
                                   origins: inout [String: SourcePosition], reader: inout YamlReader) {
        for (key, entry) in map where impairKeys.contains(key) {
            origins[key] = reader.position(entry.value)
        }
        if let entry = map["delayMs"], let value = reader.double(entry.value, "delayMs") {
            if value < 0 || value > 10_000 { reader.report(entry.value, "delayMs must be in 0...10000, not \(value)") }
            impairment.delayMs = value
        }
        if let entry = map["jitterMs"], let value = reader.double(entry.value, "jitterMs") {
            if value < 0 || value > 10_000 { reader.report(entry.value, "jitterMs must be in 0...10000, not \(value)") }
            impairment.jitterMs = value
        }
        if let entry = map["lossPercent"], let value = reader.double(entry.value, "lossPercent") {
            if value < 0 || value > 100 { reader.report(entry.value, "lossPercent must be in 0...100, not \(value)") }
            impairment.lossPercent = value
        }
        if let entry = map["burstLoss"] {
            if isNull(entry.value) {
                impairment.burstLoss = nil
            } else if let burst = reader.mapping(entry.value, "burstLoss", allowed: burstKeys + burstOptionalKeys,
                                                 required: burstKeys),
                      let enter = burst["enterPercent"].flatMap({ reader.double($0.value, "enterPercent") }),
                      let exit = burst["exitPercent"].flatMap({ reader.double($0.value, "exitPercent") }) {
                if !(0...100).contains(enter) { reader.report(burst["enterPercent"]?.value, "enterPercent must be in 0...100") }
                if !(0 < exit && exit <= 100) { reader.report(burst["exitPercent"]?.value, "exitPercent must be in (0, 100]") }
                var slot: Double?
                if let entry = burst["slotMs"], let value = reader.double(entry.value, "slotMs") {
                    if !(1...10_000).contains(value) { reader.report(entry.value, "slotMs must be in 1...10000") }
                    slot = value
                }
                impairment.burstLoss = Impairment.BurstLoss(enterPercent: enter, exitPercent: exit, slotMs: slot)
            }
        }
        if let entry = map["outages"] {
            if isNull(entry.value) {
                impairment.outages = nil
            } else if let outages = reader.mapping(entry.value, "outages", allowed: outageKeys, required: outageKeys),
                      let gap = outages["meanGapMs"].flatMap({ reader.double($0.value, "meanGapMs") }),
                      let down = outages["meanOutageMs"].flatMap({ reader.double($0.value, "meanOutageMs") }) {
                if !(1...3_600_000).contains(gap) { reader.report(outages["meanGapMs"]?.value, "meanGapMs must be in 1...3600000") }
                if !(1...60_000).contains(down) { reader.report(outages["meanOutageMs"]?.value, "meanOutageMs must be in 1...60000") }
                impairment.outages = Impairment.Outages(meanGapMs: gap, meanOutageMs: down)
            }
        }
        if let entry = map["rateKbit"] {
            impairment.rateKbit = isNull(entry.value) ? nil : reader.int(entry.value, "rateKbit", range: 8...10_000_000)
        }
        if let entry = map["reorder"], let value = reader.bool(entry.value, "reorder") {
            impairment.reorder = value
        }
        if let entry = map["maxPacketBytes"] {
            impairment.maxPacketBytes = isNull(entry.value) ? nil : reader.int(entry.value, "maxPacketBytes", range: 68...65_535)
        }
    }

    /// A plain `null`, `~` or empty value.
    static func isNull(_ node: Node) -> Bool {
        guard case let .scalar(scalar) = node, scalar.style == .plain else { return false }
        return ["null", "~", ""].contains(scalar.string)
    }

    static func readProbe(_ node: Node, reader: inout YamlReader) -> ProbeSpec? {
        guard let map = reader.mapping(node, "probe", allowed: probeKeys, required: ["name", "client", "run"]) else { return nil }
        guard let name = map["name"].flatMap({ reader.string($0.value, "probe name") }),
              let client = map["client"].flatMap({ reader.string($0.value, "client") }),
              let kind = map["run"].flatMap({ reader.string($0.value, "run") }) else { return nil }
        var probe = ProbeSpec(name: name, client: client, kind: kind, position: reader.position(node))
        if !ProbeSpec.knownKinds.contains(kind) {
            reader.report(map["run"]?.value, "run must be one of \(ProbeSpec.knownKinds.sorted().joined(separator: ", ")), not '\(kind)'")
        }
        if kind == ProbeSpec.execKind {
            for key in iceprobeOnlyProbeKeys where map[key] != nil {
                reader.report(map[key]?.key, "an exec probe runs its command as given: '\(key)' belongs to iceprobe probes (put it in command)")
            }
            if let entry = map["command"] {
                probe.command = readCommand(entry.value, what: "probe '\(name)'", reader: &reader)
            } else {
                reader.report(node, "exec probe '\(name)' needs command: [program, arguments...]")
            }
        } else if let entry = map["command"] {
            reader.report(entry.key, "command belongs to exec probes (run: exec); iceprobe probes take target and args")
        }
        probe.region = map["region"].flatMap { reader.string($0.value, "region") }
        if let entry = map["transport"], let text = reader.string(entry.value, "transport") {
            if let transport = ProbeSpec.Transport(rawValue: text) {
                probe.transport = transport
            } else {
                reader.report(entry.value, "transport must be udp, tcp or tls, not '\(text)'")
            }
        }
        if let entry = map["port"], let port = reader.int(entry.value, "port", range: 1...65_535) {
            probe.port = UInt16(port)
        }
        probe.target = map["target"].flatMap { reader.string($0.value, "target") }
        if let list = map["args"].flatMap({ reader.sequence($0.value, "args") }) {
            probe.args = list.compactMap { reader.string($0, "argument") }
        }
        if let entry = map["timeoutSeconds"], let value = reader.int(entry.value, "timeoutSeconds", range: 1...3_600) {
            probe.timeoutSeconds = value
        }
        if let entry = map["retries"], let value = reader.int(entry.value, "retries", range: 0...3) {
            probe.retries = value
        }
        if !probe.isExec, (probe.region == nil) == (probe.target == nil) {
            reader.report(node, "probe '\(name)' needs exactly one of region or target")
        }
        if let entry = map["expect"], let entries = reader.entries(entry.value, "expect") {
            for (key, path, value) in entries {
                guard let jsonPath = JSONPath(path) else {
                    reader.report(key, "'\(path)' is not a field path (keys separated by dots, [N] for list items)")
                    continue
                }
                if let matcher = readMatcher(value, path: path, reader: &reader) {
                    probe.expectations.append(Expectation(path: jsonPath, matcher: matcher, position: reader.position(key)))
                }
            }
        }
        return probe
    }

    /// A non-empty list of strings: a program and its arguments.
    static func readCommand(_ node: Node, what: String, reader: inout YamlReader) -> [String] {
        guard let list = reader.sequence(node, "command") else { return [] }
        let command = list.compactMap { reader.string($0, "command argument") }
        if list.isEmpty { reader.report(node, "\(what): command needs at least the program") }
        if let program = command.first, program.isEmpty { reader.report(list.first, "\(what): the program name is empty") }
        return command
    }

    static func readService(_ node: Node, reader: inout YamlReader) -> ServiceSpec? {
        guard let map = reader.mapping(node, "service", allowed: serviceKeys, required: ["name", "command"]),
              let name = map["name"].flatMap({ reader.string($0.value, "service name") }) else { return nil }
        var service = ServiceSpec(name: name, command: [], position: reader.position(node))
        service.region = map["region"].flatMap { reader.string($0.value, "region") }
        service.client = map["client"].flatMap { reader.string($0.value, "client") }
        if (service.region == nil) == (service.client == nil) {
            reader.report(node, "service '\(name)' needs exactly one of region (its server namespace) or client")
        }
        if let entry = map["command"] {
            service.command = readCommand(entry.value, what: "service '\(name)'", reader: &reader)
        }
        if let entry = map["waitFor"],
           let wait = reader.mapping(entry.value, "waitFor", allowed: listenerKeys, required: ["protocol", "port"]) {
            var proto: ServiceSpec.Listener.Proto?
            if let value = wait["protocol"], let text = reader.string(value.value, "protocol") {
                proto = ServiceSpec.Listener.Proto(rawValue: text)
                if proto == nil { reader.report(value.value, "protocol must be udp or tcp, not '\(text)'") }
            }
            let port = wait["port"].flatMap { reader.int($0.value, "port", range: 1...65_535) }
            let seconds = wait["seconds"].map { reader.int($0.value, "seconds", range: 1...30) } ?? 5
            if let proto, let port, let seconds {
                service.waitFor = ServiceSpec.Listener(proto: proto, port: UInt16(port), seconds: seconds)
            }
        }
        return service
    }

    static func readMatcher(_ node: Node, path: String, reader: inout YamlReader) -> Expectation.Matcher? {
        guard case .mapping = node else {
            return reader.jsonValue(node, path).map { .equals($0) }
        }
        guard let map = reader.mapping(node, "expectation for \(path)", allowed: matcherKeys) else { return nil }
        let forms = Set(map.keys)
        if forms.isEmpty {
            reader.report(node, "expectation for \(path) is empty")
            return nil
        }
        if !forms.isSubset(of: ["min", "max"]) && forms.count > 1 {
            reader.report(node, "expectation for \(path): use one of \(matcherKeys.joined(separator: ", ")) (min and max may go together)")
            return nil
        }
        if forms.isSubset(of: ["min", "max"]) {
            let low = map["min"].flatMap { reader.double($0.value, "min") }
            let high = map["max"].flatMap { reader.double($0.value, "max") }
            if let low, let high, low > high {
                reader.report(node, "expectation for \(path): min \(low) is greater than max \(high)")
                return nil
            }
            if (map["min"] != nil && low == nil) || (map["max"] != nil && high == nil) { return nil }
            return .range(min: low, max: high)
        }
        guard let form = forms.first, let entry = map[form] else { return nil }
        switch form {
        case "equals": return reader.jsonValue(entry.value, path).map { .equals($0) }
        case "notEquals": return reader.jsonValue(entry.value, path).map { .notEquals($0) }
        case "contains": return reader.jsonValue(entry.value, path).map { .contains($0) }
        case "exists": return reader.bool(entry.value, "exists").map { .exists($0) }
        case "oneOf":
            guard case let .array(values)? = reader.jsonValue(entry.value, path) else {
                reader.report(entry.value, "oneOf must be a list")
                return nil
            }
            return .oneOf(values)
        case "sameAs", "differsFrom":
            guard let text = reader.string(entry.value, form) else { return nil }
            guard let other = JSONPath(text), !other.isRunFact else {
                reader.report(entry.value, "'\(text)' is not a field path")
                return nil
            }
            return form == "sameAs" ? .sameAs(other) : .differsFrom(other)
        default:
            return nil
        }
    }
}
