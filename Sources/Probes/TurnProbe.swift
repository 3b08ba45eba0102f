import ProbeTransport
import StunWire

/// The TURN probe: resolve, connect (TCP/TLS), Allocate with the credential, follow 300
/// redirects (loop guard), Refresh, then the relay check (a second allocation as the peer,
/// ChannelBind on the client's side and CreatePermission on the peer's, a burst of packets relay to
/// relay and echoed back), and always delete every allocation at the end (Refresh LIFETIME 0),
/// also when a step failed. Returns a ``TurnObservation``; never prints, never throws.
///
/// Time bound: the whole attempt ends by ``TurnProbeConfiguration/timeout`` (default 5 s) after
/// its start. The work stops `min(1 s, timeout / 5)` before that, and that reserve is spent on
/// deallocation (at least 250 ms even when the work overran).
public enum TurnProbe {
    /// Channel number the client binds to the peer relay.
    static let relayChannel: UInt16 = 0x4000
    /// Longest wait for one echo in the relay burst.
    static let maximumEchoWait = Nanoseconds.milliseconds(1000)

    /// Runs every configuration concurrently; results in the order given.
    public static func runAll(_ configurations: [TurnProbeConfiguration]) async -> [TurnObservation] {
        await withTaskGroup(of: (Int, TurnObservation).self) { group in
            for (index, configuration) in configurations.enumerated() {
                group.addTask { (index, await run(configuration)) }
            }
            var results = [TurnObservation?](repeating: nil, count: configurations.count)
            for await (index, observation) in group { results[index] = observation }
            return results.compactMap { $0 }
        }
    }

    public static func run(_ configuration: TurnProbeConfiguration) async -> TurnObservation {
        let clock = SystemClock()
        let start = clock.now
        let end = start.addingSaturating(configuration.timeout)
        let reserve = min(Nanoseconds.milliseconds(1000), configuration.timeout / 5)
        let workDeadline = end.subtractingSaturating(reserve)
        var observation = TurnObservation(server: configuration.server.description, transport: configuration.transport,
                                          hadCredential: configuration.credential != nil,
                                          username: configuration.credential?.username)
        var clients: [TurnClient] = []

        await attempt(configuration, deadline: workDeadline, observation: &observation, clients: &clients)

        // Always delete what was allocated, and close every connection.
        let cleanupDeadline = max(end, clock.now.addingSaturating(Nanoseconds.milliseconds(250)))
        await release(clients, deadline: cleanupDeadline, observation: &observation)
        observation.duration = clock.elapsed(since: start)
        return observation
    }

    /// Deletes every allocation of `clients` (concurrently, by `deadline`), closes their
    /// connections, and records the outcome and the 438 retries in `observation`.
    static func release(_ clients: [TurnClient], deadline: UInt64, observation: inout TurnObservation) async {
        var allDeleted: Bool?
        await withTaskGroup(of: Bool?.self) { group in
            for client in clients {
                group.addTask {
                    let had = await client.allocation != nil
                    let deleted = await client.deallocate(deadline: deadline)
                    await client.close()
                    return had ? deleted : nil
                }
            }
            for await deleted in group {
                guard let deleted else { continue }
                allDeleted = (allDeleted ?? true) && deleted
            }
        }
        observation.deallocated = allDeleted
        // Every 438 retry of every request of this attempt (Allocate, Refresh, permissions, deletion).
        var staleNonceRetries = 0
        for client in clients { staleNonceRetries += await client.staleNonceRetries }
        observation.staleNonceRetries = staleNonceRetries
        if allDeleted == false {
            observation.message += (observation.message.isEmpty ? "" : " ") + "Deallocation was not confirmed."
        }
    }

    static func fail(_ observation: inout TurnObservation, stage: TurnStage, _ result: TurnRequestResult,
                             what: String) {
        observation.failedStage = stage
        switch result {
        case .success:
            break
        case .errorResponse(let code, let reason, _):
            observation.errorCode = code
            observation.errorReason = reason.isEmpty ? nil : reason
            observation.message = "\(what): the server answered \(code)" + (reason.isEmpty ? "" : " (\(reason))") + "."
        case .transportFailure(let error):
            observation.transportError = error
            observation.message = "\(what): \(error.message)."
        case .malformed(let detail):
            observation.malformedResponse = true
            observation.message = "\(what): \(detail)."
        }
    }

    /// How to reach the server an allocation was made on, for further connections to it: its
    /// address (after redirects), the TLS name, and the proxy route with the host it tunnels to.
    struct ServerPath: Sendable {
        var target: TransportAddress
        var serverName: String
        var route: TurnProxyRoute?
        var tunnelHost: String
    }

    private static func attempt(_ configuration: TurnProbeConfiguration, deadline: UInt64,
                                observation: inout TurnObservation, clients: inout [TurnClient]) async {
        guard let (primary, path) = await allocatePrimary(configuration, deadline: deadline,
                                                            observation: &observation, clients: &clients) else { return }
        guard configuration.relayCheck, let relayed = observation.allocation?.relayedAddress else {
            observation.message = "Allocated \(observation.allocation.map { "\($0.relayedAddress)" } ?? "a relay")."
            return
        }
        await relayCheck(configuration, path: path, primary: primary, relayed: relayed,
                         deadline: deadline, observation: &observation, clients: &clients)
    }

    /// Resolves, connects (directly or through the proxy), allocates (following redirects) and
    /// refreshes once: the client holding the allocation (in `observation.allocation`) and the
    /// path to its server; nil after a failure, which `observation` names.
    static func allocatePrimary(_ configuration: TurnProbeConfiguration, deadline: UInt64,
                                observation: inout TurnObservation,
                                clients: inout [TurnClient]) async -> (TurnClient, ServerPath)? {
        let server = configuration.server
        // Through a proxy (TCP/TLS): the proxy resolves the server's name; the proxy's own name is
        // resolved here, and a proxy that cannot be resolved is unreachable.
        var route: TurnProxyRoute?
        if let proxy = configuration.proxy, configuration.transport != .udp {
            let proxyName = proxy.host.contains(":") ? "[\(proxy.host)]:\(proxy.port)" : "\(proxy.host):\(proxy.port)"
            guard let address = try? await DNSResolver.resolve(host: proxy.host, port: proxy.port, deadline: deadline).first else {
                fail(&observation, stage: .connect,
                     .transportFailure(TransportError(.proxy(.unreachable), "the proxy name \(proxy.host) does not resolve")),
                     what: "Connecting to the proxy \(proxyName)")
                return nil
            }
            route = TurnProxyRoute(address: address, name: proxyName)
            observation.proxy = proxyName
        }
        var target: TransportAddress
        if route != nil {
            target = TransportAddress(ip: IPAddress("0.0.0.0")!, port: server.port)   // placeholder: the proxy resolves
        } else {
            let resolved: [TransportAddress]
            do {
                resolved = try await DNSResolver.resolve(host: server.host, port: server.port, deadline: deadline)
            } catch {
                fail(&observation, stage: .resolve, .transportFailure(error), what: "Resolving \(server.host)")
                return nil
            }
            guard let first = resolved.first else {
                fail(&observation, stage: .resolve, .transportFailure(TransportError(.dns, "no address for \(server.host)")),
                     what: "Resolving \(server.host)")
                return nil
            }
            target = first
        }
        var tunnelHost = server.host
        var serverName = server.host
        var visited: Set<TransportAddress> = [target]
        let primary: TurnClient
        while true {
            if route == nil { observation.resolvedAddress = target.description }
            let tls = TLSOptions(serverName: serverName, caFile: configuration.caFile, insecure: configuration.insecure)
            let opened = await TurnChannel.open(transport: configuration.transport, server: target, tls: tls, deadline: deadline,
                                                proxy: route, tunnelHost: tunnelHost)
            let channel: TurnChannel
            switch opened {
            case .failure(let failure):
                observation.connect = failure.timings.connect
                observation.tlsHandshake = failure.timings.tlsHandshake
                let stage: TurnStage = configuration.transport == .tls && failure.timings.connect != nil ? .tlsHandshake : .connect
                let peer = route.map { "\(tunnelHost):\(target.port) through the proxy \($0.name)" } ?? target.description
                fail(&observation, stage: stage, .transportFailure(failure.error),
                     what: stage == .tlsHandshake ? "TLS handshake with \(peer)" : "Connecting to \(peer) over \(configuration.transport)")
                return nil
            case .success(let (opened, timings)):
                channel = opened
                observation.connect = timings.connect
                observation.tlsHandshake = timings.tlsHandshake
                observation.tlsVersion = timings.tlsVersion
            }
            observation.localAddress = channel.localAddress.description
            let client = TurnClient(channel: channel, credential: configuration.credential)
            clients.append(client)
            let outcome = await client.allocate(lifetime: configuration.lifetime, deadline: deadline)
            observation.challenged = outcome.challenged
            observation.authenticated = outcome.authenticated
            observation.passwordAlgorithm = outcome.passwordAlgorithm
            observation.allocate = outcome.rtt ?? outcome.elapsed
            if let allocation = outcome.allocation {
                observation.allocation = allocation
                primary = client
                break
            }
            let failure = outcome.failure ?? .malformed("no answer")
            if failure.errorCode == ErrorCode.tryAlternate, let alternate = outcome.alternateServer {
                if visited.contains(alternate) || observation.redirects.count >= configuration.maximumRedirects {
                    observation.redirectLoop = true
                    observation.redirects.append(alternate.description)
                    fail(&observation, stage: .allocate, failure, what: "Allocate at \(target)")
                    observation.message += " Redirect to \(alternate) refused: "
                        + (visited.contains(alternate) ? "already tried (loop)." : "more than \(configuration.maximumRedirects) redirects.")
                    return nil
                }
                observation.redirects.append(alternate.description)
                visited.insert(alternate)
                target = alternate
                tunnelHost = alternate.ip.description
                if let domain = outcome.alternateDomain, !domain.isEmpty { serverName = domain }
                await client.close()
                continue
            }
            if failure.errorCode == ErrorCode.unauthorized && !outcome.authenticated && configuration.credential == nil {
                fail(&observation, stage: .allocate, failure, what: "Allocate without credentials")
            } else {
                fail(&observation, stage: .allocate, failure, what: "Allocate at \(target)")
            }
            return nil
        }

        // Refresh once (exercises the authenticated Refresh and keeps the allocation alive).
        let refresh = await primary.refresh(lifetime: configuration.lifetime, deadline: deadline)
        observation.refreshed = refresh.succeeded
        if !refresh.succeeded {
            fail(&observation, stage: .refresh, refresh, what: "Refresh")
            return nil
        }
        return (primary, ServerPath(target: target, serverName: serverName, route: route, tunnelHost: tunnelHost))
    }

    /// Allocates a second relay on the same server as the peer (a new connection from this
    /// computer, the same way), binds ``relayChannel`` on `primary` to it, and lets the peer reach
    /// `relayed`: a ChannelBind on `peerChannel` when given, else a CreatePermission. The peer
    /// client and its relayed address; nil after a failure, which `observation` names (prefixed
    /// with `what`).
    static func allocatePeer(_ configuration: TurnProbeConfiguration, path: ServerPath, primary: TurnClient,
                             relayed: TransportAddress, peerChannel: UInt16?, deadline: UInt64,
                             observation: inout TurnObservation, clients: inout [TurnClient],
                             what: String) async -> (TurnClient, TransportAddress)? {
        let tls = TLSOptions(serverName: path.serverName, caFile: configuration.caFile, insecure: configuration.insecure)
        let opened = await TurnChannel.open(transport: configuration.transport, server: path.target, tls: tls, deadline: deadline,
                                            proxy: path.route, tunnelHost: path.tunnelHost)
        let channel: TurnChannel
        switch opened {
        case .failure(let failure):
            fail(&observation, stage: .peerAllocate, .transportFailure(failure.error), what: "\(what): connecting the peer")
            return nil
        case .success(let (opened, _)):
            channel = opened
        }
        let peer = TurnClient(channel: channel, credential: configuration.credential)
        clients.append(peer)
        let peerOutcome = await peer.allocate(lifetime: configuration.lifetime, deadline: deadline)
        guard let peerAllocation = peerOutcome.allocation else {
            observation.authenticated = peerOutcome.authenticated
            fail(&observation, stage: .peerAllocate, peerOutcome.failure ?? .malformed("no answer"),
                 what: "\(what): the second (peer) allocation")
            return nil
        }
        let peerRelayed = peerAllocation.relayedAddress
        let bind = await primary.bindChannel(relayChannel, to: peerRelayed, deadline: deadline)
        guard bind.succeeded else {
            fail(&observation, stage: .permission, bind, what: "\(what): ChannelBind to the peer relay \(peerRelayed)")
            return nil
        }
        if let peerChannel {
            let peerBind = await peer.bindChannel(peerChannel, to: relayed, deadline: deadline)
            guard peerBind.succeeded else {
                fail(&observation, stage: .permission, peerBind, what: "\(what): ChannelBind from the peer to \(relayed)")
                return nil
            }
        } else {
            let permission = await peer.createPermission(for: [relayed], deadline: deadline)
            guard permission.succeeded else {
                fail(&observation, stage: .permission, permission, what: "\(what): CreatePermission for \(relayed)")
                return nil
            }
        }
        return (peer, peerRelayed)
    }

    private static func relayCheck(_ configuration: TurnProbeConfiguration, path: ServerPath,
                                   primary: TurnClient, relayed: TransportAddress, deadline: UInt64,
                                   observation: inout TurnObservation, clients: inout [TurnClient]) async {
        var check = TurnRelayCheck()
        defer { observation.relay = check }
        guard let (peer, peerRelayed) = await allocatePeer(configuration, path: path, primary: primary, relayed: relayed,
                                                           peerChannel: nil, deadline: deadline, observation: &observation,
                                                           clients: &clients, what: "Relay check") else { return }
        check.peerRelayedAddress = peerRelayed.description

        // The peer echoes every packet from the client's relay back with a Send indication.
        let echo = Task {
            while !Task.isCancelled {
                guard let data = try? await peer.receiveData(deadline: deadline) else { return }
                if data.peer == relayed {
                    try? await peer.sendIndication(data.payload, to: relayed, deadline: deadline)
                }
            }
        }
        defer { echo.cancel() }

        let clock = SystemClock()
        let marker = Array("iceprobe-relay".utf8)
        var echoWait = maximumEchoWait
        burst: for sequence in 0..<configuration.relayPackets {
            if clock.now >= deadline { break }
            let payload = marker + [UInt8(truncatingIfNeeded: sequence >> 8), UInt8(truncatingIfNeeded: sequence)]
            let sentAt = clock.now
            do {
                try await primary.sendChannelData(payload, channel: relayChannel, deadline: deadline)
            } catch {
                fail(&observation, stage: .relay, .transportFailure(error), what: "Relay check: sending through the relay")
                break burst
            }
            check.sent += 1
            let waitUntil = min(sentAt.addingSaturating(echoWait), deadline)
            while true {
                let data: TurnClient.PeerData?
                do {
                    data = try await primary.receiveData(deadline: waitUntil)
                } catch {
                    fail(&observation, stage: .relay, .transportFailure(error), what: "Relay check: receiving through the relay")
                    break burst
                }
                guard let data else { break }
                if data.peer == peerRelayed && data.payload == payload {
                    let rtt = data.receivedAt.subtractingSaturating(sentAt)
                    check.received += 1
                    check.roundTrips.append(rtt)
                    // Later packets wait at most 3 x the slowest round trip seen (at least 200 ms).
                    let slowest = check.roundTrips.max() ?? rtt
                    echoWait = min(maximumEchoWait, max(Nanoseconds.milliseconds(200), slowest.multipliedSaturating(by: 3)))
                    break
                }
            }
        }
        echo.cancel()
        _ = await echo.value
        if observation.failedStage == nil {
            if check.received == 0 {
                observation.failedStage = .relay
                observation.message = "Allocated \(relayed), but none of \(check.sent) packet(s) came back through the relays."
            } else {
                let loss = check.lossPercent ?? 0
                observation.message = "Allocated \(relayed); \(check.received) of \(check.sent) packet(s) went relay to relay "
                    + "(\(relayed) <-> \(peerRelayed)) and back" + (loss > 0 ? " (\(Int(loss.rounded())) % lost)." : ".")
            }
        }
    }
}

extension TurnProbe {
    /// Resolves, connects and allocates like ``run(_:)`` (no redirects, no relay check) and returns
    /// the client holding the allocation, or nil when it could not allocate. The caller must call
    /// ``TurnClient/deallocate(deadline:)`` and ``TurnClient/close()``. Bounded by the
    /// configuration's timeout.
    public static func holdAllocation(_ configuration: TurnProbeConfiguration) async -> TurnClient? {
        let deadline = SystemClock().now.addingSaturating(configuration.timeout)
        let server = configuration.server
        guard let target = try? await DNSResolver.resolve(host: server.host, port: server.port, deadline: deadline).first else {
            return nil
        }
        let tls = TLSOptions(serverName: server.host, caFile: configuration.caFile, insecure: configuration.insecure)
        guard case .success(let (channel, _)) = await TurnChannel.open(transport: configuration.transport, server: target,
                                                                       tls: tls, deadline: deadline) else { return nil }
        let client = TurnClient(channel: channel, credential: configuration.credential)
        let outcome = await client.allocate(lifetime: configuration.lifetime, deadline: deadline)
        if outcome.allocation == nil {
            await client.close()
            return nil
        }
        return client
    }
}
