import Foundation
import Testing
@testable import Lab

/// Pure tests of the scenario parser and validator (no root needed).
struct ScenarioValidationTests {
    static let minimal = """
    name: sample
    regions:
      - name: jp1
    sites:
      - name: home
        lan: 10.1.0.0/24
        nat: port-restricted-cone
        clients: [pc1]
    probes:
      - name: stun-udp
        client: pc1
        run: stun
        region: jp1
        expect:
          ok: true
          rttMs.median: {min: 1, max: 20}
          $exitCode: 0
    """

    func issues(_ yaml: String) -> [ScenarioIssue] {
        do {
            _ = try ScenarioParser.parse(yaml: yaml, file: "t.yaml")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func minimalScenarioParses() throws {
        let scenario = try ScenarioParser.parse(yaml: Self.minimal, file: "t.yaml")
        #expect(scenario.name == "sample")
        #expect(scenario.sites.first?.nat == NatBehaviour(mapping: .endpointIndependent, filtering: .addressAndPortDependent))
        #expect(scenario.probes.first?.expectations.count == 3)
        #expect(scenario.probes.first?.expectations.first?.matcher == .equals(.bool(true)))
        #expect(scenario.probes.first?.expectations.dropFirst().first?.matcher == .range(min: 1, max: 20))
    }

    @Test func unknownKeyIsReportedWithItsLineAndColumn() {
        let yaml = Self.minimal.replacingOccurrences(of: "    lan: 10.1.0.0/24", with: "    lan: 10.1.0.0/24\n    natt: none")
        let found = issues(yaml)
        #expect(found.count == 1)
        #expect(found.first?.line == 7)
        #expect(found.first?.column == 5)
        #expect(found.first?.message.contains("unknown key 'natt'") == true)
        #expect(found.first?.description.hasPrefix("t.yaml:7:5: error:") == true)
    }

    @Test func unknownRegionIsRejected() {
        let found = issues(Self.minimal.replacingOccurrences(of: "region: jp1", with: "region: us1"))
        #expect(found.contains { $0.message.contains("unknown region 'us1'") })
        #expect(found.first?.line == 10)
    }

    @Test func duplicateNamesAreRejected() {
        let yaml = Self.minimal.replacingOccurrences(of: "regions:\n  - name: jp1", with: "regions:\n  - name: jp1\n  - name: jp1")
        #expect(issues(yaml).contains { $0.message.contains("duplicate region name 'jp1'") && $0.line == 4 })
    }

    @Test func overlappingSubnetsAreRejected() {
        let yaml = Self.minimal.replacingOccurrences(of: "    clients: [pc1]", with: """
            clients: [pc1]
          - name: branch
            lan: 10.1.0.128/25
            clients: [pc2]
        """)
        let found = issues(yaml)
        #expect(found.contains { $0.message.contains("overlaps lan 10.1.0.0/24 of site 'home'") })
    }

    @Test func reservedRangesAreRejected() {
        let found = issues(Self.minimal.replacingOccurrences(of: "10.1.0.0/24", with: "203.0.113.0/25"))
        #expect(found.contains { $0.message.contains("reserved for region servers") })
    }

    @Test func negativeDelayAndJitterAboveDelayAreRejected() {
        let negative = issues(Self.minimal.replacingOccurrences(of: "  - name: jp1", with: "  - name: jp1\n    impair: {delayMs: -5}"))
        #expect(negative.contains { $0.message.contains("delayMs must be in 0...10000") && $0.line == 4 })
        let jitter = issues(Self.minimal.replacingOccurrences(of: "  - name: jp1", with: "  - name: jp1\n    impair: {delayMs: 5, jitterMs: 10}"))
        #expect(jitter.contains { $0.message.contains("must not exceed delayMs") })
    }

    @Test func wrongTypesAndBadValuesAreRejected() {
        #expect(issues(Self.minimal.replacingOccurrences(of: "lan: 10.1.0.0/24", with: "lan: 10.1.0.1/24"))
            .contains { $0.message.contains("host bits clear") })
        #expect(issues(Self.minimal.replacingOccurrences(of: "nat: port-restricted-cone", with: "nat: {mapping: address-and-port-dependent, filtering: endpoint-independent}"))
            .contains { $0.message.contains("needs address-and-port-dependent filtering") })
        #expect(issues(Self.minimal.replacingOccurrences(of: "run: stun", with: "run: ping"))
            .contains { $0.message.contains("run must be one of") })
        #expect(issues(Self.minimal.replacingOccurrences(of: "{min: 1, max: 20}", with: "{min: 30, max: 20}"))
            .contains { $0.message.contains("min 30.0 is greater than max 20.0") })
        #expect(issues(Self.minimal.replacingOccurrences(of: "client: pc1", with: "client: pc9"))
            .contains { $0.message.contains("unknown client 'pc9'") })
        #expect(issues("name: [unclosed").first?.message.contains("YAML syntax") == true)
        #expect(issues("").first?.message == "empty scenario file")
        #expect(issues(Self.minimal.replacingOccurrences(of: "  - name: jp1", with: """
          - name: jp1
            turn: {users: [{name: a, password: b}], restSecret: c}
        """)).contains { $0.message.contains("not both") })
    }

    @Test func everyProbeNeedsAnExitCodeExpectation() {
        let found = issues(Self.minimal.replacingOccurrences(of: "\n      $exitCode: 0", with: ""))
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.message.contains("probe 'stun-udp' needs a $exitCode expectation") == true, "\(found)")
        #expect(found.first?.line == 10, "reported at the probe: \(found)")
    }

    @Test func allProblemsAreReportedAtOnce() {
        let yaml = Self.minimal
            .replacingOccurrences(of: "    lan: 10.1.0.0/24", with: "    lan: 10.1.0.0/24\n    colour: blue")
            .replacingOccurrences(of: "    run: stun", with: "    run: stun\n    repeat: 3")
        #expect(issues(yaml).count == 2)
    }

    /// Every shipped scenario must validate.
    @Test func shippedScenariosValidate() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 8, "expected at least eight shipped scenarios, found \(files.count)")
        for file in files {
            let path = directory.appendingPathComponent(file).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(throws: Never.self, "\(file)") { try ScenarioParser.parse(yaml: text, file: path) }
        }
    }
}
