import Testing
import Foundation
@testable import IceAgent
import IceprobeTestSupport
import Credentials

/// Gathering against a real coturn on 127.0.0.1 (agents restricted to the loopback address, which
/// libnice otherwise skips). Without NAT the srflx candidate equals the host candidate and libnice
/// prunes it (lab-notes item 7), so STUN shows up as a server that finished early with no srflx.
@Suite(.serialized) struct LibniceIntegrationTests {
    /// The coturn these tests gather against: listening and relaying on `ip` only (127.0.0.1, or a
    /// test namespace's root-side address), no RFC 5780 (one address), no TLS or DTLS listener;
    /// the harness always adds `allow-loopback-peers` and the static user ``Coturn/Server/username``.
    static func coturn(on ip: String = "127.0.0.1") -> Coturn.Options {
        Coturn.Options(listeningIPs: [ip], rfc5780: false)
    }

    static func stun(port: UInt16) -> IceServer {
        IceServer(label: "stun:127.0.0.1:\(port)", host: "127.0.0.1", port: port, kind: .stun)
    }

    static func turn(_ coturn: Coturn.Server, _ transport: IceServer.RelayTransport,
                     password: String = Coturn.Server.password) -> IceServer {
        let suffix = transport == .udp ? "?transport=udp" : "?transport=tcp"
        let scheme = transport == .tls ? "turns" : "turn"
        return IceServer(label: "\(scheme):127.0.0.1:\(coturn.port)\(suffix)", host: "127.0.0.1", port: coturn.port,
                         kind: .turn(transport, username: Coturn.Server.username, credential: RedactedSecret(password)))
    }

    static func plan(_ servers: [IceServer], deadlineMs: Int = 5000, initial: Int = 500, retransmissions: Int = 3) -> GatheringPlan {
        GatheringPlan(servers: servers, deadlineMs: deadlineMs, stunInitialTimeoutMs: initial,
                      stunMaxRetransmissions: retransmissions, localAddresses: ["127.0.0.1"])
    }

    @Test(.enabled(if: Integration.coturnEnabled, "turnserver (coturn) is not installed"))
    func hostAndRelayCandidatesWithTimings() async throws {
        try await Coturn.withServer(Self.coturn()) { coturn in
            let stun = Self.stun(port: coturn.port)
            let turnUDP = Self.turn(coturn, .udp)
            let turnTCP = Self.turn(coturn, .tcp)
            let started = ContinuousClock.now
            let report = try await Gatherer.gather(Self.plan([stun, turnUDP, turnTCP]))
            let wall = ContinuousClock.now - started

            let hosts = report.candidates.filter { $0.type == .host }
            #expect(hosts.contains { $0.transport == .udp && $0.address == "127.0.0.1" && $0.port != 0 })
            #expect(hosts.contains { $0.transport == .tcpPassive })
            #expect(hosts.allSatisfy { $0.server == nil && $0.relatedAddress == nil })

            let relays = report.candidates.filter { $0.type == .relay }
            #expect(relays.contains { $0.server == turnUDP.label })
            #expect(relays.contains { $0.server == turnTCP.label })
            for relay in relays {
                #expect(relay.transport == .udp)
                #expect(relay.address == "127.0.0.1")
                #expect(relay.relatedAddress != nil)
                #expect(relay.elapsedMs > 0)
            }
            // No NAT: the srflx equals the host address and libnice prunes it.
            #expect(!report.candidates.contains { $0.type == .srflx && $0.transport == .udp })
            let stunOutcome = report.servers.first { $0.server == stun.label }
            #expect(stunOutcome?.status == .noCandidates)
            #expect(stunOutcome?.notes.first?.contains("no NAT") == true)
            #expect(stunOutcome?.notes.first?.contains("well before") == true)
            #expect((stunOutcome?.finishedMs ?? 9999) < 1000)

            for server in [turnUDP, turnTCP] {
                let outcome = report.servers.first { $0.server == server.label }
                #expect(outcome?.status == .candidates)
                #expect(outcome?.resolvedAddress == "127.0.0.1")
                #expect(outcome?.firstCandidateMs.relay != nil)
            }
            let complete = try #require(report.gatheringCompleteMs)
            #expect(complete < 1000)
            #expect(relays.allSatisfy { $0.elapsedMs <= complete })
            #expect(report.firstCandidateMs.host != nil)
            #expect((report.firstCandidateMs.host ?? 9999) < (report.firstCandidateMs.relay ?? 0))
            #expect(report.trickleHeadStartMs != nil)
            #expect(wall < .seconds(3))
            #expect(report.warnings.isEmpty)
            #expect(report.hasServerCandidate)
        }
    }

    @Test(.enabled(if: Integration.coturnEnabled, "turnserver (coturn) is not installed"))
    func wrongCredentialGivesNoRelayAndNeverPrints() async throws {
        try await Coturn.withServer(Self.coturn()) { coturn in
            let bad = Self.turn(coturn, .udp, password: "Wr0ng-Pa55word")
            let report = try await Gatherer.gather(Self.plan([bad]))
            #expect(!report.candidates.contains { $0.type == .relay })
            let outcome = try #require(report.servers.first)
            #expect(outcome.status == .noCandidates)
            #expect(outcome.notes.contains { $0.contains("libnice does not report which") && $0.contains("401") })
            #expect((outcome.finishedMs ?? 9999) < 1000)   // the 401 ends discovery at once
            let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
            #expect(!json.contains("Wr0ng-Pa55word"))
            #expect(!"\(report)".contains("Wr0ng-Pa55word"))
            #expect(!report.hasServerCandidate)
        }
    }

    @Test(.enabled(if: Integration.coturnEnabled, "turnserver (coturn) is not installed"))
    func turnsIsLabelledPlainTCP() async throws {
        try await Coturn.withServer(Self.coturn()) { coturn in
            let report = try await Gatherer.gather(Self.plan([Self.turn(coturn, .tls)]))
            let outcome = try #require(report.servers.first)
            #expect(outcome.transport == "tls")
            #expect(outcome.notes.contains { $0.contains("plain TCP") })
        }
    }

    @Test func silentServerIsNamedWithHowLongItHeldGathering() async throws {
        let silent = try SilentUDPServer()
        defer { silent.stop() }
        let plan = Self.plan([Self.stun(port: silent.port)], initial: 100, retransmissions: 3)
        let report = try await Gatherer.gather(plan)
        let outcome = try #require(report.servers.first)
        #expect(outcome.status == .noCandidates)
        let finished = try #require(outcome.finishedMs)
        #expect(finished >= Double(plan.udpGiveUpMs) * 0.9, "gave up after \(finished) ms, plan says \(plan.udpGiveUpMs)")
        #expect(finished < Double(plan.udpGiveUpMs) + 300)
        #expect(outcome.notes.first?.hasPrefix("no answer") == true)
        #expect(report.slowestServer == outcome.server)
        #expect(report.gatheringCompleteMs != nil)
    }

    @Test func deadlineNamesTheServerStillGathering() async throws {
        let silent = try SilentUDPServer()
        defer { silent.stop() }
        let plan = Self.plan([Self.stun(port: silent.port)], deadlineMs: 300)
        let started = ContinuousClock.now
        let report = try await Gatherer.gather(plan)
        let wall = ContinuousClock.now - started
        let outcome = try #require(report.servers.first)
        #expect(outcome.status == .deadline)
        #expect(outcome.heldGatheringMs == 300)
        #expect(outcome.finishedMs == nil)
        #expect(report.gatheringCompleteMs == nil)
        #expect(report.slowestServer == outcome.server)
        #expect(report.candidates.contains { $0.type == .host })
        #expect(wall < .milliseconds(300 + plan.shutdownTimeoutMs + 500))
    }

    @Test func trickleEventsArriveInOrderAndEndWithTheReport() async throws {
        let silent = try SilentUDPServer()
        defer { silent.stop() }
        let stream = try Gatherer.events(for: Self.plan([Self.stun(port: silent.port)], initial: 50, retransmissions: 2))
        var events: [GatherEvent] = []
        for await event in stream { events.append(event) }
        guard case .finished(let report)? = events.last else {
            Issue.record("last event is not the report: \(String(describing: events.last))")
            return
        }
        let streamed = events.compactMap { event -> IceCandidate? in
            if case .candidate(let c) = event { return c }
            return nil
        }
        #expect(streamed == report.candidates)
        #expect(!streamed.isEmpty)
        #expect(zip(streamed, streamed.dropFirst()).allSatisfy { $0.elapsedMs <= $1.elapsedMs })
        let finishedIndex = events.firstIndex { if case .serverFinished = $0 { return true } else { return false } }
        #expect(finishedIndex != nil)
        #expect(events.filter { if case .finished = $0 { return true } else { return false } }.count == 1)
    }

    @Test func cancellingStopsTheRun() async throws {
        let silent = try SilentUDPServer()
        defer { silent.stop() }
        let plan = Self.plan([Self.stun(port: silent.port)], deadlineMs: 10_000)
        let started = ContinuousClock.now
        // The stream is a temporary: leaving the loop releases it, which cancels the run
        // (libnice would otherwise keep retransmitting to the silent server for 2 s).
        for await event in try Gatherer.events(for: plan) {
            if case .candidate = event { break }
        }
        let after = await ProcessResources.settle { $0.loopThreads == 0 }
        #expect(after.loopThreads == 0)
        #expect(ContinuousClock.now - started < .milliseconds(500))
    }

    @Test func unresolvableHostIsNamed() async throws {
        let server = IceServer(label: "stun:no-such-host.invalid:3478", host: "no-such-host.invalid", port: 3478, kind: .stun)
        let report = try await Gatherer.gather(GatheringPlan(servers: [server], resolveTimeoutMs: 1500,
                                                             localAddresses: ["127.0.0.1"]))
        let outcome = try #require(report.servers.first)
        #expect(outcome.status == .unresolved)
        #expect(outcome.notes.first?.contains("no-such-host.invalid") == true)
    }
}
