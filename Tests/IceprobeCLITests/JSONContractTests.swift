import Foundation
import IceAgent
import Lab
import Testing
@testable import iceprobe

/// The executable's JSON documents that scripts and the lab depend on: `iceprobe gather`
/// (scenario expectations read `ok`, `counts.*`, `firstCandidateMs.*`, `gatheringCompleteMs`) and
/// `iceprobe lab up --format json` (Benchmarks and scripts read `prefix`, `regions[].address`,
/// `clients[].namespace`, `caCertificate` with jq).
@Suite struct JSONContractTests {
    static func object(_ line: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func gatherSummaryKeepsItsKeysAndWritesNullForNotMeasured() throws {
        let candidates = [
            IceCandidate(foundation: "1", component: 1, transport: .udp, type: .host, address: "10.20.0.10",
                         port: 50000, priority: 2, server: nil, elapsedMs: 0.9),
            IceCandidate(foundation: "2", component: 1, transport: .udp, type: .relay, address: "203.0.113.2",
                         port: 49152, priority: 1, server: "turn:jp1.iceprobe.test:3478", elapsedMs: 41),
        ]
        let servers = [ServerOutcome(server: "turn:jp1.iceprobe.test:3478", kind: "turn", transport: "udp",
                                     resolvedAddress: "203.0.113.2", status: .candidates, candidateCount: 1,
                                     finishedMs: 41, heldGatheringMs: 41)]
        let report = GatheringReport(candidates: candidates, servers: servers, gatheringCompleteMs: 60, deadlineMs: 5000)
        let line = try GatherJSON.line(GatherJSON.Summary(mode: "vanilla", report: report, connectivity: nil, turnChecks: nil))
        #expect(!line.contains("\n"), "one line")
        let json = try Self.object(line)
        #expect(json["schemaVersion"] as? Int == 1)
        #expect(json["kind"] as? String == "gather")
        #expect(json["ok"] as? Bool == true)
        #expect(json["gatheringCompleteMs"] as? Double == 60)
        let counts = try #require(json["counts"] as? [String: Any])
        #expect(counts["host"] as? Int == 1)
        #expect(counts["srflx"] as? Int == 0)
        #expect(counts["relay"] as? Int == 1)
        let first = try #require(json["firstCandidateMs"] as? [String: Any])
        #expect(first["srflx"] is NSNull, "not measured is null, not absent")
        #expect(json["connectivity"] is NSNull)
        #expect(json.keys.contains("turnChecks"))
        let listed = try #require(json["candidates"] as? [[String: Any]])
        #expect(listed.map { $0["type"] as? String } == ["host", "relay"])
    }

    static let scenario = """
    name: contract
    regions:
      - name: jp1
        servers: [coturn, stund]
    sites:
      - name: office
        lan: 10.20.0.0/24
        nat: symmetric
        clients: [agent1, agent2]
    probes: []
    """

    @Test func labUpJSONNamesWhatScriptsRead() throws {
        let scenario = try ScenarioParser.parse(yaml: Self.scenario, file: "contract.yaml")
        var state = LabState(prefix: "ip1a2b", scenarioName: scenario.name, scenarioFile: "contract.yaml")
        state.clients = ["agent2": "ip1a2b-c-agent2", "agent1": "ip1a2b-c-agent1"]
        state.caCertificate = "/run/iceprobe/ip1a2b/ca.pem"
        let addressing = LabAddressing(prefix: state.prefix, scenario: scenario)
        let summary = LabUpSummary(state: state, scenario: scenario, addressing: addressing)
        let data = try JSONEncoder().encode(summary)
        let json = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["prefix"] as? String == "ip1a2b")
        #expect(json["runDirectory"] as? String == "/run/iceprobe/ip1a2b")
        #expect(json["caCertificate"] as? String == "/run/iceprobe/ip1a2b/ca.pem")
        let clients = try #require(json["clients"] as? [[String: String]])
        #expect(clients == [["name": "agent1", "namespace": "ip1a2b-c-agent1"], ["name": "agent2", "namespace": "ip1a2b-c-agent2"]])
        let regions = try #require(json["regions"] as? [[String: Any]])
        let jp1 = try #require(regions.first)
        let address = IPv4Subnet.format(addressing.regionAddresses(0).primary)
        #expect(jp1["name"] as? String == "jp1")
        #expect(jp1["address"] as? String == address)
        #expect(jp1["otherAddress"] as? String == IPv4Subnet.format(addressing.regionAddresses(0).secondary))
        #expect((jp1["servers"] as? [String])?.count == 2)
        // The text form states the same facts.
        #expect(summary.lines.first == "lab ip1a2b is up (state in /run/iceprobe/ip1a2b)")
        #expect(summary.lines.contains { $0.hasPrefix("  region jp1: jp1.iceprobe.test = \(address), other address ") })
        #expect(summary.lines.last == "remove with: iceprobe lab down ip1a2b")
    }
}
