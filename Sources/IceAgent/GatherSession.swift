/// One gathering run on its own ``MainLoopThread``: a host-only agent for host candidates and one
/// agent per server (libnice finishes late when one agent has both a STUN and a TURN server, and
/// it prunes "redundant" relays, so servers are never mixed in one agent).
///
/// Thread rules: after ``start()`` every mutable property is touched only on the loop thread.
final class GatherSession: @unchecked Sendable {
    private let plan: GatheringPlan
    private let loop: MainLoopThread
    private let continuation: AsyncStream<GatherEvent>.Continuation
    private var slots: [ServerSlot]

    // Loop-thread state.
    private var hostAgent: NiceAgentHandle?
    private var hostDone = false
    private var startMicroseconds: Int64 = 0
    private var candidates: [IceCandidate] = []
    private var finishing = false
    private var cancelled = false
    private var deadlineSource: UInt32 = 0
    private var warnings: [String] = []
    private var completeMs: Double?

    init(plan: GatheringPlan, servers: [(IceServer, Result<String, HostResolver.Failure>?)],
         continuation: AsyncStream<GatherEvent>.Continuation) {
        self.plan = plan
        self.loop = MainLoopThread(networkNamespace: plan.networkNamespace)
        self.continuation = continuation
        self.slots = servers.map { ServerSlot(server: $0.0, resolution: $0.1) }
    }

    /// Spawns the loop thread and begins gathering on it. The stream finishes when the thread ends.
    func start() {
        let continuation = self.continuation
        let started = loop.start { [self] in
            _ = self   // keeps the session (and the agents' callback targets) alive until the end
            continuation.finish()
        }
        guard started else {
            continuation.yield(.finished(GatheringReport(candidates: [], servers: [], gatheringCompleteMs: nil,
                                                         deadlineMs: plan.deadlineMs,
                                                         warnings: ["could not start the GLib main-loop thread"])))
            continuation.finish()
            return
        }
        loop.invoke { [self] in begin() }
    }

    /// Stops the run early (thread-safe); the report is marked cancelled.
    func cancel() {
        loop.invoke { [self] in
            cancelled = true
            finish()
        }
    }

    private var elapsedMs: Double {
        Double(MainLoopThread.nowMicroseconds() - startMicroseconds) / 1000
    }

    private var settings: NiceAgentHandle.Settings {
        NiceAgentHandle.Settings(controlling: true, stunInitialTimeoutMs: plan.stunInitialTimeoutMs,
                                 stunMaxRetransmissions: plan.stunMaxRetransmissions,
                                 stunReliableTimeoutMs: plan.stunReliableTimeoutMs, pacingMs: plan.pacingMs,
                                 includeTCP: plan.includeTCP,
                                 localAddresses: plan.localAddresses)
    }

    // MARK: loop thread

    /// The TURN passwords of this run, redacted from libnice's log output while it runs.
    private var secrets: [String] { plan.turnPasswords }

    private func begin() {
        startMicroseconds = MainLoopThread.nowMicroseconds()
        NiceLogging.install()
        NiceLogging.registerSecrets(secrets)
        if plan.debug { NiceLogging.beginDebug() } else { NiceLogging.quietLibnice() }
        if let problem = loop.namespaceError {
            warnings.append(problem)
            for slot in slots {
                slot.conclude(.failed, finishedMs: nil, note: "not probed: \(problem)")
                if let outcome = slot.outcome { continuation.yield(.serverFinished(outcome)) }
            }
            hostDone = true
            finish()
            return
        }

        // Host candidates come from an agent with no server.
        if let host = NiceAgentHandle(context: loop.context, settings: settings) {
            host.onCandidate = { [unowned self] fields in
                record(fields, server: nil)
            }
            host.onGatheringDone = { [unowned self] in
                hostDone = true
                checkComplete()
            }
            hostAgent = host
        } else {
            hostDone = true
            warnings.append("libnice could not create the host-candidate agent")
        }

        // libnice reads NICE_DEBUG when its first agent is created; switch it off again unless asked.
        if !(plan.debug) { NiceLogging.quietLibnice() }
        var toStart: [ServerSlot] = []
        for slot in slots {
            switch (slot.server.kind, slot.resolution) {
            case (.unsupported(let reason), _):
                slot.conclude(.unsupported, finishedMs: nil, note: reason)
            case (_, .failure(.timedOut(let ms))?):
                slot.conclude(.unresolved, finishedMs: nil,
                              note: "host name '\(slot.server.host)' did not resolve within \(ms) ms")
            case (_, .failure(.notFound)?):
                slot.conclude(.unresolved, finishedMs: nil, note: "host name '\(slot.server.host)' did not resolve")
            case (_, .success(let address)?):
                if configure(slot, address: address) { toStart.append(slot) }
            case (_, nil):
                slot.conclude(.failed, finishedMs: nil, note: "no address for the server")
            }
            if slot.done, let outcome = slot.outcome { continuation.yield(.serverFinished(outcome)) }
        }

        // The server agents start first, so their first requests leave about 1 ms sooner (the host
        // agent's own gathering enumerates interfaces and binds sockets, ~1 ms in a debug build)
        // and the srflx and relay times carry less local overhead; host candidates follow at once.
        startMicroseconds = MainLoopThread.nowMicroseconds()
        for slot in toStart where !finishing {
            guard let agent = slot.agent, agent.gather() else {
                slot.conclude(.failed, finishedMs: 0, note: "libnice could not start gathering for this server")
                if let outcome = slot.outcome { continuation.yield(.serverFinished(outcome)) }
                continue
            }
        }
        if !finishing, let hostAgent, !hostAgent.gather() {
            hostDone = true
            warnings.append("libnice could not gather host candidates (no usable local address?)")
        }
        guard !finishing else { return }   // everything may have ended synchronously
        deadlineSource = loop.addTimeout(milliseconds: plan.deadlineMs) { [unowned self] in
            deadlineSource = 0
            finish()
        }
        checkComplete()
    }

    /// Creates and configures the agent for one server; false when libnice refused it.
    private func configure(_ slot: ServerSlot, address: String) -> Bool {
        slot.resolvedAddress = address
        guard let agent = NiceAgentHandle(context: loop.context, settings: settings) else {
            slot.conclude(.failed, finishedMs: nil, note: "libnice could not create an agent")
            return false
        }
        slot.agent = agent
        switch slot.server.kind {
        case .stun:
            agent.setStunServer(ip: address, port: slot.server.port)
        case .turn(let transport, let username, let credential):
            guard agent.setRelay(ip: address, port: slot.server.port, username: username,
                                 password: credential.revealed, transport: transport) else {
                slot.conclude(.failed, finishedMs: nil, note: "libnice refused the TURN server settings")
                return false
            }
        case .unsupported:
            return false
        }
        agent.onCandidate = { [unowned self, unowned slot] fields in
            guard fields.typeValue != CandidateType.host.niceValue else { return }   // the host agent reports those
            record(fields, server: slot)
        }
        agent.onGatheringDone = { [unowned self, unowned slot] in
            guard !slot.done else { return }
            concludeFromCandidates(slot)
            if let outcome = slot.outcome { continuation.yield(.serverFinished(outcome)) }
            checkComplete()
        }
        return true
    }

    private func record(_ fields: NiceCandidateFields, server slot: ServerSlot?) {
        guard !finishing else { return }
        let elapsed = (elapsedMs * 1000).rounded() / 1000
        do {
            let candidate = try IceCandidate(nice: fields, server: slot?.server.label, elapsedMs: elapsed)
            if slot == nil, candidate.type != .host { return }
            candidates.append(candidate)
            slot?.candidates.append(candidate)
            continuation.yield(.candidate(candidate))
        } catch {
            warnings.append("ignored a candidate libnice reported: \(error)")
        }
    }

    private func concludeFromCandidates(_ slot: ServerSlot) {
        let finished = (elapsedMs * 1000).rounded() / 1000
        let hasRelay = slot.candidates.contains { $0.type == .relay }
        switch slot.server.kind {
        case .stun:
            if slot.candidates.isEmpty {
                let giveUp = Double(plan.udpGiveUpMs)
                if finished < giveUp * 0.5 {
                    slot.conclude(.noCandidates, finishedMs: finished, note:
                        "no server-reflexive candidate, and libnice finished after \(format(finished)) ms, well before "
                        + "its \(plan.udpGiveUpMs) ms give-up: either the server answered with this host's own address "
                        + "(no NAT; libnice drops a srflx equal to a host candidate) or sending failed locally (e.g. a "
                        + "firewall rejecting UDP); `iceprobe stun` on this server tells which")
                } else {
                    slot.conclude(.noCandidates, finishedMs: finished, note:
                        "no answer: libnice gave up after \(format(finished)) ms "
                        + "(initial timeout \(plan.stunInitialTimeoutMs) ms, \(plan.stunMaxRetransmissions) retransmissions)")
                }
            } else {
                slot.conclude(.candidates, finishedMs: finished, note: nil)
            }
        case .turn(let transport, _, _):
            if hasRelay {
                slot.conclude(.candidates, finishedMs: finished, note: nil)
            } else {
                let giveUp = Double(transport == .udp ? plan.udpGiveUpMs : plan.stunReliableTimeoutMs)
                let why = finished >= giveUp * 0.5
                    ? "no answer: libnice gave up after \(format(finished)) ms"
                    : "ended after \(format(finished)) ms, well before libnice's \(Int(giveUp)) ms give-up: the server "
                      + "refused the connection or answered with an error (401 wrong credentials, 403 forbidden, "
                      + "486 quota...), or sending failed locally"
                slot.conclude(slot.candidates.isEmpty ? .noCandidates : .candidates, finishedMs: finished, note:
                    "no relay candidate; \(why). libnice does not report which; `iceprobe gather`'s TURN check "
                    + "(or `iceprobe turn` on this server) names the reason")
            }
            if transport == .tls {
                slot.outcome?.notes.append("libnice sends plain TCP for turns: servers (its TLS relay type is not TLS); "
                                           + "this result does not show that TURN over TLS works")
            }
        case .unsupported:
            break
        }
    }

    private func checkComplete() {
        guard !finishing, hostDone, slots.allSatisfy(\.done) else { return }
        completeMs = (elapsedMs * 1000).rounded() / 1000
        finish()
    }

    /// Ends the run: names servers still gathering, closes every agent (bounded by the plan's
    /// shutdown timeout), yields the report, then stops the loop.
    private func finish() {
        guard !finishing else { return }
        finishing = true
        loop.cancelTimeout(deadlineSource)
        deadlineSource = 0
        let now = (elapsedMs * 1000).rounded() / 1000
        for slot in slots where !slot.done {
            if cancelled {
                slot.conclude(.deadline, finishedMs: nil, note: "the run was cancelled after \(format(now)) ms")
                slot.outcome?.heldGatheringMs = now
            } else {
                slot.conclude(.deadline, finishedMs: nil, note:
                    "still gathering at the \(plan.deadlineMs) ms deadline: this server held gathering up for the whole deadline")
                slot.outcome?.heldGatheringMs = Double(plan.deadlineMs)
            }
            if let outcome = slot.outcome { continuation.yield(.serverFinished(outcome)) }
        }

        let agents = ([hostAgent] + slots.map(\.agent)).compactMap { $0 }
        var open = agents.count
        var shutdownSource: UInt32 = 0
        let done: () -> Void = { [unowned self] in
            loop.cancelTimeout(shutdownSource)
            let report = GatheringReport(candidates: candidates, servers: slots.compactMap(\.outcome),
                                         gatheringCompleteMs: cancelled ? nil : completeMs,
                                         deadlineMs: plan.deadlineMs, cancelled: cancelled, warnings: warnings)
            continuation.yield(.finished(report))
            if plan.debug { NiceLogging.endDebug() }
            NiceLogging.unregisterSecrets(secrets)
            loop.quit()
        }
        if open == 0 { done(); return }
        var ended = false
        shutdownSource = loop.addTimeout(milliseconds: plan.shutdownTimeoutMs) { [unowned self] in
            shutdownSource = 0
            guard !ended else { return }
            ended = true
            for agent in agents where agent.isClosed { agent.abandon() }
            warnings.append("\(open) agent(s) did not close within \(plan.shutdownTimeoutMs) ms; released anyway")
            done()
        }
        for agent in agents {
            agent.close {
                open -= 1
                if open == 0, !ended {
                    ended = true
                    done()
                }
            }
        }
    }

    private func format(_ ms: Double) -> String {
        String(Int(ms.rounded()))
    }
}
