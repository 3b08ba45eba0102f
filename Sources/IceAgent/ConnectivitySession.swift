/// One two-agent connectivity check on its own ``MainLoopThread`` (see ``ConnectivityCheck``).
/// After ``start()`` all mutable state is touched only on the loop thread.
final class ConnectivitySession: @unchecked Sendable {
    private let plan: ConnectivityPlan
    private let leftAddresses: [(IceServer, String)]
    private let rightAddresses: [(IceServer, String)]
    private let loop: MainLoopThread
    private let continuation: CheckedContinuation<ConnectivityReport, Never>

    private var left: NiceAgentHandle?
    private var right: NiceAgentHandle?
    private var gathered = Set<Int>()
    private var ready = Set<Int>()
    private var candidateCounts = [0, 0]
    private var startMicroseconds: Int64 = 0
    private var checksStartedMs: Double?
    private var selected: (IceCandidate, IceCandidate)?
    private var finishing = false
    private var deadlineSource: UInt32 = 0
    private var report: ConnectivityReport?

    init(plan: ConnectivityPlan, left: [(IceServer, String)], right: [(IceServer, String)],
         continuation: CheckedContinuation<ConnectivityReport, Never>) {
        self.plan = plan
        self.loop = MainLoopThread(networkNamespace: plan.left.networkNamespace)
        self.leftAddresses = left
        self.rightAddresses = right
        self.continuation = continuation
    }

    func start() {
        let started = loop.start { [self] in
            let result = report ?? failure(.setupFailed, "the check ended without a result")
            continuation.resume(returning: result)
        }
        guard started else {
            continuation.resume(returning: failure(.setupFailed, "could not start the GLib main-loop thread"))
            return
        }
        loop.invoke { [self] in begin() }
    }

    private var elapsedMs: Double {
        (Double(MainLoopThread.nowMicroseconds() - startMicroseconds) / 1000 * 1000).rounded() / 1000
    }

    private func failure(_ state: ConnectivityState, _ detail: String) -> ConnectivityReport {
        ConnectivityReport(state: state, checksStartedMs: checksStartedMs, connectedMs: nil, localCandidate: nil,
                           remoteCandidate: nil, leftCandidateCount: candidateCounts[0],
                           rightCandidateCount: candidateCounts[1], deadlineMs: plan.deadlineMs, detail: detail)
    }

    // MARK: loop thread

    private func makeAgent(side: Int, gathering: GatheringPlan, servers: [(IceServer, String)],
                           forceRelay: Bool) -> NiceAgentHandle? {
        let settings = NiceAgentHandle.Settings(
            controlling: side == 0, stunInitialTimeoutMs: gathering.stunInitialTimeoutMs,
            stunMaxRetransmissions: gathering.stunMaxRetransmissions,
            stunReliableTimeoutMs: gathering.stunReliableTimeoutMs, includeTCP: gathering.includeTCP,
            localAddresses: gathering.localAddresses)
        guard let agent = NiceAgentHandle(context: loop.context, settings: settings) else { return nil }
        if forceRelay { agent.forceRelay() }
        var stunSet = false
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
        agent.onCandidate = { [unowned self] _ in candidateCounts[side] += 1 }
        agent.onGatheringDone = { [unowned self] in
            gathered.insert(side)
            exchangeIfGathered()
        }
        agent.onStateChanged = { [unowned self] state in stateChanged(side: side, state: state) }
        if side == 0 {
            agent.onSelectedPair = { [unowned self] local, remote in
                guard let l = try? IceCandidate(nice: local, server: nil, elapsedMs: elapsedMs),
                      let r = try? IceCandidate(nice: remote, server: nil, elapsedMs: elapsedMs) else { return }
                selected = (l, r)
                checkConnected()
            }
        }
        return agent
    }

    /// The TURN passwords of both sides, redacted from libnice's log output while the check runs.
    private var secrets: [String] {
        (plan.left.servers + plan.right.servers).compactMap { server in
            if case .turn(_, _, let credential) = server.kind { return credential.revealed }
            return nil
        }
    }

    private func begin() {
        NiceLogging.install()
        NiceLogging.registerSecrets(secrets)
        if plan.left.debug || plan.right.debug { NiceLogging.beginDebug() } else { NiceLogging.quietLibnice() }
        if let problem = loop.namespaceError {
            finish(failure(.setupFailed, problem))
            return
        }
        startMicroseconds = MainLoopThread.nowMicroseconds()
        deadlineSource = loop.addTimeout(milliseconds: plan.deadlineMs) { [unowned self] in
            deadlineSource = 0
            let phase = checksStartedMs == nil ? "still gathering" : "checks still running"
            finish(failure(.timedOut, "no connection within the \(plan.deadlineMs) ms deadline (\(phase))"))
        }
        left = makeAgent(side: 0, gathering: plan.left, servers: leftAddresses, forceRelay: plan.forceRelayLeft)
        right = makeAgent(side: 1, gathering: plan.right, servers: rightAddresses, forceRelay: plan.forceRelayRight)
        // libnice reads NICE_DEBUG when its first agent is created; switch it off again unless asked.
        if !(plan.left.debug || plan.right.debug) { NiceLogging.quietLibnice() }
        guard let left, let right else {
            finish(failure(.setupFailed, "libnice could not create the agents"))
            return
        }
        guard left.gather(), right.gather() else {
            finish(failure(.setupFailed, "libnice could not start gathering (no usable local address?)"))
            return
        }
    }

    private func exchangeIfGathered() {
        guard !finishing, gathered.count == 2, checksStartedMs == nil, let left, let right else { return }
        guard let toLeft = left.takeRemote(from: right), let toRight = right.takeRemote(from: left) else {
            finish(failure(.setupFailed, "libnice refused the exchanged credentials or candidates"))
            return
        }
        checksStartedMs = elapsedMs
        if toLeft == 0 || toRight == 0 {
            finish(failure(.setupFailed, "a side has no candidate to check (left offered \(candidateCounts[0]), "
                           + "right offered \(candidateCounts[1]))"))
        }
    }

    private func stateChanged(side: Int, state: UInt32) {
        guard !finishing else { return }
        switch state {
        case 4:   // NICE_COMPONENT_STATE_READY
            ready.insert(side)
            checkConnected()
        case 5:   // NICE_COMPONENT_STATE_FAILED
            let who = side == 0 ? "controlling (left)" : "controlled (right)"
            finish(failure(.failed, "ICE checks failed on the \(who) agent: no candidate pair worked"))
        default:
            break
        }
    }

    private func checkConnected() {
        guard !finishing, ready.count == 2, let (local, remote) = selected else { return }
        let connected = elapsedMs
        let detail = "connected after \(Int(connected.rounded())) ms via \(local.type.rawValue) (left, "
            + "\(local.transport.rawValue)) to \(remote.type.rawValue) (right)"
            + (local.type == .relay || remote.type == .relay ? ": the path needs a TURN relay" : ": a direct path")
        finish(ConnectivityReport(state: .connected, checksStartedMs: checksStartedMs, connectedMs: connected,
                                  localCandidate: local, remoteCandidate: remote,
                                  leftCandidateCount: candidateCounts[0], rightCandidateCount: candidateCounts[1],
                                  deadlineMs: plan.deadlineMs, detail: detail))
    }

    /// Stores the result, closes both agents (bounded by the left plan's shutdown timeout) and
    /// stops the loop; the continuation resumes when the loop thread exits.
    private func finish(_ result: ConnectivityReport) {
        guard !finishing else { return }
        finishing = true
        report = result
        loop.cancelTimeout(deadlineSource)
        deadlineSource = 0
        let agents = [left, right].compactMap { $0 }
        var open = agents.count
        var ended = false
        var shutdownSource: UInt32 = 0
        let done: () -> Void = { [unowned self] in
            loop.cancelTimeout(shutdownSource)
            if plan.left.debug || plan.right.debug { NiceLogging.endDebug() }
            NiceLogging.unregisterSecrets(secrets)
            loop.quit()
        }
        if open == 0 { done(); return }
        shutdownSource = loop.addTimeout(milliseconds: plan.left.shutdownTimeoutMs) {
            shutdownSource = 0
            guard !ended else { return }
            ended = true
            for agent in agents { agent.abandon() }
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
}
