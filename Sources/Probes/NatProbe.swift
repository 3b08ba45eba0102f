import Diagnosis
import ProbeTransport
import StunWire

/// NAT behaviour discovery (RFC 5780 section 4) over UDP. Produces ``NatObservations`` (inside
/// ``NatRun``); it never decides a verdict: callers pass the observations to
/// `NatClassifier.classify`.
///
/// One classification run:
/// 1. The real local IP is found by connecting a throw-away UDP socket to the first server and
///    reading getsockname; every probing socket is then bound to that IP, so its getsockname is
///    exactly the source the server sees when there is no NAT.
/// 2. At the same time, on three fresh sockets: the *mapping* socket sends test I (Binding) to every
///    server, two *filtering* sockets send test I to the first server. Schedule: see
///    ``NatTiming/firstContactSchedule()``; nothing answering by then means UDP is blocked.
/// 3. As soon as the mapping socket's test I is answered, its round-trip time sizes every later
///    wait (``NatTiming/schedule(forRTT:)``) and, with an alternate address (OTHER-ADDRESS, else
///    the RFC 3489 CHANGED-ADDRESS, when ``StunAnswerReading`` finds it usable), mapping tests II (alternate
///    IP, primary port) and III (alternate IP and port) run together on the mapping socket; once
///    a filtering socket's test I is answered, filtering tests II (CHANGE-REQUEST IP and port)
///    and III (port only) run together on it. The more restrictive answer of the two filtering
///    sockets is kept (``mostRestrictive(_:)``): a fresh socket that reuses a recently used port
///    can inherit leftover NAT permissions, which only ever make filtering look more open.
///    Opt-in hairpinning runs alongside.
/// 4. Answers count only from the address the request went to, or (filtering tests) from the
///    address the server announced for the requested change; everything else is a counted stray.
///
/// Time bound: every exchange ends by the run's deadline (``NatProbeOptions/timeout``); a run
/// typically takes one round trip plus one unanswered-test schedule (about 150 ms at 10 ms RTT,
/// 550 ms at 120 ms RTT).
public enum NatProbe {
    /// Resolves the servers, runs ``NatProbeOptions/repeatCount`` classifications, then the
    /// opt-in lifetime search. Never throws: problems are in the result. Bounded by
    /// ``NatProbeOptions/timeout`` plus, with `--lifetime`, the lifetime maximum and 4 s.
    public static func run(_ options: NatProbeOptions) async -> NatSession {
        let clock = SystemClock()
        let start = clock.now
        let deadline = start.addingSaturating(options.timeout)
        let (resolved, serverResults) = await resolve(options.servers, deadline: deadline, clock: clock)
        var session = NatSession(servers: serverResults)
        for index in 0..<options.repeatCount {
            // Each run gets an equal share of the remaining time.
            let remaining = deadline.subtractingSaturating(clock.now)
            let share = remaining / UInt64(options.repeatCount - index)
            let runDeadline = clock.now.addingSaturating(share)
            var run = await classify(resolved, serverResults: serverResults, hairpin: options.hairpin,
                                     timing: options.timing, deadline: runDeadline)
            if resolved.isEmpty { run.problems.append("no server could be used") }
            session.runs.append(run)
        }
        if let maximum = options.lifetimeMaximum {
            let reference = session.runs.first { $0.observations.otherAddressAvailable == true }
            if let primary = resolved.first, let reference {
                let rtt = Nanoseconds.milliseconds(UInt64(max(0, reference.rttMs ?? 100).rounded(.up)))
                let lifetime = await NatLifetimeSearch(server: primary.address, maximum: maximum,
                                                       sockets: options.lifetimeSockets, rtt: rtt,
                                                       timing: options.timing).run()
                session.lifetime = lifetime
                for index in session.runs.indices {
                    session.runs[index].observations.bindingLifetimeSeconds = lifetime.bindingLifetimeSeconds
                }
            } else {
                session.lifetime = NatLifetimeResult(maximumSeconds: Nanoseconds.toMilliseconds(maximum) / 1_000, waits: [],
                    problem: "the binding lifetime search needs a server with RFC 5780 (RESPONSE-PORT); none answered with OTHER-ADDRESS (RFC 3489 servers have no RESPONSE-PORT)")
            }
        }
        session.durationMs = rounded(Nanoseconds.toMilliseconds(clock.elapsed(since: start)))
        return session
    }

    /// A server that resolved to an address.
    struct ResolvedServer: Sendable {
        var uri: ServerURI
        var address: TransportAddress
    }

    /// Resolves every server at the same time (bounded by `deadline`), keeping the first one's
    /// family for the others. Servers that fail are reported and left out.
    static func resolve(_ servers: [ServerURI], deadline: UInt64, clock: any MonotonicClock) async
        -> ([ResolvedServer], [NatServerResult]) {
        // The lookup is a separate function returning a Result: with the typed-throws do/catch
        // written inline in the child task, the release build (-O, Swift 6.3.1) lost the answer
        // for some hosts (every 11-character IP literal, e.g. "203.0.113.2", came back "not
        // resolved"); see NatResolveTests.
        let answers = await withTaskGroup(of: (Int, Result<[TransportAddress], TransportError>).self) { group in
            for (index, server) in servers.enumerated() {
                group.addTask { (index, await lookup(server, deadline: deadline, clock: clock)) }
            }
            var all: [Int: Result<[TransportAddress], TransportError>] = [:]
            for await (index, answer) in group { all[index] = answer }
            return all
        }
        var resolved: [ResolvedServer] = []
        var results: [NatServerResult] = []
        var family: Bool? = nil   // true: IPv4
        for (index, server) in servers.enumerated() {
            var result = NatServerResult(uri: server.description)
            switch answers[index] ?? .failure(TransportError(.dns, "not resolved")) {
            case .failure(let error):
                result.error = error.description
            case .success(let addresses):
                let preferred = addresses.first { $0.ip.isIPv4 == (family ?? true) } ?? (family == nil ? addresses.first : nil)
                if let preferred {
                    family = preferred.ip.isIPv4
                    resolved.append(ResolvedServer(uri: server, address: preferred))
                    result.address = preferred.description
                } else {
                    result.error = "dns: no address of the first server's family (\(family == true ? "IPv4" : "IPv6"))"
                }
            }
            results.append(result)
        }
        return (resolved, results)
    }

    /// Resolves one server (bounded by `deadline`), the error as a value.
    static func lookup(_ server: ServerURI, deadline: UInt64, clock: any MonotonicClock) async
        -> Result<[TransportAddress], TransportError> {
        do throws(TransportError) {
            return .success(try await DNSResolver.resolve(host: server.host, port: server.port,
                                                          deadline: deadline, clock: clock))
        } catch {
            return .failure(error)
        }
    }

    /// The source address the kernel picks toward `server` (connect + getsockname on a
    /// throw-away socket; no packet is sent).
    static func localIP(toward server: TransportAddress) throws(TransportError) -> IPAddress {
        let probe = try UDPSocket(forFamilyOf: server)
        defer { probe.close() }
        try probe.connect(to: server)
        return try probe.localAddress().ip
    }

    /// One classification with fresh sockets; see the type's documentation.
    static func classify(_ servers: [ResolvedServer], serverResults: [NatServerResult], hairpin: Bool,
                         timing: NatTiming, deadline: UInt64) async -> NatRun {
        let clock = SystemClock()
        let start = clock.now
        var run = NatRun(servers: serverResults)
        var observations = NatObservations()
        var sockets: [NatSocket] = []
        defer { for socket in sockets { socket.close() } }

        func finish() -> NatRun {
            for socket in sockets {
                for stray in socket.strays { run.strayReasons[stray.reason.rawValue, default: 0] += 1 }
                run.strays += socket.strays.count
            }
            run.observations = observations
            run.durationMs = rounded(Nanoseconds.toMilliseconds(clock.elapsed(since: start)))
            return run
        }

        guard let primary = servers.first else { return finish() }

        // 1. The real local address.
        let localIP: IPAddress
        let mapping: NatSocket
        let filtering: NatSocket
        let filteringB: NatSocket
        do throws(TransportError) {
            localIP = try NatProbe.localIP(toward: primary.address)
            mapping = try NatSocket.open(boundTo: TransportAddress(ip: localIP, port: 0))
            sockets.append(mapping)
            filtering = try NatSocket.open(boundTo: TransportAddress(ip: localIP, port: 0))
            sockets.append(filtering)
            filteringB = try NatSocket.open(boundTo: TransportAddress(ip: localIP, port: 0))
            sockets.append(filteringB)
        } catch {
            run.problems.append("cannot open a UDP socket toward \(primary.address): \(error)")
            if error.kind == .unreachable { observations.udpReachable = false }
            return finish()
        }
        observations.localAddress = mapping.localAddress.map(observed)

        // 2. Test I everywhere at once.
        let first = timing.firstContactSchedule()
        let others = Array(servers.dropFirst())
        async let filteringTestI = plainBinding(filtering, primary.address, first, deadline).run()
        async let filteringTestIB = plainBinding(filteringB, primary.address, first, deadline).run()
        async let otherServers: [NatExchangeResult] = withTaskGroup(of: (Int, NatExchangeResult).self) { group in
            for (index, server) in others.enumerated() {
                group.addTask { (index, await plainBinding(mapping, server.address, first, deadline).run()) }
            }
            var results = [NatExchangeResult?](repeating: nil, count: others.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
        let mappingTestI = await plainBinding(mapping, primary.address, first, deadline).run()

        // 3. What test I told. Which attribute serves as what (RFC 5780 or RFC 3489) is decided
        // by Diagnosis' StunAnswerReading, not here.
        let m1 = mappingTestI.success
        let x1 = m1.flatMap { xorMapped($0) }
        let attributes = m1.map { answerAttributes($0) }
        let reading = attributes.map { StunAnswerReading($0, server: observed(primary.address)) }
        /// The alternate address, only when the reading found it usable.
        let announced: TransportAddress? = reading?.alternate.flatMap(transportAddress)
        observations.server = observed(primary.address)
        observations.testIAnswer = attributes
        observations.testIMapped = x1.map(observed)
        observations.testIPlainMapped = attributes?.mappedAddress
        if let attributes { observations.otherAddressAvailable = attributes.otherAddress != nil }
        if let index = run.servers.firstIndex(where: { $0.address == primary.address.description }) {
            run.servers[index].record(reading, attributes: attributes)
        }
        run.tests.append(detail("mapping-test-i", mappingTestI, socket: mapping, mapped: x1,
                                note: m1 == nil ? answerProblem(mappingTestI) : nil))
        // An unusable alternate (reading.alternateProblem) runs no alternate tests; the
        // classifier's note `alternate-unusable` says why.

        let rtt = mappingTestI.rtt ?? mappingTestI.elapsedToAnswer
        run.rttMs = rtt.map { rounded(Nanoseconds.toMilliseconds($0)) }
        let schedule = timing.schedule(forRTT: rtt ?? timing.firstContactBudget / 4)

        // 4. Mapping tests II and III, hairpinning, filtering tests: all at once.
        let alternateIP: TransportAddress? = announced.map { TransportAddress(ip: $0.ip, port: primary.address.port) }
        async let mappingTestII: NatExchangeResult? = {
            guard x1 != nil, let target = alternateIP else { return nil }
            return await NatExchange(request: NatExchange.bindingRequest(), destination: target, sender: mapping,
                                     acceptedSources: [target], schedule: schedule, deadline: deadline).run()
        }()
        async let mappingTestIII: NatExchangeResult? = {
            guard x1 != nil, let target = announced else { return nil }
            return await NatExchange(request: NatExchange.bindingRequest(), destination: target, sender: mapping,
                                     acceptedSources: [target], schedule: schedule, deadline: deadline).run()
        }()
        let hairpinSocket: NatSocket? = hairpin && x1 != nil
            ? try? NatSocket.open(boundTo: TransportAddress(ip: localIP, port: 0)) : nil
        if let hairpinSocket { sockets.append(hairpinSocket) }
        async let hairpinTest: NatExchangeResult? = {
            guard let hairpinSocket, let target = x1 else { return nil }
            return await NatExchange(request: NatExchange.bindingRequest(), destination: target, sender: hairpinSocket,
                                     receiver: mapping, expectation: .request, acceptedSources: nil,
                                     schedule: schedule, deadline: deadline).run()
        }()

        // Filtering tests run on two fresh sockets at once and the more restrictive answer is
        // kept: a socket that happens to reuse a recently used local port may inherit the NAT's
        // leftover permissions from earlier traffic, which can only make filtering look more open.
        let rawFiltering = [(await filteringTestI, filtering, ""), (await filteringTestIB, filteringB, "-b")]
        /// Tests II and III on one filtering socket whose test I was answered; nil otherwise.
        @Sendable func filteringTests(_ f1: NatExchangeResult, _ socket: NatSocket, _ suffix: String) async
            -> (verdictII: Bool?, verdictIII: Bool?, details: [NatTestDetail])? {
            guard f1.success != nil, let other = announced else { return nil }
            let f1RTT = f1.rtt ?? f1.elapsedToAnswer ?? 0
            let filteringSchedule = timing.schedule(forRTT: max(rtt ?? 0, f1RTT))
            // Changing the port only: the answer must come from the primary IP and the alternate
            // port (never from an IP the server merely claims as its origin).
            let changePortSources: Set<TransportAddress> = [TransportAddress(ip: primary.address.ip, port: other.port)]
            async let both = NatExchange(request: NatExchange.bindingRequest(changeIP: true, changePort: true),
                                         destination: primary.address, sender: socket, acceptedSources: [other],
                                         schedule: filteringSchedule, deadline: deadline).run()
            async let port = NatExchange(request: NatExchange.bindingRequest(changePort: true),
                                         destination: primary.address, sender: socket,
                                         acceptedSources: changePortSources,
                                         schedule: filteringSchedule, deadline: deadline).run()
            let filteringII = await both
            let filteringIII = await port
            let verdictII = filteringVerdict(filteringII, schedule: filteringSchedule, timing: timing)
            let verdictIII = filteringVerdict(filteringIII, schedule: filteringSchedule, timing: timing)
            return (verdictII, verdictIII, [
                detail("filtering-test-ii" + suffix, filteringII, socket: socket, request: "change-ip-and-port",
                       mapped: nil, note: filteringNote(filteringII, verdictII)),
                detail("filtering-test-iii" + suffix, filteringIII, socket: socket, request: "change-port",
                       mapped: nil, note: filteringNote(filteringIII, verdictIII)),
            ])
        }
        for (f1, socket, suffix) in rawFiltering {
            run.tests.append(detail("filtering-test-i" + suffix, f1, socket: socket, mapped: f1.success.flatMap { xorMapped($0) },
                                    note: f1.success == nil ? answerProblem(f1) : nil))
        }
        // Both sockets' tests II and III at the same time.
        async let filteringA = filteringTests(rawFiltering[0].0, rawFiltering[0].1, rawFiltering[0].2)
        async let filteringBResults = filteringTests(rawFiltering[1].0, rawFiltering[1].1, rawFiltering[1].2)
        var verdictsIPAndPort: [Bool?] = []
        var verdictsPort: [Bool?] = []
        for result in [await filteringA, await filteringBResults] {
            guard let result else { continue }
            verdictsIPAndPort.append(result.verdictII)
            verdictsPort.append(result.verdictIII)
            run.tests.append(contentsOf: result.details)
        }
        if !verdictsIPAndPort.isEmpty {
            observations.filteringChangeIPAndPortAnswered = mostRestrictive(verdictsIPAndPort)
            observations.filteringChangePortAnswered = mostRestrictive(verdictsPort)
        }

        if let result = await mappingTestII {
            let mapped = result.success.flatMap { xorMapped($0) }
            observations.mappingAlternateIP = mapped.map(observed)
            run.tests.append(detail("mapping-test-ii", result, socket: mapping, mapped: mapped,
                                    note: mapped == nil ? answerProblem(result) : nil))
        }
        if let result = await mappingTestIII {
            let mapped = result.success.flatMap { xorMapped($0) }
            observations.mappingAlternateIPAndPort = mapped.map(observed)
            // Whether anything answers at the alternate address at all (see NatObservations).
            if result.answered {
                observations.alternateAnswered = true
            } else if result.error?.kind == .unreachable {
                observations.alternateAnswered = false
            } else if result.timedOut, result.sendTimes.count >= min(timing.sendsForSilence, schedule.requestCount),
                      result.finishedAt.subtractingSaturating(result.startedAt) >= schedule.finalDeadline {
                observations.alternateAnswered = false
            }
            run.tests.append(detail("mapping-test-iii", result, socket: mapping, mapped: mapped,
                                    note: mapped == nil ? answerProblem(result) : nil))
        }
        if let result = await hairpinTest {
            if result.answered {
                observations.hairpinning = true
            } else if result.timedOut && result.sendTimes.count >= timing.sendsForSilence {
                observations.hairpinning = false
            }
            run.tests.append(detail("hairpinning", result, socket: hairpinSocket, mapped: nil,
                                    note: result.answered ? "our request sent to our own public address came back: hairpinning works"
                                        : observations.hairpinning == false ? "our request sent to our own public address never came back"
                                        : "not decided: \(answerProblem(result))"))
        } else if hairpin {
            run.problems.append("hairpinning not tested: no mapped address from test I")
        }

        // 5. Mappings across servers (one socket), for servers without RFC 5780.
        let otherResults = await otherServers
        if !others.isEmpty {
            var mappings: [ServerMapping] = []
            if let x1 { mappings.append(ServerMapping(server: observed(primary.address), mapped: observed(x1))) }
            for (server, result) in zip(others, otherResults) {
                let message = result.success
                let mapped = message.flatMap { xorMapped($0) }
                if let mapped { mappings.append(ServerMapping(server: observed(server.address), mapped: observed(mapped))) }
                if let index = run.servers.firstIndex(where: { $0.address == server.address.description }) {
                    let attributes = message.map { answerAttributes($0) }
                    run.servers[index].record(attributes.map { StunAnswerReading($0, server: observed(server.address)) },
                                              attributes: attributes)
                }
                run.tests.append(detail("server-mapping", result, socket: mapping, mapped: mapped,
                                        note: mapped == nil ? answerProblem(result) : nil))
            }
            observations.serverMappings = mappings
        }

        // 6. UDP reachability: any answer at all, or every first contact ran out of time.
        let firstContacts = [mappingTestI] + rawFiltering.map(\.0) + otherResults
        if firstContacts.contains(where: \.answered) {
            observations.udpReachable = true
        } else if firstContacts.allSatisfy({ $0.error?.kind == .unreachable
                    || ($0.timedOut && $0.finishedAt.subtractingSaturating($0.startedAt) >= first.finalDeadline) }) {
            // Blocked only after the whole first-contact schedule: a run cut short by --timeout
            // proves nothing.
            observations.udpReachable = false
        } else {
            run.problems.append("no answer, but the time budget ended before UDP could be called blocked")
        }
        return finish()
    }

    /// A plain Binding request to `server` from `socket`, answers accepted only from `server`.
    static func plainBinding(_ socket: NatSocket, _ server: TransportAddress, _ schedule: RetransmissionSchedule,
                             _ deadline: UInt64) -> NatExchange {
        NatExchange(request: NatExchange.bindingRequest(), destination: server, sender: socket,
                    acceptedSources: [server], schedule: schedule, deadline: deadline)
    }

    /// An answer counts as "filtered" only after the full schedule went unanswered; an error
    /// response, an answer from the wrong address (server ignored CHANGE-REQUEST), a socket
    /// failure or a schedule cut short by the deadline leave it undecided (nil).
    static func filteringVerdict(_ result: NatExchangeResult?, schedule: RetransmissionSchedule, timing: NatTiming) -> Bool? {
        guard let result else { return nil }
        if result.answered { return result.success != nil ? true : nil }
        guard result.timedOut, result.rejectedSources.isEmpty,
              result.sendTimes.count >= min(timing.sendsForSilence, schedule.requestCount),
              result.finishedAt.subtractingSaturating(result.startedAt) >= schedule.finalDeadline else { return nil }
        return false
    }

    /// Combines one filtering test's verdicts from several fresh sockets: any "filtered" (false)
    /// wins, because leftover NAT permissions can only let extra answers in; otherwise "answered"
    /// when any socket was answered; nil when none decided.
    static func mostRestrictive(_ verdicts: [Bool?]) -> Bool? {
        if verdicts.contains(false) { return false }
        return verdicts.contains(true) ? true : nil
    }

    static func filteringNote(_ result: NatExchangeResult, _ verdict: Bool?) -> String {
        switch verdict {
        case true?: return "answered from the changed address: the NAT let it in"
        case false?: return "no answer to \(result.sendTimes.count) requests: filtered (loss this long is improbable)"
        case nil:
            if let code = result.errorResponseCode { return "the server refused CHANGE-REQUEST (error \(code)); not decided" }
            if !result.rejectedSources.isEmpty {
                return "answered from the wrong address (the server ignored CHANGE-REQUEST); not decided"
            }
            return "not decided: \(answerProblem(result))"
        }
    }

    static func answerProblem(_ result: NatExchangeResult) -> String {
        if let code = result.errorResponseCode { return "error response \(code)" }
        if result.answered { return "the answer carried neither a usable XOR-MAPPED-ADDRESS nor MAPPED-ADDRESS" }
        if let error = result.error { return error.description }
        return "no answer"
    }

    /// The addresses a Binding answer carried, attribute by attribute; a malformed attribute
    /// counts as absent.
    static func answerAttributes(_ message: StunMessage) -> StunAnswerAttributes {
        func read<A: StunAddressAttribute>(_ type: A.Type) -> ObservedAddress? {
            ((try? message.attribute(type)) ?? nil).map { observed($0.address) }
        }
        return StunAnswerAttributes(xorMappedAddress: read(XorMappedAddress.self), mappedAddress: read(MappedAddress.self),
                                    otherAddress: read(OtherAddress.self), changedAddress: read(ChangedAddress.self),
                                    responseOrigin: read(ResponseOrigin.self), sourceAddress: read(SourceAddress.self))
    }

    /// Back from the report's text form (which ``observed(_:)`` wrote).
    static func transportAddress(_ address: ObservedAddress) -> TransportAddress? {
        IPAddress(address.ip).map { TransportAddress(ip: $0, port: address.port) }
    }

    /// XOR-MAPPED-ADDRESS, else the plain MAPPED-ADDRESS (old servers).
    static func xorMapped(_ message: StunMessage) -> TransportAddress? {
        if let xor = (try? message.attribute(XorMappedAddress.self)) ?? nil { return xor.address }
        return ((try? message.attribute(MappedAddress.self)) ?? nil)?.address
    }

    static func observed(_ address: TransportAddress) -> ObservedAddress {
        ObservedAddress(ip: address.ip.description, port: address.port)
    }

    static func rounded(_ value: Double) -> Double {
        ReportNumber.milliseconds(value)
    }

    static func detail(_ test: String, _ result: NatExchangeResult, socket: NatSocket?, request: String? = nil,
                       mapped: TransportAddress?, note: String?) -> NatTestDetail {
        let answered = result.arrival != nil && (result.arrival?.message.messageClass == .successResponse
            || result.arrival?.message.messageClass == .request)
        let end = result.arrival?.receivedAt ?? result.finishedAt
        let error: String?
        if let code = result.errorResponseCode {
            error = "error-response \(code)"
        } else if answered {
            error = nil
        } else {
            error = result.error?.name ?? "no-answer"
        }
        return NatTestDetail(
            test: test, destination: result.destination.description, socket: socket?.localAddress?.description,
            request: request, requestsSent: result.sendTimes.count, answered: answered,
            answeredFrom: result.arrival?.source.description, mappedAddress: mapped?.description,
            elapsedMs: rounded(Nanoseconds.toMilliseconds(end.subtractingSaturating(result.sendTimes.first ?? result.startedAt))),
            rttMs: result.rtt.map { rounded(Nanoseconds.toMilliseconds($0)) }, error: error,
            refusedSources: result.rejectedSources, note: note)
    }
}
