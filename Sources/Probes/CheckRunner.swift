import Diagnosis
import Foundation
import ProbeTransport
import StunWire

/// Executes a `CheckPlan`: local facts, DNS for every name, STUN/UDP latency to every region,
/// TURN (UDP/TCP/TLS) to the home region at once and to the nearest region once latency is known,
/// the NAT probe, and ICE gathering (through the injected `gather`, since libnice lives in the
/// IceAgent module) — all concurrently.
///
/// Time bound: returns at most `plan.budget` after the start (plus the time to copy the results).
/// Each probe gets a deadline inside the budget (see `CheckPlan`); anything still running at the
/// budget is cancelled, left out of the results (not measured) and named in `cancelled`.
public enum CheckRunner {
    /// Gathers ICE candidates from the given servers and returns within `deadlineMs` plus the
    /// agents' shutdown (`CheckPlan.gatherShutdown`); nil when gathering could not run.
    public typealias Gather = @Sendable (_ stun: [ServerURI], _ turn: [CheckTurnTarget], _ deadlineMs: Int) async -> [CandidateSummary]?
    public typealias Progress = @Sendable (CheckProgressEvent) -> Void

    public static func run(_ plan: CheckPlan, gather: Gather? = nil, progress: Progress? = nil) async -> CheckObservations {
        let clock = SystemClock()
        let start = clock.now
        let startedAt = Date()
        let end = start.addingSaturating(plan.budget)
        let workEnd = end.subtractingSaturating(plan.margin)
        let state = Locked(CheckObservations(startedAt: startedAt))
        let running = Locked<Set<String>>([])
        let report: Progress = progress ?? { _ in }

        state.withLock { $0.local = CheckLocalFacts.read() }

        // Completion signals: each step yields its name when done.
        let (signals, signal) = AsyncStream<String>.makeStream()
        var tasks: [Task<Void, Never>] = []
        func launch(_ step: String, _ body: @escaping @Sendable () async -> String) {
            running.withLock { _ = $0.insert(step) }
            report(.started(step: step))
            tasks.append(Task {
                let summary = await body()
                running.withLock { _ = $0.remove(step) }
                report(.finished(step: step, summary: summary))
                signal.yield(step)
            })
        }

        // DNS, one task per name; the latency steps wait for theirs. Steering names are looked up
        // the same way but reported with the steering, not in `dns`.
        var lookups: [String: Task<Result<[TransportAddress], TransportError>, Never>] = [:]
        let dnsDeadline = start.addingSaturating(plan.dnsDeadline)
        let steeringHosts = plan.steering.map(\.host).filter { !plan.dnsNames.contains($0) && IPAddress($0) == nil }
        for name in plan.dnsNames + steeringHosts where lookups[name] == nil {
            let counts = plan.dnsNames.contains(name)
            lookups[name] = Task {
                do throws(TransportError) {
                    let addresses = try await DNSResolver.resolve(host: name, port: 3478, deadline: dnsDeadline, clock: clock)
                    if counts { state.withLock { $0.dnsResolved.append(name) } }
                    return .success(addresses)
                } catch {
                    if counts {
                        let failure = DnsFailure(name: name, kind: dnsFailureKind(error), detail: error.message)
                        state.withLock { $0.dnsFailed[name] = error.description; $0.dnsFailures[name] = failure }
                    }
                    return .failure(error)
                }
            }
        }
        if !plan.steering.isEmpty {
            state.withLock { $0.resolvers = ResolvConf.read() }
        }
        if !plan.dnsNames.isEmpty {
            let waits = lookups.filter { plan.dnsNames.contains($0.key) }
            launch("dns") {
                var failed = 0
                for (_, lookup) in waits { if case .failure = await lookup.value { failed += 1 } }
                return failed == 0 ? "\(waits.count) names resolved" : "\(failed) of \(waits.count) names did not resolve"
            }
        }

        // Latency to every region, then TURN to the nearest one.
        let lookupsCopy = lookups
        let latencyDeadline = start.addingSaturating(plan.latencyDeadline)
        // STUN over UDP first; the TCP methods only for regions whose UDP gets no answer within
        // `fallbackDelay` of its start (or that have no UDP target), so they neither add traffic
        // nor disturb the UDP samples where UDP works.
        var udpProgress: [String: Locked<(done: Bool, answered: Bool)>] = [:]
        for region in plan.regions where region.stun != nil { udpProgress[region.id] = Locked((done: false, answered: false)) }
        let udpStates = udpProgress
        launch("latency") {
            await withTaskGroup(of: Void.self) { group in
                for region in plan.regions {
                    guard let server = region.stun, let progress = udpStates[region.id] else { continue }
                    group.addTask {
                        defer { progress.withLock { $0.done = true } }
                        let destination: TransportAddress
                        if let literal = IPAddress(server.host) {
                            destination = TransportAddress(ip: literal, port: server.port)
                        } else {
                            guard let lookup = lookupsCopy[server.host] else { return }
                            switch await lookup.value {
                            case .failure(let error):
                                state.withLock {
                                    $0.latency[region.id] = RegionLatencyObservation(region: region.id, server: server.description,
                                                                                     error: error.name)
                                }
                                return
                            case .success(let addresses):
                                guard let first = addresses.first(where: { $0.ip.isIPv4 }) ?? addresses.first else { return }
                                destination = TransportAddress(ip: first.ip, port: server.port)
                            }
                        }
                        state.withLock { $0.regionAddresses[region.id, default: []].append(destination.ip.description) }
                        let observation = await RegionLatencyProbe.run(region: region.id, server: server, destination: destination,
                                                                       samples: plan.samples, spacing: plan.spacing,
                                                                       deadline: latencyDeadline,
                                                                       onFirstAnswer: { progress.withLock { $0.answered = true } })
                        state.withLock { $0.latency[region.id] = observation }
                    }
                }
                // True when the region's STUN over UDP answered: its TCP methods are not needed.
                @Sendable func udpAnswers(_ id: String) async -> Bool {
                    guard let progress = udpStates[id] else { return false }
                    let until = clock.now.addingSaturating(CheckPlan.fallbackDelay)
                    while true {
                        let current = progress.current
                        if current.answered { return true }
                        if current.done || clock.now >= until || clock.now >= latencyDeadline || Task.isCancelled { return false }
                        try? await clock.sleep(until: min(clock.now.addingSaturating(Nanoseconds.milliseconds(20)), until))
                    }
                }
                // The other methods (the choice between them is Diagnosis's).
                for region in plan.regions {
                    var streams: [(RegionLatencyMethod, ServerURI)] = []
                    if let uri = region.stunTcp { streams.append((.stunTcp, uri)) }
                    if let uri = region.stunTls { streams.append((.stunTls, uri)) }
                    for (method, uri) in streams {
                        group.addTask {
                            if await udpAnswers(region.id) { return }
                            let samples: LatencyMethodSamples
                            switch await address(uri.host, uri.port, lookupsCopy) {
                            case .failure(let error):
                                samples = LatencyMethodSamples(method: method, target: uri.description, sent: 0, answered: [], error: error.name)
                            case .success(let destination):
                                state.withLock { $0.regionAddresses[region.id, default: []].append(destination.ip.description) }
                                samples = await StunStreamLatencyProbe.run(method: method, server: uri, destination: destination,
                                                                           samples: plan.samples, spacing: plan.spacing,
                                                                           deadline: latencyDeadline, caFile: plan.caFile,
                                                                           insecure: plan.insecure)
                            }
                            state.withLock { $0.streamLatency[region.id, default: []].append(samples) }
                        }
                    }
                    for target in region.latency {
                        group.addTask {
                            if await udpAnswers(region.id) { return }
                            let results: [LatencyMethodSamples]
                            switch await address(target.host, target.port, lookupsCopy) {
                            case .failure(let error):
                                results = [LatencyMethodSamples(method: .tcpConnect, target: target.description, sent: 0, answered: [], error: error.name)]
                            case .success(let destination):
                                state.withLock { $0.regionAddresses[region.id, default: []].append(destination.ip.description) }
                                results = await StreamLatencyProbe.run(target: target, destination: destination, samples: plan.samples,
                                                                       spacing: plan.spacing, deadline: latencyDeadline,
                                                                       caFile: plan.caFile, insecure: plan.insecure)
                            }
                            state.withLock { $0.streamLatency[region.id, default: []] += results }
                        }
                    }
                }
            }
            let current = state.current
            let answered = plan.regions.filter { region in
                (current.latency[region.id]?.received ?? 0) > 0 || (current.streamLatency[region.id] ?? []).contains { $0.received > 0 }
            }.count
            return "\(answered) of \(plan.regions.count) regions answered"
        }

        // DNS steering: resolve each steering name and time the first address of the answer.
        if !plan.steering.isEmpty {
            launch("steering") {
                await withTaskGroup(of: Void.self) { group in
                    for target in plan.steering {
                        group.addTask {
                            var measurement = SteeringMeasurement(name: target.host, target: target.text)
                            let answer: [TransportAddress]
                            if let literal = IPAddress(target.host) {
                                answer = [TransportAddress(ip: literal, port: target.port)]
                            } else if let lookup = lookupsCopy[target.host] {
                                switch await lookup.value {
                                case .failure(let error): measurement.error = error.description; answer = []
                                case .success(let addresses): answer = addresses
                                }
                            } else {
                                answer = []
                            }
                            measurement.answer = unique(answer.map { $0.ip.description })
                            if let first = answer.first(where: { $0.ip.isIPv4 }) ?? answer.first {
                                let destination = TransportAddress(ip: first.ip, port: target.port)
                                measurement.timedAddress = first.ip.description
                                if let stun = target.stun {
                                    let observation = await RegionLatencyProbe.run(region: target.host, server: stun, destination: destination,
                                                                                   samples: plan.samples, spacing: plan.spacing,
                                                                                   deadline: latencyDeadline)
                                    measurement.samples = LatencyMethodSamples(method: .stunUdp, target: target.text,
                                                                               rttSamplesMs: observation.rttSamplesMs, sent: observation.sent,
                                                                               answered: observation.answered, spacingMs: observation.spacingMs,
                                                                               error: observation.error)
                                } else if let latency = target.latency {
                                    let results = await StreamLatencyProbe.run(target: latency, destination: destination, samples: plan.samples,
                                                                               spacing: plan.spacing, deadline: latencyDeadline,
                                                                               caFile: plan.caFile, insecure: plan.insecure)
                                    measurement.samples = results.first
                                }
                            }
                            state.withLock { $0.steering.append(measurement) }
                        }
                    }
                }
                let order = plan.steering.map(\.text)
                state.withLock { $0.steering.sort { (order.firstIndex(of: $0.target) ?? 0) < (order.firstIndex(of: $1.target) ?? 0) } }
                let timed = state.current.steering.filter { ($0.samples?.received ?? 0) > 0 }.count
                return "\(timed) of \(plan.steering.count) steering names timed"
            }
        }

        // TURN to the home region (and extra servers) now.
        if plan.runTurn {
            let first = plan.turnTargets(nearest: nil)
            state.withLock { $0.turnPlanned = first }
            if !first.isEmpty {
                launch("turn") { await runTurn(first, plan: plan, until: workEnd, state: state, clock: clock) }
            }
        }

        // The path probe: direct TCP per port and TLS (issuer) to the media servers.
        if !plan.egressTargets.isEmpty {
            let lookupsForEgress = lookups
            launch("egress") {
                let attempts = await withTaskGroup(of: (Int, EgressAttempt).self) { group -> [EgressAttempt] in
                    for (index, target) in plan.egressTargets.enumerated() {
                        group.addTask {
                            let address: TransportAddress
                            if let literal = IPAddress(target.host) {
                                address = TransportAddress(ip: literal, port: target.port)
                            } else {
                                guard let lookup = lookupsForEgress[target.host], case .success(let found) = await lookup.value,
                                      let first = found.first(where: { $0.ip.isIPv4 }) ?? found.first else {
                                    return (index, EgressProbe.unresolved(target))
                                }
                                address = TransportAddress(ip: first.ip, port: target.port)
                            }
                            return (index, await EgressProbe.run(target, address: address, caFile: plan.caFile,
                                                                 insecure: plan.insecure, deadline: workEnd, clock: clock))
                        }
                    }
                    var results: [(Int, EgressAttempt)] = []
                    for await result in group { results.append(result) }
                    return results.sorted { $0.0 < $1.0 }.map(\.1)
                }
                state.withLock { $0.egress = attempts }
                return attempts.map { "\($0.tls ? "tls" : "tcp") \($0.port): \($0.result)" }.joined(separator: ", ")
            }
        }

        // NAT behaviour.
        if !plan.natServers.isEmpty {
            launch("nat") {
                let timeout = workEnd.subtractingSaturating(clock.now)
                let session = await NatProbe.run(NatProbeOptions(servers: plan.natServers, timeout: timeout))
                state.withLock { $0.nat = session }
                let verdict = session.runs.first.map { NatClassifier.classify($0.observations) }
                return verdict.map { "\($0.classicType)" } ?? "no classification"
            }
        }

        // ICE gathering.
        if plan.runGather, let gather, let gatherDeadline = plan.gatherDeadline {
            launch("gather") {
                let deadlineMs = Int(Nanoseconds.toMilliseconds(start.addingSaturating(gatherDeadline).subtractingSaturating(clock.now)))
                let candidates = await gather(plan.gatherStun, plan.gatherTurn, max(deadlineMs, 100))
                state.withLock { $0.candidates = candidates }
                return candidates.map { "\($0.count) candidates" } ?? "gathering failed"
            }
        }

        // The budget timer.
        let timer = Task {
            try? await clock.sleep(until: end)
            signal.yield("")
        }

        var nearestStarted = false
        for await step in signals {
            if step == "latency" && plan.runTurn && !nearestStarted {
                nearestStarted = true
                let results = plan.regions.compactMap { region in
                    state.current.latency[region.id].map { RegionResult(id: region.id, rttSamplesMs: $0.rttSamplesMs, sent: $0.sent) }
                }
                let already = state.current.turnPlanned
                let more = plan.turnTargets(nearest: ReadinessEvaluator.nearestRegion(results)).filter { target in
                    !already.contains { $0.server == target.server && $0.transport == target.transport }
                }
                // Less than a second left is too little for an allocation: not measured.
                if !more.isEmpty && workEnd.subtractingSaturating(clock.now) >= Nanoseconds.milliseconds(1000) {
                    state.withLock { $0.turnPlanned += more }
                    launch("turn-nearest") { await runTurn(more, plan: plan, until: workEnd, state: state, clock: clock) }
                }
            }
            // Done when nothing runs and the nearest-region TURN decision was made (the latency
            // step's signal may still be queued behind another step's).
            if (running.current.isEmpty && (nearestStarted || !plan.runTurn)) || clock.now >= end { break }
        }
        timer.cancel()
        let unfinished = running.current
        for task in tasks { task.cancel() }
        for lookup in lookups.values { lookup.cancel() }
        signal.finish()

        var observations = state.current
        observations.cancelled = unfinished.sorted()
        observations.durationMs = Nanoseconds.toMilliseconds(clock.elapsed(since: start))
        if unfinished.contains("gather") { observations.candidates = nil }
        if unfinished.contains("egress") { observations.egress = nil }
        return observations
    }

    /// How a lookup failed, from the resolver's code: the name does not exist (EAI_NONAME,
    /// EAI_NODATA, or no address), no answer in time (our deadline, EAI_AGAIN), or another error.
    static func dnsFailureKind(_ error: TransportError) -> DnsFailure.Kind {
        guard let code = error.code else {
            return error.message.contains("timed out") ? .timeout : (error.message.contains("no IPv4 or IPv6 address") ? .notFound : .error)
        }
        switch code {
        case EAI_NONAME, -5 /* EAI_NODATA (GNU) */: return .notFound
        case EAI_AGAIN: return .timeout
        default: return .error
        }
    }

    /// The address to time for `host` (an IP literal, or the first IPv4 address of its lookup),
    /// or the lookup's error.
    private static func address(_ host: String, _ port: UInt16,
                                _ lookups: [String: Task<Result<[TransportAddress], TransportError>, Never>]) async -> Result<TransportAddress, TransportError> {
        if let literal = IPAddress(host) { return .success(TransportAddress(ip: literal, port: port)) }
        guard let lookup = lookups[host] else { return .failure(TransportError(.dns, "\(host) was not looked up")) }
        switch await lookup.value {
        case .failure(let error): return .failure(error)
        case .success(let addresses):
            guard let first = addresses.first(where: { $0.ip.isIPv4 }) ?? addresses.first else {
                return .failure(TransportError(.dns, "\(host) has no address"))
            }
            return .success(TransportAddress(ip: first.ip, port: port))
        }
    }

    private static func unique(_ items: [String]) -> [String] {
        var out: [String] = []
        for item in items where !out.contains(item) { out.append(item) }
        return out
    }

    private static func runTurn(_ targets: [CheckTurnTarget], plan: CheckPlan, until: UInt64,
                                state: Locked<CheckObservations>, clock: SystemClock) async -> String {
        let timeout = until.subtractingSaturating(clock.now)
        let configurations = targets.map { target in
            TurnProbeConfiguration(server: target.server, transport: target.transport, credential: target.credential,
                                   timeout: timeout, caFile: plan.caFile, insecure: plan.insecure,
                                   relayCheck: true, relayPackets: 5,
                                   proxy: plan.proxy.map { ($0.host, UInt16(clamping: $0.port)) })
        }
        let results = await TurnProbe.runAll(configurations)
        state.withLock { $0.turn += results }
        return results.map { "\($0.transport): \(TurnClassifier.classify($0.facts).id)" }.joined(separator: ", ")
    }
}
