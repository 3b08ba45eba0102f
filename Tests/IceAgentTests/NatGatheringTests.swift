import Testing
import Foundation
@testable import IceAgent
import IceprobeTestSupport
import Credentials

/// Gathering from inside a namespace behind an SNAT (root, ip, iptables, coturn): the srflx
/// candidate appears, carries the NAT's address, and its related address is the host address.
/// Part of the serialized libnice suite.
extension LibniceIntegrationTests {
    @Test(.enabled(if: Integration.namespaceEnabled, "needs root, ip, iptables, ping and turnserver"),
          arguments: [false, true])
    func serverReflexiveBehindNAT(symmetric: Bool) async throws {
        try await TestNamespace.with(symmetric: symmetric) { namespace in
            try await Coturn.withServer(Self.coturn(on: namespace.rootAddress)) { coturn in
                let stun = IceServer(label: "stun:\(namespace.rootAddress):\(coturn.port)", host: namespace.rootAddress,
                                     port: coturn.port, kind: .stun)
                let turn = IceServer(label: "turn:\(namespace.rootAddress):\(coturn.port)?transport=udp",
                                     host: namespace.rootAddress, port: coturn.port,
                                     kind: .turn(.udp, username: Coturn.Server.username, credential: RedactedSecret(Coturn.Server.password)))
                let plan = GatheringPlan(servers: [stun, turn], includeTCP: false, localAddresses: [namespace.clientAddress],
                                         networkNamespace: namespace.name)
                let report = try await Gatherer.gather(plan)

                #expect(report.warnings.isEmpty, "\(report.warnings)")
                let host = try #require(report.candidates.first { $0.type == .host })
                #expect(host.address == namespace.clientAddress)
                let srflx = try #require(report.candidates.first { $0.type == .srflx && $0.server == stun.label },
                                         "no srflx from \(stun.label): \(report.servers)")
                #expect(srflx.address == namespace.mappedAddress)
                #expect(srflx.relatedAddress == namespace.clientAddress)
                if symmetric {
                    // --random-fully: the mapped port is not the local port (a 1 in ~64k chance of equality).
                    #expect(srflx.port != srflx.relatedPort)
                } else {
                    #expect(srflx.port == srflx.relatedPort)   // MASQUERADE/SNAT keeps the port when free
                }
                let relay = try #require(report.candidates.first { $0.type == .relay })
                #expect(relay.address == namespace.rootAddress)
                #expect(relay.server == turn.label)
                #expect((report.firstCandidateMs.srflx ?? 9999) < 1000)
                #expect(report.servers.allSatisfy { $0.status == .candidates })
                #expect(report.hasServerCandidate)
            }
        }
    }

    @Test func missingNamespaceIsReported() async throws {
        let plan = GatheringPlan(servers: [Self.stun(port: 3478)], localAddresses: ["127.0.0.1"],
                                 networkNamespace: "iceprobe-ice-does-not-exist")
        let report = try await Gatherer.gather(plan)
        #expect(report.warnings.contains { $0.contains("iceprobe-ice-does-not-exist") })
        #expect(report.servers.first?.status == .failed)
        #expect(report.candidates.isEmpty)
    }

    @Test(.enabled(if: Integration.namespaceEnabled, "needs root, ip, iptables, ping and turnserver"))
    func agentsInDifferentNamespacesConnect() async throws {
        // The left agent sits behind the namespace's SNAT; the right one is on the root side.
        try await TestNamespace.with(symmetric: false) { namespace in
            let left = GatheringPlan(includeTCP: false, localAddresses: [namespace.clientAddress],
                                     networkNamespace: namespace.name)
            let right = GatheringPlan(includeTCP: false, localAddresses: [namespace.rootAddress])
            let report = try await ConnectivityCheck.run(ConnectivityPlan(left: left, right: right, deadlineMs: 5000))
            #expect(report.state == .connected, "\(report.detail)")
            #expect(report.localCandidate?.address == namespace.clientAddress
                    || report.localCandidate?.address == namespace.mappedAddress)
            #expect(report.remoteCandidate?.address == namespace.rootAddress)
        }
    }

    @Test(.enabled(if: Integration.namespaceEnabled, "needs root, ip, iptables, ping and turnserver"))
    func udpBlockedLeavesOnlyTheTCPRelay() async throws {
        try await TestNamespace.with(symmetric: false) { namespace in
            try await namespace.blockUDP()
            try await Coturn.withServer(Self.coturn(on: namespace.rootAddress)) { coturn in
                let root = namespace.rootAddress
                let credential = RedactedSecret(Coturn.Server.password)
                let stun = IceServer(label: "stun:\(root):\(coturn.port)", host: root, port: coturn.port, kind: .stun)
                let turnUDP = IceServer(label: "turn:\(root):\(coturn.port)?transport=udp", host: root, port: coturn.port,
                                        kind: .turn(.udp, username: Coturn.Server.username, credential: credential))
                let turnTCP = IceServer(label: "turn:\(root):\(coturn.port)?transport=tcp", host: root, port: coturn.port,
                                        kind: .turn(.tcp, username: Coturn.Server.username, credential: credential))
                let plan = GatheringPlan(servers: [stun, turnUDP, turnTCP], stunInitialTimeoutMs: 100, stunMaxRetransmissions: 3,
                                         includeTCP: false, localAddresses: [namespace.clientAddress],
                                         networkNamespace: namespace.name)
                let report = try await Gatherer.gather(plan)
                let types = Set(report.candidates.map(\.type))
                #expect(types.contains(.host))
                #expect(!report.candidates.contains { $0.type == .srflx && $0.server == stun.label })
                let relays = report.candidates.filter { $0.type == .relay }
                #expect(!relays.isEmpty)
                #expect(relays.allSatisfy { $0.server == turnTCP.label })
                let byServer = Dictionary(uniqueKeysWithValues: report.servers.map { ($0.server, $0) })
                #expect(byServer[turnTCP.label]?.status == .candidates)
                #expect(byServer[stun.label]?.status == .noCandidates)
                #expect(byServer[stun.label]?.notes.first?.hasPrefix("no answer") == true)
                #expect(byServer[turnUDP.label]?.status == .noCandidates)
                #expect(byServer[turnUDP.label]?.notes.first?.contains("no answer") == true)
                // The unanswered UDP servers held gathering up for libnice's give-up time (400 ms here).
                let held = try #require(byServer[stun.label]?.heldGatheringMs)
                #expect(held >= Double(plan.udpGiveUpMs) * 0.9 && held < Double(plan.udpGiveUpMs) + 300)
                #expect(report.slowestServer == stun.label || report.slowestServer == turnUDP.label)
                #expect((report.firstCandidateMs.relay ?? 9999) < held)
                #expect(report.hasServerCandidate)
            }
        }
    }
}
