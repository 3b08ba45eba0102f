import Testing
@testable import Lab

/// `servers:` of a region (coturn, stund or both): parsing, located errors, and stund's command
/// line and ports. Pure: no root, no processes.
struct RegionServersTests {
    static func yaml(servers: String, turn: String = "", probe: String = "run: nat") -> String {
        """
        name: sample
        regions:
          - name: jp1
            servers: \(servers)\(turn)
        sites:
          - name: home
            clients: [pc1]
        probes:
          - name: p1
            client: pc1
            \(probe)
            region: jp1
            expect:
              $exitCode: 0
        """
    }

    @Test func defaultIsCoturnAndListsParse() throws {
        let plain = try ScenarioParser.parse(yaml: Self.yaml(servers: "[coturn]"), file: "t.yaml")
        #expect(plain.regions[0].servers == [.coturn])
        let both = try ScenarioParser.parse(yaml: Self.yaml(servers: "[coturn, stund]"), file: "t.yaml")
        #expect(both.regions[0].servers == [.coturn, .stund] && both.regions[0].runsStund && both.regions[0].runsCoturn)
        let alone = try ScenarioParser.parse(yaml: Self.yaml(servers: "[stund]"), file: "t.yaml")
        #expect(alone.regions[0].servers == [.stund] && !alone.regions[0].runsCoturn)
        let unset = try ScenarioParser.parse(yaml: Self.yaml(servers: "[coturn]").replacingOccurrences(of: "    servers: [coturn]\n", with: ""),
                                            file: "t.yaml")
        #expect(unset.regions[0].servers == [.coturn])
    }

    @Test func unknownServerIsLocated() {
        let found = issues(Self.yaml(servers: "[coturn, stunnel]"))
        #expect(found.count == 1)
        #expect(found.first?.line == 4 && found.first?.column == 23)
        #expect(found.first?.message.contains("'stunnel' is not a lab server (known: coturn, stund)") == true)
    }

    @Test func emptyDuplicateAndWrongTypeAreLocated() {
        let empty = issues(Self.yaml(servers: "[]"))
        #expect(empty.count == 1 && empty.first?.line == 4 && empty.first?.message.contains("at least one") == true)
        let twice = issues(Self.yaml(servers: "[stund, stund]"))
        #expect(twice.count == 1 && twice.first?.line == 4 && twice.first?.column == 22 && twice.first?.message.contains("listed twice") == true)
        let scalar = issues(Self.yaml(servers: "stund"))
        #expect(scalar.count == 1 && scalar.first?.line == 4)
    }

    @Test func stundAloneHasNoTurnAndServesOnlyUdpStunAndNat() {
        let turn = issues(Self.yaml(servers: "[stund]", turn: "\n    turn: {users: [{name: a, password: b}]}"))
        #expect(turn.contains { $0.line == 3 && $0.message.contains("need coturn") })
        for probe in ["run: turn", "run: gather", "run: check", "run: stun\n    transport: tcp", "run: stun\n    transport: tls"] {
            let found = issues(Self.yaml(servers: "[stund]", probe: probe))
            #expect(found.count == 1, "\(probe)")
            #expect(found.first?.line == 9 && found.first?.message.contains("runs only stund") == true, "\(probe): \(found)")
        }
        #expect(issues(Self.yaml(servers: "[stund]", probe: "run: stun")).isEmpty)
        #expect(issues(Self.yaml(servers: "[coturn, stund]", probe: "run: turn")).isEmpty)
    }

    @Test func stundPortsAndCommandLine() {
        #expect(StundConfig.port(for: [.stund]) == 3478)
        #expect(StundConfig.port(for: [.coturn, .stund]) == 3480)
        let config = StundConfig(primary: "203.0.113.2", secondary: "203.0.113.3", port: 3480)
        #expect(config.argv == ["stund", "-h", "203.0.113.2", "-a", "203.0.113.3", "-p", "3480", "-o", "3481"])
    }
}
