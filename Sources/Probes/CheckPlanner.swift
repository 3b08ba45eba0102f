import Diagnosis
import ProbeTransport
import StunWire

/// Builds a `CheckPlan` from a profile and the command-line options. Pure: no I/O, no clock; every
/// problem is a `CheckPlanError` naming the profile key path or the flag.
public enum CheckPlanner {
    public static func plan(profile: Profile, options: CheckOptions) throws(CheckPlanError) -> CheckPlan {
        let budgetSeconds = options.budgetSeconds
        guard budgetSeconds.isFinite, budgetSeconds >= CheckOptions.minimumBudgetSeconds,
              budgetSeconds <= CheckOptions.maximumBudgetSeconds else {
            throw CheckPlanError("--budget", "must be \(Int(CheckOptions.minimumBudgetSeconds))-\(Int(CheckOptions.maximumBudgetSeconds)) seconds")
        }
        guard (CheckOptions.minimumSamples...CheckOptions.maximumSamples).contains(options.samples) else {
            throw CheckPlanError("--samples", "must be \(CheckOptions.minimumSamples)-\(CheckOptions.maximumSamples)")
        }
        guard (10...1000).contains(options.spacingMs) else {
            throw CheckPlanError("--spacing", "must be 10-1000 ms")
        }
        let budget = Nanoseconds.seconds(budgetSeconds)
        let dnsDeadline = min(Nanoseconds.milliseconds(1500), budget / 10 * 3)
        let latencyDeadline = budget / 10 * 6
        // The samples must fit between the DNS and latency deadlines: the spacing shrinks to fit
        // (down to 10 ms) before that is an error.
        let room = latencyDeadline.subtractingSaturating(dnsDeadline)
        let fitting = room / UInt64(options.samples)
        let spacing = min(Nanoseconds.milliseconds(UInt64(options.spacingMs)), fitting)
        guard spacing >= Nanoseconds.milliseconds(10) else {
            throw CheckPlanError("--samples", "\(options.samples) samples at least 10 ms apart do not fit the latency share of a \(budgetSeconds) s budget (0.3-0.6 of it); raise --budget or lower --samples")
        }
        let margin = min(Nanoseconds.milliseconds(300), budget / 10)

        let ids = Set(profile.regions.map(\.id))
        let home = options.homeRegion ?? profile.homeRegion
        if let home, !ids.contains(home) {
            throw CheckPlanError(options.homeRegion != nil ? "--home-region" : "homeRegion",
                                 "'\(home)' is not a region of profile \(profile.name) (\(profile.regions.map(\.id).joined(separator: ", ")))")
        }
        let queue = options.queueRegion ?? profile.queueRegion
        if let queue, !ids.contains(queue) {
            throw CheckPlanError(options.queueRegion != nil ? "--queue-region" : "queueRegion",
                                 "'\(queue)' is not a region of profile \(profile.name) (\(profile.regions.map(\.id).joined(separator: ", ")))")
        }

        // A STUN/TURN host listed by several regions (a GeoDNS name such as Twilio's global TURN
        // name) cannot tell them apart: it is not used to time any one region over TCP/TLS.
        var hostRegions: [String: Set<String>] = [:]
        for region in profile.regions {
            for text in region.stun + region.turn {
                if let uri = try? ServerURI(parsing: text) { hostRegions[uri.host.lowercased(), default: []].insert(region.id) }
            }
        }
        func ownHost(_ uri: ServerURI) -> Bool { (hostRegions[uri.host.lowercased()]?.count ?? 0) <= 1 }

        var regions: [CheckRegionTarget] = []
        for (index, region) in profile.regions.enumerated() {
            var stunURIs: [ServerURI] = []
            for (position, text) in region.stun.enumerated() {
                stunURIs.append(try parse(text, "regions[\(index)].stun[\(position)]"))
            }
            var turn: [CheckTurnTarget] = []
            for (position, text) in region.turn.enumerated() {
                let uri = try parse(text, "regions[\(index)].turn[\(position)]")
                guard uri.scheme.isTURN else {
                    throw CheckPlanError("regions[\(index)].turn[\(position)]", "'\(text)' is not a TURN URI")
                }
                turn.append(CheckTurnTarget(server: uri, transport: uri.impliedTransport, credential: options.turnCredential))
            }
            // Latency methods, best first: STUN over UDP (the first plain stun: URI), over TCP (the
            // first TURN-over-TCP URI, else the stun: URI over TCP), over TLS (the first turns:/stuns:),
            // each only on a host of this region alone; then the profile's tcp:/tls: latency targets.
            let udpStun = stunURIs.first { $0.scheme == .stun && $0.impliedTransport == .udp }
            let tcpStun = (turn.first { $0.server.scheme == .turn && $0.transport == .tcp }?.server
                ?? stunURIs.first { $0.scheme == .stun }).flatMap { ownHost($0) ? $0 : nil }
            let tlsStun = (turn.first { $0.server.scheme == .turns }?.server ?? stunURIs.first { $0.scheme == .stuns })
                .flatMap { ownHost($0) ? $0 : nil }
            var latency: [LatencyTarget] = []
            for (position, text) in region.latency.enumerated() {
                switch LatencyTarget.parse(text) {
                case .success(let target): latency.append(target)
                case .failure(let error): throw CheckPlanError("regions[\(index)].latency[\(position)]", error.message)
                }
            }
            regions.append(CheckRegionTarget(id: region.id, stun: udpStun, turn: turn, addressRanges: region.addressRanges,
                                             stunTcp: tcpStun, stunTls: tlsStun, latency: latency,
                                             verified: region.verified, edge: region.edge))
        }

        var extraTurn: [CheckTurnTarget] = []
        var extraStun: [ServerURI] = []
        for (index, server) in options.iceServers.enumerated() {
            for (position, text) in server.urls.enumerated() {
                let uri = try parse(text, "--ice-servers [\(index)].urls[\(position)]")
                if uri.scheme.isTURN {
                    extraTurn.append(CheckTurnTarget(server: uri, transport: uri.impliedTransport, credential: server.turnCredential))
                } else if uri.scheme == .stun {
                    extraStun.append(uri)
                }
            }
        }

        let turnKnown = !extraTurn.isEmpty || regions.contains { !$0.turn.isEmpty }
        let anyCredential = extraTurn.contains { $0.credential != nil } || (options.turnCredential != nil && regions.contains { !$0.turn.isEmpty })
        let runTurn = options.runTurn && anyCredential

        // DNS steering: names whose answer picks the region (resolved apart from `dnsNames`: a
        // steering name that does not resolve is reported with the steering, not as a DNS fault).
        var steering: [CheckSteeringTarget] = []
        for (index, text) in profile.steering.enumerated() {
            if text.hasPrefix("stun:") {
                let uri = try parse(text, "steering[\(index)]")
                guard uri.scheme == .stun else { throw CheckPlanError("steering[\(index)]", "'\(text)' is not a stun: URI") }
                steering.append(CheckSteeringTarget(text: text, host: uri.host, port: uri.port, method: .stunUdp, latency: nil, stun: uri))
            } else {
                switch LatencyTarget.parse(text) {
                case .success(let target):
                    steering.append(CheckSteeringTarget(text: target.description, host: target.host, port: target.port,
                                                        method: .tcpConnect, latency: target, stun: nil))
                case .failure(let error):
                    throw CheckPlanError("steering[\(index)]", error.message)
                }
            }
        }

        // NAT: the home region's STUN first (or the first region's), then up to two others so the
        // mapping can be compared across destinations.
        var natServers: [ServerURI] = []
        let ordered = (home.flatMap { id in regions.first { $0.id == id } }.map { [$0] } ?? []) + regions
        for region in ordered {
            if let stun = region.stun, !natServers.contains(stun) { natServers.append(stun) }
            if natServers.count == 3 { break }
        }
        // Profiles without per-region STUN (twilio: only global, GeoDNS-steered STUN names) still
        // get a NAT probe (and with it a UDP verdict) against the steering stun: servers.
        for target in steering where natServers.count < 3 {
            if let stun = target.stun, !natServers.contains(stun) { natServers.append(stun) }
        }

        // Gathering: the home (or first) region's STUN server and TURN targets with credentials.
        let gatherRegion = home.flatMap { id in regions.first { $0.id == id } } ?? regions.first
        var gatherStun = gatherRegion?.stun.map { [$0] } ?? []
        for uri in extraStun where !gatherStun.contains(uri) { gatherStun.append(uri) }
        if gatherStun.isEmpty { gatherStun = steering.compactMap(\.stun).prefix(1).map { $0 } }
        var gatherTurn: [CheckTurnTarget] = []
        if runTurn {
            for target in (gatherRegion?.turn ?? []) + extraTurn where target.credential != nil {
                if !gatherTurn.contains(where: { $0.server == target.server && $0.transport == target.transport }) {
                    gatherTurn.append(target)
                }
            }
        }
        let gatherRoom = budget.subtractingSaturating(CheckPlan.gatherShutdown + margin)
        let gatherDeadline: UInt64? = gatherRoom >= Nanoseconds.milliseconds(500) ? gatherRoom : nil
        let runGather = options.runGather && gatherDeadline != nil && !(gatherStun.isEmpty && gatherTurn.isEmpty)

        var dnsNames: [String] = []
        let everyURI = regions.compactMap(\.stun) + regions.flatMap { $0.turn.map(\.server) } + extraTurn.map(\.server) + extraStun
        for uri in everyURI where !uri.isIPv6Literal && IPAddress(uri.host) == nil && !dnsNames.contains(uri.host) {
            dnsNames.append(uri.host)
        }
        for host in regions.flatMap(\.latencyHosts) where !dnsNames.contains(host) {
            dnsNames.append(host)
        }

        var ranges = profile.mediaRanges
        for region in profile.regions {
            for range in region.addressRanges where !ranges.contains(range) { ranges.append(range) }
        }

        // The path probe: TCP to the home (or first) region's TURN/TCP port, and TLS to up to three
        // different hosts' turns:/stuns: servers (interception shows as one unknown issuer on several).
        var egress: [CheckEgressTarget] = []
        if let first = ordered.first {
            for target in first.turn where target.server.scheme == .turn && target.transport == .tcp {
                let candidate = CheckEgressTarget(host: target.server.host, port: target.server.port, tls: false)
                if !egress.contains(candidate) { egress.append(candidate) }
            }
        }
        var tlsHosts: [String] = []
        for (index, region) in ordered.enumerated() where index == 0 || !ordered[..<index].contains(region) {
            let servers = region.turn.map(\.server).filter { $0.scheme == .turns }
            for server in servers where !tlsHosts.contains(server.host) && tlsHosts.count < 3 {
                tlsHosts.append(server.host)
                egress.append(CheckEgressTarget(host: server.host, port: server.port, tls: true))
            }
        }

        var plan = CheckPlan(regions: regions, homeRegion: home, queueRegion: queue,
                         interRegionRttMs: home.flatMap { h in queue.flatMap { q in profile.interRegionRtt(h, q) } },
                         extraTurn: extraTurn, runTurn: runTurn,
                         turnLacksCredentials: options.runTurn && turnKnown && !anyCredential,
                         natServers: options.runNat ? natServers : [],
                         gatherStun: runGather ? gatherStun : [], gatherTurn: runGather ? gatherTurn : [],
                         runGather: runGather, dnsNames: dnsNames, samples: options.samples, spacing: spacing,
                         budget: budget, dnsDeadline: dnsDeadline, latencyDeadline: latencyDeadline, margin: margin,
                         gatherDeadline: runGather ? gatherDeadline : nil, caFile: options.caFile, insecure: options.insecure,
                         thresholds: profile.thresholds, mediaRanges: ranges, mediaPorts: profile.mediaPorts,
                         steering: steering)
        plan.egressTargets = egress
        plan.proxy = options.proxy
        plan.profileName = profile.name
        plan.mediaTopology = profile.mediaTopology
        return plan
    }

    static func parse(_ text: String, _ location: String) throws(CheckPlanError) -> ServerURI {
        do {
            return try ServerURI(parsing: text)
        } catch {
            throw CheckPlanError(location, "\(error)")
        }
    }
}
