import ProbeTransport

/// One two-agent connectivity check (see ``ConnectivityCheck``). Each agent runs on its own
/// ``MainLoopThread`` so each side can live in its own network namespace (a client behind each
/// NAT). The left loop is "home": every decision and every mutable property of the session is
/// handled there; the right agent is created, gathers, takes the remote candidates and closes on
/// its own thread (so its sockets are made in its namespace) and reports back by hopping to home.
final class ConnectivitySession: @unchecked Sendable {
    private let plan: ConnectivityPlan
    private let leftAddresses: [(IceServer, String)]
    private let rightAddresses: [(IceServer, String)]
    private let home: MainLoopThread
    private let away: MainLoopThread
    private let continuation: CheckedContinuation<ConnectivityReport, Never>
    /// Written on home before the loops stop; read by whichever loop thread exits last.
    private let outcome = Locked<(report: ConnectivityReport?, exited: Int, threads: Int)>((nil, 0, 2))

    // Home-loop state.
    private var left: NiceAgentHandle?
    private var right: NiceAgentHandle?
    private var gathered = Set<Int>()
    private var ready = Set<Int>()
    /// Last libnice component state per side (for the timeout message).
    private var states: [UInt32] = [0, 0]
    private var candidateCounts = [0, 0]
    private var startMicroseconds: Int64 = 0
    private var checksStartedMs: Double?
    private var remoteAdded: [Int?] = [nil, nil]
    private var selected: (IceCandidate, IceCandidate)?
    /// When the controlling agent first reported a selected pair (media could flow from then on).
    private var firstSelectedMs: Double?
    /// The controlling agent reported a selected pair since the last (re)start.
    private var selectedThisAttempt = false
    private var restarts = 0
    /// Between an ICE restart and the new exchange: a FAILED that either agent signalled before
    /// it was restarted (already queued on this loop) belongs to the old attempt and is ignored.
    private var restartPending = false
    private var firstAttemptFailure: String?
    private var finishing = false
    private var deadlineSource: UInt32 = 0

    init(plan: ConnectivityPlan, left: [(IceServer, String)], right: [(IceServer, String)],
         continuation: CheckedContinuation<ConnectivityReport, Never>) {
        self.plan = plan
        self.home = MainLoopThread(networkNamespace: plan.left.networkNamespace)
        self.away = MainLoopThread(networkNamespace: plan.right.networkNamespace)
        self.leftAddresses = left
        self.rightAddresses = right
        self.continuation = continuation
    }

    func start() {
        let onExit: @Sendable () -> Void = { [self] in
            let result = outcome.withLock { state -> ConnectivityReport?? in
                state.exited += 1
                return state.exited == state.threads ? .some(state.report) : .none
            }
            if let result {
                continuation.resume(returning: result ?? failure(.setupFailed, "the check ended without a result"))
            }
        }
        guard home.start(onExit: onExit) else {
            continuation.resume(returning: failure(.setupFailed, "could not start the GLib main-loop thread"))
            return
        }
        guard away.start(onExit: onExit) else {
            outcome.withLock { $0.threads = 1 }
            home.invoke { [self] in finish(failure(.setupFailed, "could not start the second GLib main-loop thread")) }
            return
        }
        home.invoke { [self] in begin() }
    }

    private var elapsedMs: Double {
        (Double(MainLoopThread.nowMicroseconds() - startMicroseconds) / 1000 * 1000).rounded() / 1000
    }

    private func failure(_ state: ConnectivityState, _ detail: String) -> ConnectivityReport {
        ConnectivityReport(state: state, checksStartedMs: checksStartedMs, selectedPairMs: firstSelectedMs,
                           connectedMs: nil, localCandidate: nil,
                           remoteCandidate: nil, leftCandidateCount: candidateCounts[0],
                           rightCandidateCount: candidateCounts[1], deadlineMs: plan.deadlineMs,
                           detail: detail + restartNote, iceRestarts: restarts,
                           firstAttemptFailure: firstAttemptFailure)
    }

    /// Appended to the detail when an ICE restart was made.
    private var restartNote: String {
        guard let firstAttemptFailure else { return "" }
        return " (after \(restarts) ICE restart\(restarts == 1 ? "" : "s"); first attempt: \(firstAttemptFailure))"
    }

    /// The TURN passwords of both sides, redacted from libnice's log output while the check runs.
    private var secrets: [String] { plan.left.turnPasswords + plan.right.turnPasswords }

    private var debug: Bool { plan.left.debug || plan.right.debug }

    /// Creates an agent on the calling loop thread. Its callbacks run there and hop to home.
    private func makeAgent(side: Int, loop: MainLoopThread) -> NiceAgentHandle? {
        let gathering = side == 0 ? plan.left : plan.right
        let settings = NiceAgentHandle.Settings(
            controlling: side == 0, stunInitialTimeoutMs: gathering.stunInitialTimeoutMs,
            stunMaxRetransmissions: gathering.stunMaxRetransmissions,
            stunReliableTimeoutMs: gathering.stunReliableTimeoutMs, pacingMs: plan.checkPacingMs,
            includeTCP: gathering.includeTCP,
            localAddresses: gathering.localAddresses)
        guard let agent = NiceAgentHandle(context: loop.context, settings: settings) else { return nil }
        if !debug { NiceLogging.quietLibnice() }   // libnice reads NICE_DEBUG on its first agent
        if side == 0 ? plan.forceRelayLeft : plan.forceRelayRight { agent.forceRelay() }
        let servers = side == 0 ? leftAddresses : rightAddresses
        // With a TURN server, the Allocate's XOR-MAPPED-ADDRESS already gives the srflx candidate,
        // and a STUN server in the same agent makes libnice finish gathering about 2 s late (its
        // Binding response after the Allocate is dropped): so STUN only when there is no TURN.
        let hasTURN = servers.contains { if case .turn = $0.0.kind { true } else { false } }
        var stunSet = hasTURN
        for (server, address) in servers {
            switch server.kind {
            case .stun where !stunSet:
                agent.setStunServer(ip: address, port: server.port)
                stunSet = true
            case .turn(let transport, let username, let credential):
                _ = agent.setRelay(ip: address, port: server.port, username: username,
                                   password: credential.revealed, transport: transport)
            default:
                break
            }
        }
        let home = self.home
        agent.onCandidate = { [unowned self] _ in home.invoke { self.candidateCounts[side] += 1 } }
        agent.onGatheringDone = { [unowned self] in
            home.invoke {
                self.gathered.insert(side)
                self.exchangeIfGathered()
            }
        }
        agent.onStateChanged = { [unowned self] state in home.invoke { self.stateChanged(side: side, state: state) } }
        if side == 0 {
            agent.onSelectedPair = { [unowned self] local, remote in
                guard let l = try? IceCandidate(nice: local, server: nil, elapsedMs: elapsedMs),
                      let r = try? IceCandidate(nice: remote, server: nil, elapsedMs: elapsedMs) else { return }
                selected = (l, r)
                selectedThisAttempt = true
                let first = firstSelectedMs == nil
                if first { firstSelectedMs = elapsedMs }
                if first, plan.injectControlledFailureOnFirstSelection {
                    home.invoke { self.stateChanged(side: 1, state: 5) }
                }
                checkConnected()
            }
        }
        return agent
    }

    // MARK: home loop

    private func begin() {
        NiceLogging.install()
        NiceLogging.registerSecrets(secrets)
        if debug { NiceLogging.beginDebug() } else { NiceLogging.quietLibnice() }
        startMicroseconds = MainLoopThread.nowMicroseconds()
        deadlineSource = home.addTimeout(milliseconds: plan.deadlineMs) { [unowned self] in
            deadlineSource = 0
            let names = ["disconnected", "gathering", "connecting", "connected", "ready", "failed"]
            func name(_ state: UInt32) -> String { Int(state) < names.count ? names[Int(state)] : "state \(state)" }
            let phase = checksStartedMs == nil ? "still gathering"
                : "checks still running: left \(name(states[0])), right \(name(states[1])), "
                  + (selected == nil ? "no pair selected" : "a pair selected")
            finish(failure(.timedOut, "no connection within the \(plan.deadlineMs) ms deadline (\(phase))"))
        }
        if let problem = home.namespaceError {
            finish(failure(.setupFailed, "left side: \(problem)"))
            return
        }
        guard let left = makeAgent(side: 0, loop: home) else {
            finish(failure(.setupFailed, "libnice could not create the left agent"))
            return
        }
        self.left = left
        let away = self.away
        away.invoke { [unowned self] in
            if let problem = away.namespaceError {
                home.invoke { self.finish(self.failure(.setupFailed, "right side: \(problem)")) }
                return
            }
            let agent = makeAgent(side: 1, loop: away)
            let started = agent?.gather() ?? false
            home.invoke {
                self.right = agent
                guard agent != nil, started else {
                    self.finish(self.failure(.setupFailed, "libnice could not create the right agent or start it gathering"))
                    return
                }
                self.exchangeIfGathered()   // its gathering may have finished before this hop arrived
            }
        }
        guard left.gather() else {
            finish(failure(.setupFailed, "libnice could not start gathering on the left (no usable local address?)"))
            return
        }
    }

    private func exchangeIfGathered() {
        // Both handles must be known here: the right one arrives by a hop that can come after its
        // gathering finished, and this is called again then.
        guard !finishing, gathered.count == 2, checksStartedMs == nil, left != nil, right != nil else { return }
        checksStartedMs = elapsedMs
        exchange()
    }

    /// Gives each agent the other's credentials and candidates (at the start, and after a restart).
    private func exchange() {
        guard !finishing, let left, let right else { return }
        remoteAdded = [nil, nil]
        remoteAdded[0] = left.takeRemote(from: right) ?? -1
        away.invoke { [unowned self] in
            let added = right.takeRemote(from: left) ?? -1
            home.invoke {
                self.remoteAdded[1] = added
                self.checkExchange()
            }
        }
        checkExchange()
    }

    private func checkExchange() {
        guard !finishing, let toLeft = remoteAdded[0], let toRight = remoteAdded[1] else { return }
        restartPending = false
        if toLeft < 0 || toRight < 0 {
            finish(failure(.setupFailed, "libnice refused the exchanged credentials or candidates"))
        } else if toLeft == 0 || toRight == 0 {
            finish(failure(.setupFailed, "a side has no candidate to check (left offered \(candidateCounts[0]), "
                           + "right offered \(candidateCounts[1]))"))
        }
    }

    private func stateChanged(side: Int, state: UInt32) {
        guard !finishing else { return }
        states[side] = state
        switch state {
        case 4:   // NICE_COMPONENT_STATE_READY
            ready.insert(side)
            checkConnected()
        case 5:   // NICE_COMPONENT_STATE_FAILED
            if restartPending { return }
            let who = side == 0 ? "controlling (left)" : "controlled (right)"
            let at = Int(elapsedMs.rounded())
            switch ConnectivityRecovery.onAgentFailed(pairSelectedThisAttempt: selectedThisAttempt,
                                                      restartsSoFar: restarts, maxRestarts: plan.maxIceRestarts) {
            case .restart:
                let when = firstSelectedMs.map { " although a pair had been selected after \(Int($0.rounded())) ms" } ?? ""
                restartICE(reason: "the \(who) agent failed at \(at) ms\(when)")
            case .finish:
                var detail = "ICE checks failed on the \(who) agent at \(at) ms: no candidate pair worked"
                if selectedThisAttempt, let selected = firstSelectedMs {
                    // One agent gave up although a pair had been selected, and no restart is left.
                    detail += "; but a pair had been selected after \(Int(selected.rounded())) ms, so paths did "
                        + "work for a moment: run it again before concluding that peer-to-peer fails"
                }
                finish(failure(.failed, detail))
            }
        default:
            break
        }
    }

    /// ICE restart on both agents (each on its own loop), then a new exchange of credentials and
    /// candidates. The deadline keeps running: a restart never extends the check.
    private func restartICE(reason: String) {
        guard !finishing, let left, let right else { return }
        if firstAttemptFailure == nil { firstAttemptFailure = reason }
        restarts += 1
        restartPending = true
        ready.removeAll()
        selected = nil
        selectedThisAttempt = false
        states = [0, 0]
        guard left.restart() else {
            finish(failure(.failed, "ICE restart refused by libnice on the left after \(reason)"))
            return
        }
        away.invoke { [unowned self] in
            let restarted = right.restart()
            home.invoke {
                guard restarted else {
                    self.finish(self.failure(.failed, "ICE restart refused by libnice on the right after \(reason)"))
                    return
                }
                self.exchange()
            }
        }
    }

    private func checkConnected() {
        guard !finishing, ready.count == 2, let (local, remote) = selected else { return }
        let connected = elapsedMs
        let selectedText = firstSelectedMs.map { " (a pair was selected after \(Int($0.rounded())) ms)" } ?? ""
        let detail = "connected after \(Int(connected.rounded())) ms\(selectedText) via \(local.type.rawValue) (left, "
            + "\(local.transport.rawValue)) to \(remote.type.rawValue) (right)"
            + (local.type == .relay || remote.type == .relay ? ": the path needs a TURN relay" : ": a direct path")
        finish(ConnectivityReport(state: .connected, checksStartedMs: checksStartedMs, selectedPairMs: firstSelectedMs,
                                  connectedMs: connected,
                                  localCandidate: local, remoteCandidate: remote,
                                  leftCandidateCount: candidateCounts[0], rightCandidateCount: candidateCounts[1],
                                  deadlineMs: plan.deadlineMs, detail: detail + restartNote, iceRestarts: restarts,
                                  firstAttemptFailure: firstAttemptFailure))
    }

    /// Stores the result, closes both agents, each on its own thread (bounded by the left plan's
    /// shutdown timeout), and stops both loops; the continuation resumes when both threads exit.
    private func finish(_ result: ConnectivityReport) {
        guard !finishing else { return }
        finishing = true
        outcome.withLock { $0.report = result }
        home.cancelTimeout(deadlineSource)
        deadlineSource = 0
        var open = (left == nil ? 0 : 1) + (right == nil ? 0 : 1)
        var ended = false
        var shutdownSource: UInt32 = 0
        let done: () -> Void = { [unowned self] in
            home.cancelTimeout(shutdownSource)
            if debug { NiceLogging.endDebug() }
            NiceLogging.unregisterSecrets(secrets)
            away.quit()
            home.quit()
        }
        let closed: () -> Void = {
            open -= 1
            if open == 0, !ended {
                ended = true
                done()
            }
        }
        if open == 0 { done(); return }
        let left = self.left
        let right = self.right
        shutdownSource = home.addTimeout(milliseconds: plan.left.shutdownTimeoutMs) { [away] in
            shutdownSource = 0
            guard !ended else { return }
            ended = true
            left?.abandon()
            away.invoke { right?.abandon() }
            done()
        }
        left?.close { closed() }
        if let right {
            let home = self.home
            away.invoke {
                right.close { home.invoke { closed() } }
            }
        }
    }
}
