/// Cross-reference and topology checks on a parsed scenario (names, subnets, references).
enum ScenarioValidator {
    /// Addresses the lab reserves for itself (site WAN links, region hosts, the resolver).
    static let reserved: [(IPv4Subnet, String)] = [
        (IPv4Subnet(network: LabAddressing.siteWanBlock, prefixLength: 24), "site uplinks"),
        (IPv4Subnet(network: LabAddressing.regionBlock, prefixLength: 24), "region servers"),
        (IPv4Subnet(network: LabAddressing.resolverAddress, prefixLength: 32), "the lab resolver"),
    ]
    static let runFacts: Set<String> = ["$exitCode", "$durationMs", "$stdout", "$stderr"]

    static func isValidName(_ name: String, maxLength: Int = 20) -> Bool {
        guard let first = name.unicodeScalars.first, (1...maxLength).contains(name.count) else { return false }
        return ("a"..."z").contains(first) && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        } && !name.hasSuffix("-")
    }

    static func isValidHostname(_ name: String) -> Bool {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard name.count <= 253, labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                }
        }
    }

    static func check(_ scenario: Scenario, reader: inout YamlReader) {
        let nameRule = "names use a-z, 0-9 and '-', start with a letter, at most 20 characters"
        if !isValidName(scenario.name) {
            reader.report(SourcePosition(line: 1, column: 1), "scenario name '\(scenario.name)' is invalid: \(nameRule)")
        }
        if scenario.sites.isEmpty {
            reader.report(SourcePosition(line: 1, column: 1), "a scenario needs at least one site")
        }
        if scenario.sites.count > LabAddressing.maxSites {
            reader.report(SourcePosition(line: 1, column: 1), "at most \(LabAddressing.maxSites) sites")
        }
        if scenario.regions.count > LabAddressing.maxRegions {
            reader.report(SourcePosition(line: 1, column: 1), "at most \(LabAddressing.maxRegions) regions")
        }

        var regionNames = Set<String>()
        var hostnames = Set<String>()
        for region in scenario.regions {
            if !isValidName(region.name) {
                reader.report(region.position, "region name '\(region.name)' is invalid: \(nameRule)")
            }
            if !regionNames.insert(region.name).inserted {
                reader.report(region.position, "duplicate region name '\(region.name)'")
            }
            for name in [region.name + "." + Scenario.labDomain] + region.hostnames {
                if !isValidHostname(name) {
                    reader.report(region.position, "region '\(region.name)': '\(name)' is not a valid host name")
                } else if !hostnames.insert(name.lowercased()).inserted {
                    reader.report(region.position, "host name '\(name)' is given to more than one region")
                }
            }
            for user in region.turn.users where user.name.isEmpty || user.name.contains(":")
                || user.name.contains("\n") || user.password.contains("\n") || user.password.isEmpty {
                reader.report(region.position, "region '\(region.name)': TURN user names must be non-empty without ':' and passwords non-empty, single-line")
            }
            if region.turn.restSecret != nil, !region.turn.users.isEmpty {
                reader.report(region.position, "region '\(region.name)': give TURN users or restSecret, not both (coturn uses one mode)")
            }
            if let secret = region.turn.restSecret, secret.isEmpty || secret.contains("\n") {
                reader.report(region.position, "region '\(region.name)': restSecret must be non-empty and single-line")
            }
            if !region.runsCoturn && (!region.turn.users.isEmpty || region.turn.restSecret != nil) {
                reader.report(region.position, "region '\(region.name)': turn users or restSecret need coturn in its servers (stund has no TURN)")
            }
            if region.turn.realm.isEmpty || region.turn.realm.contains("\n") {
                reader.report(region.position, "region '\(region.name)': realm must be non-empty and single-line")
            }
        }

        var siteNames = Set<String>()
        var clientNames = Set<String>()
        for (index, site) in scenario.sites.enumerated() {
            if !isValidName(site.name) {
                reader.report(site.position, "site name '\(site.name)' is invalid: \(nameRule)")
            }
            if !siteNames.insert(site.name).inserted {
                reader.report(site.position, "duplicate site name '\(site.name)'")
            }
            for client in site.clients {
                if !isValidName(client) {
                    reader.report(site.position, "client name '\(client)' is invalid: \(nameRule)")
                }
                if !clientNames.insert(client).inserted {
                    reader.report(site.position, "duplicate client name '\(client)'")
                }
            }
            if !(8...29).contains(site.lan.prefixLength) {
                reader.report(site.position, "site '\(site.name)': lan prefix /\(site.lan.prefixLength) must be /8 ... /29")
            } else if site.clients.count > site.lan.usableHosts - 1 {
                reader.report(site.position, "site '\(site.name)': lan \(site.lan) has room for \(site.lan.usableHosts - 1) clients, not \(site.clients.count)")
            }
            for (subnet, use) in reserved where subnet.overlaps(site.lan) {
                reader.report(site.position, "site '\(site.name)': lan \(site.lan) overlaps \(subnet), reserved for \(use)")
            }
            for other in scenario.sites[..<index] where other.lan.overlaps(site.lan) {
                reader.report(site.position, "site '\(site.name)': lan \(site.lan) overlaps lan \(other.lan) of site '\(other.name)'")
            }
            if !site.resolverAnswers.isEmpty && site.dns == .blocked {
                reader.report(site.position, "site '\(site.name)': resolver answers need DNS; drop 'dns: blocked' or the resolver")
            }
            var answered = Set<String>()
            for answer in site.resolverAnswers {
                if !isValidHostname(answer.name) {
                    reader.report(answer.position, "site '\(site.name)': resolver answer '\(answer.name)' is not a valid host name")
                } else if !answered.insert(answer.name.lowercased()).inserted {
                    reader.report(answer.position, "site '\(site.name)': resolver answer '\(answer.name)' is given twice")
                }
                if !regionNames.contains(answer.target) && IPv4Subnet.parseAddress(answer.target) == nil {
                    reader.report(answer.position, "site '\(site.name)': resolver answer for '\(answer.name)' must be a region of this scenario (\(scenario.regions.map(\.name).joined(separator: ", "))) or an IPv4 address, not '\(answer.target)'")
                }
            }
        }

        var probeNames = Set<String>()
        for probe in scenario.probes {
            for placeholder in ProbeSpec.placeholders(in: probe.placeholderTexts) {
                guard let earlier = ProbeSpec.probeName(inOutputPlaceholder: placeholder) else { continue }
                if !probeNames.contains(earlier) {
                    reader.report(probe.position, "probe '\(probe.name)': {\(placeholder)} must name a probe that runs before it")
                }
            }
            if !isValidName(probe.name, maxLength: 40) {
                reader.report(probe.position, "probe name '\(probe.name)' is invalid: \(nameRule) (probes may use 40)")
            }
            if !probeNames.insert(probe.name).inserted {
                reader.report(probe.position, "duplicate probe name '\(probe.name)'")
            }
            if !clientNames.contains(probe.client) {
                reader.report(probe.position, "probe '\(probe.name)' runs on unknown client '\(probe.client)'")
            }
            if let region = probe.region, !regionNames.contains(region) {
                reader.report(probe.position, "probe '\(probe.name)' targets unknown region '\(region)'")
            }
            if let name = probe.region, let region = scenario.regions.first(where: { $0.name == name }), !region.runsCoturn,
               !["stun", "nat"].contains(probe.kind) || probe.transport != .udp {
                reader.report(probe.position, "probe '\(probe.name)': region '\(name)' runs only stund (RFC 3489 STUN over UDP): only stun and nat probes over udp can target it, not \(probe.kind) over \(probe.transport.rawValue)")
            }
            checkPlaceholders(probe.placeholderTexts, of: "probe '\(probe.name)'", at: probe.position, scenario: scenario,
                              allowsOutputs: true, regionNames: regionNames, clientNames: clientNames, reader: &reader)
            // A probe's exit code is part of what it proves: without it, a probe that failed (exit 1)
            // but printed the expected fields would pass.
            if !probe.expectations.contains(where: { $0.path.text == "$exitCode" }) {
                reader.report(probe.position, "probe '\(probe.name)' needs a $exitCode expectation (0 ok, 1 failed or not ready, 2 usage error)")
            }
            for expectation in probe.expectations where expectation.path.isRunFact
                && !runFacts.contains(expectation.path.text) {
                reader.report(expectation.position, "unknown run fact '\(expectation.path)' (known: \(runFacts.sorted().joined(separator: ", ")))")
            }
        }

        var serviceNames = Set<String>()
        for service in scenario.services {
            if !isValidName(service.name) {
                reader.report(service.position, "service name '\(service.name)' is invalid: \(nameRule)")
            }
            if !serviceNames.insert(service.name).inserted {
                reader.report(service.position, "duplicate service name '\(service.name)'")
            }
            if let region = service.region, !regionNames.contains(region) {
                reader.report(service.position, "service '\(service.name)' runs in unknown region '\(region)'")
            }
            if let client = service.client, !clientNames.contains(client) {
                reader.report(service.position, "service '\(service.name)' runs on unknown client '\(client)'")
            }
            checkPlaceholders(service.command, of: "service '\(service.name)'", at: service.position, scenario: scenario,
                              regionNames: regionNames, clientNames: clientNames, reader: &reader)
        }
    }

    /// Reports every `{...}` in `texts` that is not a known placeholder of this scenario
    /// (`{output.PROBE}` only where `allowsOutputs`: in probes, whose order is checked separately).
    static func checkPlaceholders(_ texts: [String], of what: String, at position: SourcePosition, scenario: Scenario,
                                  allowsOutputs: Bool = false,
                                  regionNames: Set<String>, clientNames: Set<String>, reader: inout YamlReader) {
        for placeholder in ProbeSpec.placeholders(in: texts) {
            if placeholder == "ca" || placeholder == ProbeSpec.runDirectoryPlaceholder { continue }
            // {output.PROBE} is checked against the probe order where probes are checked.
            if allowsOutputs, ProbeSpec.probeName(inOutputPlaceholder: placeholder) != nil { continue }
            if placeholder.hasPrefix("region."), regionNames.contains(String(placeholder.dropFirst(7))) { continue }
            if let client = ProbeSpec.clientName(inNetnsPlaceholder: placeholder), clientNames.contains(client) { continue }
            if let region = ProbeSpec.regionName(inCredentialPlaceholder: placeholder),
               scenario.regions.contains(where: { $0.name == region && !$0.turn.users.isEmpty }) { continue }
            reader.report(position, "\(what): unknown placeholder {\(placeholder)}")
        }
    }
}
