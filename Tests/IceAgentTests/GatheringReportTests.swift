import Testing
import Foundation
@testable import IceAgent

@Suite struct GatheringReportTests {
    static func candidate(_ type: CandidateType, _ ms: Double, server: String? = nil) -> IceCandidate {
        IceCandidate(foundation: "1", component: 1, transport: .udp, type: type, address: "192.0.2.9",
                     port: 1000, priority: 1, server: server, elapsedMs: ms)
    }

    @Test func timelineFigures() {
        let candidates = [Self.candidate(.host, 1.5), Self.candidate(.srflx, 23, server: "stun:a"),
                          Self.candidate(.relay, 43, server: "turn:b"), Self.candidate(.host, 0.9),
                          Self.candidate(.relay, 41, server: "turn:c")]
        let servers = [ServerOutcome(server: "stun:a", kind: "stun", transport: "udp", resolvedAddress: "192.0.2.1",
                                     status: .candidates, finishedMs: 30, heldGatheringMs: 30),
                       ServerOutcome(server: "turn:b", kind: "turn", transport: "udp", resolvedAddress: "192.0.2.1",
                                     status: .candidates, finishedMs: 60, heldGatheringMs: 60)]
        let report = GatheringReport(candidates: candidates, servers: servers, gatheringCompleteMs: 60, deadlineMs: 5000)
        #expect(report.firstCandidateMs.host == 0.9)
        #expect(report.firstCandidateMs.srflx == 23)
        #expect(report.firstCandidateMs.relay == 41)
        #expect(report.firstCandidateMs.prflx == nil)
        #expect(report.trickleHeadStartMs == 59.1)
        #expect(report.slowestServer == "turn:b")
        #expect(report.hasServerCandidate)
    }

    @Test func deadlineBoundsTheHeadStart() {
        let report = GatheringReport(candidates: [Self.candidate(.host, 2)], servers: [], gatheringCompleteMs: nil,
                                     deadlineMs: 300)
        #expect(report.trickleHeadStartMs == 298)
        #expect(!report.hasServerCandidate)
    }

    @Test func noCandidatesNoHeadStart() {
        let report = GatheringReport(candidates: [], servers: [], gatheringCompleteMs: 10, deadlineMs: 300)
        #expect(report.trickleHeadStartMs == nil)
        #expect(report.firstCandidateMs.earliest == nil)
    }

    @Test func jsonUsesSchemaNames() throws {
        let report = GatheringReport(candidates: [Self.candidate(.host, 2)], servers: [], gatheringCompleteMs: nil,
                                     deadlineMs: 300)
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        #expect(object?["candidates"] is [Any])
        #expect(object?["firstCandidateMs"] is [String: Any])
        let first = (object?["candidates"] as? [[String: Any]])?.first
        #expect(first?["type"] as? String == "host")
        #expect(first?["transport"] as? String == "udp")
        #expect(first?["elapsedMs"] as? Double == 2)
    }
}
