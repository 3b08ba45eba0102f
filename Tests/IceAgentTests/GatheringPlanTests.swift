import Testing
@testable import IceAgent
import Credentials

@Suite struct GatheringPlanTests {
    static let turn = IceServer(label: "turn:192.0.2.1:3478?transport=udp", host: "192.0.2.1", port: 3478,
                                kind: .turn(.udp, username: "alice", credential: RedactedSecret("hunter2-very-secret")))

    @Test func defaultsAreValid() throws {
        let plan = GatheringPlan(servers: [Self.turn])
        try plan.validate()
        #expect(plan.deadlineMs == 5000)
        #expect(plan.stunInitialTimeoutMs == 500)
        #expect(plan.stunMaxRetransmissions == 3)
        #expect(plan.pacingMs == 1)
    }

    @Test(arguments: [
        (GatheringPlan(deadlineMs: 0), "deadlineMs"),
        (GatheringPlan(deadlineMs: 120_001), "deadlineMs"),
        (GatheringPlan(stunInitialTimeoutMs: 5), "stunInitialTimeoutMs"),
        (GatheringPlan(stunMaxRetransmissions: 11), "stunMaxRetransmissions"),
        (GatheringPlan(pacingMs: 0), "pacingMs"),
        (GatheringPlan(pacingMs: 1001), "pacingMs"),
        (GatheringPlan(resolveTimeoutMs: 0), "resolveTimeoutMs"),
        (GatheringPlan(shutdownTimeoutMs: 0), "shutdownTimeoutMs"),
        (GatheringPlan(localAddresses: ["eth0"]), "localAddresses"),
        (GatheringPlan(servers: [IceServer(label: "stun:x", host: "", port: 3478, kind: .stun)]), "servers"),
        (GatheringPlan(servers: [IceServer(label: "stun:x", host: "x", port: 0, kind: .stun)]), "servers"),
        (GatheringPlan(servers: [IceServer(label: "turn:x", host: "x", port: 1,
                                           kind: .turn(.udp, username: "", credential: RedactedSecret("p")))]), "servers"),
        (GatheringPlan(servers: [IceServer(label: "turn:x", host: "x", port: 1,
                                           kind: .turn(.tcp, username: "u", credential: RedactedSecret("")))]), "servers"),
        (GatheringPlan(servers: Array(repeating: IceServer(label: "stun:x", host: "x", port: 1, kind: .stun), count: 33)), "servers"),
    ])
    func invalidPlansNameTheField(plan: GatheringPlan, field: String) {
        do {
            try plan.validate()
            Issue.record("accepted an invalid plan")
        } catch {
            #expect(error.field == field)
        }
    }

    @Test(arguments: [(500, 3, 2000), (100, 5, 1900), (200, 1, 200), (100, 2, 150), (300, 0, 300)])
    func udpGiveUpFollowsLibniceTimer(initial: Int, retransmissions: Int, expected: Int) {
        let plan = GatheringPlan(stunInitialTimeoutMs: initial, stunMaxRetransmissions: retransmissions)
        #expect(plan.udpGiveUpMs == expected)
    }

    @Test func credentialNeverPrints() {
        let plan = GatheringPlan(servers: [Self.turn])
        var dumped = ""
        dump(plan, to: &dumped)
        for text in [String(describing: plan), String(reflecting: plan), "\(Self.turn)", dumped,
                     String(describing: Self.turn.kind)] {
            #expect(!text.contains("hunter2"), "leaked in: \(text)")
        }
        #expect(dumped.contains("alice"))
    }

    @Test func libniceDebugLinesAreRedacted() {
        NiceLogging.registerSecrets(["s3cr3t-x"])
        defer { NiceLogging.unregisterSecrets(["s3cr3t-x"]) }
        #expect(NiceLogging.redact("added relay server with user/pass : test -- whatever")
                == "added relay server with user/pass <redacted>")
        #expect(NiceLogging.redact("key s3cr3t-x and s3cr3t-x") == "key <redacted> and <redacted>")
        #expect(NiceLogging.redact("nothing to hide") == "nothing to hide")
    }
}
