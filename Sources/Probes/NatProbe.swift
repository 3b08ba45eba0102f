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

    /// The three probing sockets of one classification, bound to the real local IP.
    struct ProbeSockets {
        var localIP: IPAddress
        var mapping: NatSocket
        var filtering: NatSocket
        var filteringB: NatSocket
    }

    /// Finds the real local IP toward `primary` and opens the mapping and two filtering sockets
    /// on it; every socket opened is appended to `sockets` (closed by the caller).
    static func openSockets(toward primary: TransportAddress, into sockets: inout [NatSocket]) throws(TransportError)
        -> ProbeSockets {
        let localIP = try NatProbe.localIP(toward: primary)
        let mapping = try NatSocket.open(boundTo: TransportAddress(ip: localIP, port: 0))
        sockets.append(mapping)
        let filtering = try NatSocket.open(boundTo: TransportAddress(ip: localIP, port: 0))
        sockets.append(filtering)
        let filteringB = try NatSocket.open(boundTo: TransportAddress(ip: localIP, port: 0))
        sockets.append(filteringB)
        return ProbeSockets(localIP: localIP, mapping: mapping, filtering: filtering, filteringB: filteringB)
    }

    /// One classification with fresh sockets; see the type's documentation. Orchestration only:
    /// what each exchange saw is recorded by the `record` functions below, and every single-test
    /// judgement is Diagnosis' ``NatTestRules``.
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
        let opened: ProbeSockets
        do throws(TransportError) {
            opened = try openSockets(toward: primary.address, into: &sockets)
        } catch {
            run.problems.append("cannot open a UDP socket toward \(primary.address): \(error)")
            if error.kind == .unreachable { observations.udpReachable = false }
            return finish()
        }
        let mapping = opened.mapping
        observations.localAddress = mapping.localAddress.map(observed)

        // 2. Test I everywhere at once.
        let first = timing.firstContactSchedule()
        let others = Array(servers.dropFirst())
        async let filteringTestI = plainBinding(opened.filtering, primary.address, first, deadline).run()
        async let filteringTestIB = plainBinding(opened.filteringB, primary.address, first, deadline).run()
        async let otherServers: [NatExchangeResult] = withTaskGroup(of: (Int, NatExchangeResult).self) { group in
            for (index, server) in others.enumerated() {
                group.addTask { (index, await plainBinding(mapping, server.address, first, deadline).run()) }
            }
            var results = [NatExchangeResult?](repeating: nil, count: others.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
        let mappingTestI = await plainBinding(mapping, primary.address, first, deadline).run()

        // 3. What test I told.
        let x1 = mappingTestI.success.flatMap { xorMapped($0) }
        let announced = recordTestI(mappingTestI, primary: primary, socket: mapping, run: &run, observations: &observations)
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
            ? try? NatSocket.open(boundTo: TransportAddress(ip: opened.localIP, port: 0)) : nil
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
        let rawFiltering = [(await filteringTestI, opened.filtering, ""), (await filteringTestIB, opened.filteringB, "-b")]
        for (f1, socket, suffix) in rawFiltering {
            run.tests.append(detail("filtering-test-i" + suffix, f1, socket: socket, mapped: f1.success.flatMap { xorMapped($0) },
                                    note: f1.success == nil ? answerProblem(f1) : nil))
        }
        // Both sockets' tests II and III at the same time.
        let filteringContext = FilteringContext(primary: primary.address, announced: announced, mappingRTT: rtt,
                                                timing: timing, deadline: deadline)
        async let filteringA = filteringTests(rawFiltering[0].0, rawFiltering[0].1, rawFiltering[0].2, filteringContext)
        async let filteringBResults = filteringTests(rawFiltering[1].0, rawFiltering[1].1, rawFiltering[1].2, filteringContext)
        recordFiltering([await filteringA, await filteringBResults], run: &run, observations: &observations)

        let silence = silenceRule(schedule, timing)
        recordMappingAlternate(await mappingTestII, await mappingTestIII, socket: mapping, silence: silence,
                               run: &run, observations: &observations)
        recordHairpin(await hairpinTest, requested: hairpin, socket: hairpinSocket, timing: timing,
                      run: &run, observations: &observations)

        // 5. Mappings across servers (one socket), for servers without RFC 5780.
        let otherResults = await otherServers
        recordServerMappings(others, otherResults, primary: primary, mappedByPrimary: x1, socket: mapping,
                             run: &run, observations: &observations)

        // 6. UDP reachability: any answer at all, or every first contact ran out of time.
        let firstContacts = [mappingTestI] + rawFiltering.map(\.0) + otherResults
        observations.udpReachable = NatTestRules.udpReachable(firstContacts.map(\.summary),
                                                              firstContactDeadlineNanoseconds: first.finalDeadline)
        if observations.udpReachable == nil {
            // Blocked only after the whole first-contact schedule: a run cut short by --timeout
            // proves nothing.
            run.problems.append("no answer, but the time budget ended before UDP could be called blocked")
        }
        return finish()
    }

    /// Records mapping test I (observations, the primary server's answer, the test detail) and
    /// returns the alternate address, only when Diagnosis' ``StunAnswerReading`` found it usable
    /// (which attribute serves as what, RFC 5780 or RFC 3489, is decided there). An unusable
    /// alternate runs no alternate tests; the classifier's note `alternate-unusable` says why.
    static func recordTestI(_ mappingTestI: NatExchangeResult, primary: ResolvedServer, socket: NatSocket,
                            run: inout NatRun, observations: inout NatObservations) -> TransportAddress? {
        let m1 = mappingTestI.success
        let x1 = m1.flatMap { xorMapped($0) }
        let attributes = m1.map { answerAttributes($0) }
        let reading = attributes.map { StunAnswerReading($0, server: observed(primary.address)) }
        observations.server = observed(primary.address)
        observations.testIAnswer = attributes
        observations.testIMapped = x1.map(observed)
        observations.testIPlainMapped = attributes?.mappedAddress
        if let attributes { observations.otherAddressAvailable = attributes.otherAddress != nil }
        if let index = run.servers.firstIndex(where: { $0.address == primary.address.description }) {
            run.servers[index].record(reading, attributes: attributes)
        }
        run.tests.append(detail("mapping-test-i", mappingTestI, socket: socket, mapped: x1,
                                note: m1 == nil ? answerProblem(mappingTestI) : nil))
        return reading?.alternate.flatMap(transportAddress)
    }

    /// What the filtering tests II and III need besides their socket.
    struct FilteringContext: Sendable {
        var primary: TransportAddress
        /// The usable alternate address from mapping test I; nil runs no filtering tests.
        var announced: TransportAddress?
        var mappingRTT: UInt64?
        var timing: NatTiming
        var deadline: UInt64
    }

    /// One filtering socket's tests II and III and their single-test verdicts.
    struct FilteringResults: Sendable {
        var verdictII: Bool?
        var verdictIII: Bool?
        var details: [NatTestDetail]
    }

    /// Tests II and III on one filtering socket whose test I (`f1`) was answered; nil otherwise.
    static func filteringTests(_ f1: NatExchangeResult, _ socket: NatSocket, _ suffix: String,
                               _ context: FilteringContext) async -> FilteringResults? {
        guard f1.success != nil, let other = context.announced else { return nil }
        let primary = context.primary
        let f1RTT = f1.rtt ?? f1.elapsedToAnswer ?? 0
        let filteringSchedule = context.timing.schedule(forRTT: max(context.mappingRTT ?? 0, f1RTT))
        // Changing the port only: the answer must come from the primary IP and the alternate
        // port (never from an IP the server merely claims as its origin).
        let changePortSources: Set<TransportAddress> = [TransportAddress(ip: primary.ip, port: other.port)]
        async let both = NatExchange(request: NatExchange.bindingRequest(changeIP: true, changePort: true),
                                     destination: primary, sender: socket, acceptedSources: [other],
                                     schedule: filteringSchedule, deadline: context.deadline).run()
        async let port = NatExchange(request: NatExchange.bindingRequest(changePort: true),
                                     destination: primary, sender: socket,
                                     acceptedSources: changePortSources,
                                     schedule: filteringSchedule, deadline: context.deadline).run()
        let filteringII = await both
        let filteringIII = await port
        let verdictII = filteringVerdict(filteringII, schedule: filteringSchedule, timing: context.timing)
        let verdictIII = filteringVerdict(filteringIII, schedule: filteringSchedule, timing: context.timing)
        return FilteringResults(verdictII: verdictII, verdictIII: verdictIII, details: [
            detail("filtering-test-ii" + suffix, filteringII, socket: socket, request: "change-ip-and-port",
                   mapped: nil, note: filteringNote(filteringII, verdictII)),
            detail("filtering-test-iii" + suffix, filteringIII, socket: socket, request: "change-port",
                   mapped: nil, note: filteringNote(filteringIII, verdictIII)),
        ])
    }

    /// Keeps the most restrictive filtering answers of the sockets that ran tests II and III.
    static func recordFiltering(_ results: [FilteringResults?], run: inout NatRun, observations: inout NatObservations) {
        var verdictsIPAndPort: [Bool?] = []
        var verdictsPort: [Bool?] = []
        for result in results {
            guard let result else { continue }
            verdictsIPAndPort.append(result.verdictII)
            verdictsPort.append(result.verdictIII)
            run.tests.append(contentsOf: result.details)
        }
        if !verdictsIPAndPort.isEmpty {
            observations.filteringChangeIPAndPortAnswered = NatTestRules.mostRestrictive(verdictsIPAndPort)
            observations.filteringChangePortAnswered = NatTestRules.mostRestrictive(verdictsPort)
        }
    }

    /// Records mapping tests II and III (each nil when it did not run).
    static func recordMappingAlternate(_ testII: NatExchangeResult?, _ testIII: NatExchangeResult?, socket: NatSocket,
                                       silence: NatSilenceRule, run: inout NatRun, observations: inout NatObservations) {
        if let result = testII {
            let mapped = result.success.flatMap { xorMapped($0) }
            observations.mappingAlternateIP = mapped.map(observed)
            run.tests.append(detail("mapping-test-ii", result, socket: socket, mapped: mapped,
                                    note: mapped == nil ? answerProblem(result) : nil))
        }
        if let result = testIII {
            let mapped = result.success.flatMap { xorMapped($0) }
            observations.mappingAlternateIPAndPort = mapped.map(observed)
            // Whether anything answers at the alternate address at all (see NatObservations).
            if let answered = NatTestRules.alternateAnswered(result.summary, rule: silence) {
                observations.alternateAnswered = answered
            }
            run.tests.append(detail("mapping-test-iii", result, socket: socket, mapped: mapped,
                                    note: mapped == nil ? answerProblem(result) : nil))
        }
    }

    /// Records the opt-in hairpinning test (nil when it did not run).
    static func recordHairpin(_ result: NatExchangeResult?, requested: Bool, socket: NatSocket?, timing: NatTiming,
                              run: inout NatRun, observations: inout NatObservations) {
        if let result {
            if let works = NatTestRules.hairpinning(result.summary, sendsForSilence: timing.sendsForSilence) {
                observations.hairpinning = works
            }
            run.tests.append(detail("hairpinning", result, socket: socket, mapped: nil,
                                    note: result.answered ? "our request sent to our own public address came back: hairpinning works"
                                        : observations.hairpinning == false ? "our request sent to our own public address never came back"
                                        : "not decided: \(answerProblem(result))"))
        } else if requested {
            run.problems.append("hairpinning not tested: no mapped address from test I")
        }
    }

    /// Records the mapping seen by every other server (for servers without RFC 5780).
    static func recordServerMappings(_ others: [ResolvedServer], _ results: [NatExchangeResult], primary: ResolvedServer,
                                     mappedByPrimary x1: TransportAddress?, socket: NatSocket,
                                     run: inout NatRun, observations: inout NatObservations) {
        guard !others.isEmpty else { return }
        var mappings: [ServerMapping] = []
        if let x1 { mappings.append(ServerMapping(server: observed(primary.address), mapped: observed(x1))) }
        for (server, result) in zip(others, results) {
            let message = result.success
            let mapped = message.flatMap { xorMapped($0) }
            if let mapped { mappings.append(ServerMapping(server: observed(server.address), mapped: observed(mapped))) }
            if let index = run.servers.firstIndex(where: { $0.address == server.address.description }) {
                let attributes = message.map { answerAttributes($0) }
                run.servers[index].record(attributes.map { StunAnswerReading($0, server: observed(server.address)) },
                                          attributes: attributes)
            }
            run.tests.append(detail("server-mapping", result, socket: socket, mapped: mapped,
                                    note: mapped == nil ? answerProblem(result) : nil))
        }
        observations.serverMappings = mappings
    }

    /// A plain Binding request to `server` from `socket`, answers accepted only from `server`.
    static func plainBinding(_ socket: NatSocket, _ server: TransportAddress, _ schedule: RetransmissionSchedule,
                             _ deadline: UInt64) -> NatExchange {
        NatExchange(request: NatExchange.bindingRequest(), destination: server, sender: socket,
                    acceptedSources: [server], schedule: schedule, deadline: deadline)
    }

    /// The rules' view of a schedule (``NatTestRules``).
    static func silenceRule(_ schedule: RetransmissionSchedule, _ timing: NatTiming) -> NatSilenceRule {
        NatSilenceRule(requestCount: schedule.requestCount, finalDeadlineNanoseconds: schedule.finalDeadline,
                       sendsForSilence: timing.sendsForSilence)
    }

    /// A filtering test's verdict, judged by ``NatTestRules/filtering(_:rule:)``.
    static func filteringVerdict(_ result: NatExchangeResult?, schedule: RetransmissionSchedule, timing: NatTiming) -> Bool? {
        NatTestRules.filtering(result?.summary, rule: silenceRule(schedule, timing))
    }

    static func filteringNote(_ result: NatExchangeResult, _ verdict: Bool?) -> String {
        NatTestRules.filteringNote(result.summary, verdict: verdict, undecidedBecause: answerProblem(result))
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
