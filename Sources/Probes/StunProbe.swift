import Diagnosis
import ProbeTransport
import StunWire

/// The STUN Binding probe: resolves the server, sends ``StunProbeConfiguration/count`` Binding
/// requests over UDP, TCP or TLS, and returns a ``StunObservation``. It never prints and never
/// judges; it never throws either: every failure is a named ``StunProbeFailure`` in the result.
///
/// Time bound: everything (DNS, TCP connect, TLS handshake, samples, spacing) ends by
/// ``StunProbeConfiguration/timeout`` after the start. Over UDP the first sample follows the
/// RFC 8489 schedule (RTO 500 ms), later samples an adaptive one (RTO = max(3 x RTT, 100 ms));
/// over TCP/TLS each request is sent once on one connection.
public enum StunProbe {
    public static func run(_ configuration: StunProbeConfiguration) async -> StunObservation {
        let clock = SystemClock()
        let start = clock.now
        let deadline = start.addingSaturating(configuration.timeout)
        var observation = StunObservation(server: configuration.server.description, transport: configuration.transport)
        var state = SampleState()

        func finish(_ failure: StunProbeFailure?) -> StunObservation {
            state.fill(&observation, failure: failure)
            observation.durationMs = StunRTTSummary.round(Nanoseconds.toMilliseconds(clock.elapsed(since: start)))
            return observation
        }

        // Resolve, preferring the local address's family when one is given.
        let resolved: [TransportAddress]
        do {
            resolved = try await DNSResolver.resolve(host: configuration.server.host, port: configuration.server.port,
                                                     deadline: deadline, clock: clock)
        } catch {
            return finish(StunProbeFailure(error))
        }
        let candidates = configuration.localAddress.map { local in resolved.filter { $0.ip.isIPv4 == local.ip.isIPv4 } } ?? resolved
        guard let destination = candidates.first else {
            let family = configuration.localAddress?.ip.isIPv4 == true ? "IPv4" : "IPv6"
            return finish(StunProbeFailure(kind: "dns", message:
                "'\(configuration.server.host)' has no \(family) address to match the local address"))
        }
        observation.resolvedAddress = destination.description

        switch configuration.transport {
        case .udp:
            await runUDP(configuration, destination: destination, deadline: deadline, state: &state, observation: &observation)
        case .tcp, .tls:
            await runStream(configuration, destination: destination, deadline: deadline, state: &state, observation: &observation)
        }
        return finish(nil)
    }

    // MARK: UDP

    private static func runUDP(_ configuration: StunProbeConfiguration, destination: TransportAddress,
                               deadline: UInt64, state: inout SampleState, observation: inout StunObservation) async {
        let socket: UDPSocket
        do {
            if let local = configuration.localAddress {
                socket = try UDPSocket(bindingTo: local)
            } else {
                socket = try UDPSocket(forFamilyOf: destination)
            }
            // connect() makes the kernel pick the route's real source address (also when bound to
            // 0.0.0.0), reports ICMP port unreachable, and filters other senders.
            try socket.connect(to: destination)
            observation.localAddress = try socket.localAddress().description
        } catch {
            state.failure = StunProbeFailure(error)
            return
        }
        defer { socket.close() }
        await paced(configuration, clock: socket.clock, deadline: deadline, state: &state) { state in
            let schedule = state.lastRTT.map { RetransmissionSchedule.adaptive(measuredRTT: $0) } ?? .standard
            var transaction = StunTransaction(request: bindingRequest(), destination: destination,
                                              schedule: schedule, deadline: deadline)
            transaction.earlierTransactionIDs = state.transactionIDs
            let outcome = await transaction.run(over: socket)
            state.transactionIDs.insert(transaction.request.transactionID)
            state.record(outcome)
            // Errors that will not change by trying again end the probe.
            if let error = outcome.error, error.kind != .timeout { return false }
            return true
        }
    }

    /// Runs `sample` up to `configuration.count` times, `configuration.spacing` apart, while
    /// `deadline` has not passed; `sample` returns false to end the probe early. A cancelled
    /// sleep ends it with the failure `cancelled`.
    private static func paced(_ configuration: StunProbeConfiguration, clock: any MonotonicClock, deadline: UInt64,
                              state: inout SampleState, sample: (inout SampleState) async -> Bool) async {
        for index in 0..<configuration.count {
            if index > 0 {
                let wake = clock.now.addingSaturating(configuration.spacing)
                if wake >= deadline { break }
                do { try await clock.sleep(until: wake) } catch { state.failure = StunProbeFailure(kind: "cancelled", message: "cancelled"); return }
            }
            if clock.now >= deadline { break }
            if !(await sample(&state)) { break }
        }
    }

    // MARK: TCP / TLS

    private static func runStream(_ configuration: StunProbeConfiguration, destination: TransportAddress,
                                  deadline: UInt64, state: inout SampleState, observation: inout StunObservation) async {
        let stream: any ByteStream
        do {
            if configuration.transport == .tls {
                let options = TLSOptions(serverName: configuration.server.host, caFile: configuration.caFile,
                                         insecure: configuration.insecure)
                stream = try await TLSConnection.connect(to: destination, from: configuration.localAddress,
                                                         options: options, deadline: deadline)
            } else {
                stream = try await TCPConnection.connect(to: destination, from: configuration.localAddress, deadline: deadline)
            }
        } catch {
            state.failure = StunProbeFailure(error)
            return
        }
        let client = StunStreamClient(stream: stream)
        defer { client.close() }
        observation.localAddress = stream.localAddress.description
        await paced(configuration, clock: stream.clock, deadline: deadline, state: &state) { state in
            let outcome = await client.transact(bindingRequest(), deadline: deadline)
            state.record(outcome)
            // A stream that failed once (timeout, reset, broken framing) cannot be trusted again.
            return outcome.error == nil
        }
    }

    private static func bindingRequest() -> StunMessage {
        var request = StunMessage(method: .binding, messageClass: .request, transactionID: .random())
        request.appendFingerprint()
        return request
    }
}

/// What the samples of one probe have seen so far.
struct SampleState {
    var sent = 0
    var received = 0
    var retransmissions = 0
    var strays = 0
    /// Late answers to earlier requests (answered retransmissions): neither strays nor losses.
    var lateAnswers = 0
    var transactionIDs: Set<TransactionID> = []
    var rtts: [UInt64] = []
    var lastRTT: UInt64?
    var mapped: TransportAddress?
    /// The addresses the first success answer carried.
    var answer: StunAnswerAttributes?
    var software: String?
    var successes = 0
    var anyResponse = false
    var sawOtherAddress = false
    /// The failure that ended the probe, or of the last failed sample.
    var failure: StunProbeFailure?

    mutating func record(_ outcome: StunTransactionOutcome) {
        sent += outcome.requestsSent
        retransmissions += outcome.retransmissions
        let late = outcome.strays.filter { $0.reason == .lateAnswer }.count
        lateAnswers += late
        strays += outcome.strays.count - late
        switch outcome.result {
        case .failure(let error):
            failure = StunProbeFailure(error)
        case .success(let response):
            received += 1
            anyResponse = true
            let message = response.message
            if let text = try? message.attribute(Software.self)?.value { software = software ?? text }
            if message.messageClass == .errorResponse {
                if let code = try? message.attribute(ErrorCode.self) {
                    failure = .errorResponse(code: code.code, reason: code.reason)
                } else {
                    failure = .malformedResponse("an error response without a valid ERROR-CODE")
                }
                return
            }
            let unknown = message.unknownComprehensionRequired
            if !unknown.isEmpty {
                let list = unknown.map { "0x" + String($0.rawValue, radix: 16) }.joined(separator: ", ")
                failure = .malformedResponse("the response carries unknown comprehension-required attributes \(list)")
                return
            }
            let mappedAddress: TransportAddress
            do {
                if let xor = try message.attribute(XorMappedAddress.self) {
                    mappedAddress = xor.address
                } else if let plain = try message.attribute(MappedAddress.self) {
                    mappedAddress = plain.address
                } else {
                    failure = .malformedResponse("the Binding response has neither XOR-MAPPED-ADDRESS nor MAPPED-ADDRESS")
                    return
                }
            } catch {
                failure = .malformedResponse("the mapped address is malformed: \(error)")
                return
            }
            mapped = mapped ?? mappedAddress
            // The first answer's addresses; which attribute serves as what is Diagnosis' call.
            if answer == nil { answer = NatProbe.answerAttributes(message) }
            if (try? message.attribute(OtherAddress.self)?.address) != nil { sawOtherAddress = true }
            successes += 1
            if let rtt = outcome.rtt {
                rtts.append(rtt)
                lastRTT = rtt
            }
        }
    }

    /// Copies the figures into `observation`; `failure` (if given) overrides a sample failure.
    func fill(_ observation: inout StunObservation, failure override: StunProbeFailure?) {
        observation.sent = sent
        observation.received = received
        observation.retransmissions = retransmissions
        observation.strayPackets = strays
        let answered = min(sent, received + lateAnswers)
        observation.lossPercent = sent > 0 ? StunRTTSummary.round(Double(sent - answered) * 100 / Double(sent)) : nil
        observation.rttMs = StunRTTSummary(milliseconds: rtts.map { Nanoseconds.toMilliseconds($0) })
        observation.mappedAddress = mapped?.description
        if let answer {
            let server = observation.resolvedAddress.flatMap(TransportAddress.init).map(NatProbe.observed)
                ?? ObservedAddress(ip: "", port: 0)
            let reading = StunAnswerReading(answer, server: server)
            observation.serverStandard = reading.standard
            observation.otherAddress = reading.announcedAlternate?.description
            observation.otherAddressAttribute = reading.alternateAttribute
            observation.responseOrigin = reading.origin?.description
            observation.responseOriginAttribute = reading.originAttribute
            observation.mappedAddressAttribute = reading.mappedAttribute
        }
        observation.software = software
        observation.rfc5780 = anyResponse ? sawOtherAddress : nil
        observation.ok = successes > 0 && override == nil
        if let mapped, let local = observation.localAddress.flatMap(TransportAddress.init) {
            observation.natDetected = mapped != local
        } else {
            observation.natDetected = nil
        }
        if let override {
            observation.error = override
        } else if successes == 0 {
            observation.error = failure ?? StunProbeFailure(kind: "timeout", message: "no sample was sent before the deadline")
        } else {
            observation.error = nil
        }
    }
}
