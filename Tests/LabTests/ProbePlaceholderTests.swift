import Testing
@testable import Lab

/// The `{client.NAME.netns}` and `{credential-file.REGION}` probe placeholders (pure, no root).
struct ProbePlaceholderTests {
    static let yaml = """
    name: pair
    regions:
      - name: jp1
        turn:
          users:
            - {name: agent, password: pw}
      - name: us1
    sites:
      - name: a
        lan: 10.1.0.0/24
        nat: full-cone
        clients: [pc1]
      - name: b
        lan: 10.2.0.0/24
        nat: symmetric
        clients: [pc2]
    probes:
      - name: connect
        client: pc1
        run: gather
        target: "stun:{region.jp1}:3478"
        args: [--credential-file, "{credential-file.jp1}", --connect, --peer-netns, "{client.pc2.netns}"]
        expect: {$exitCode: 0}
    """

    func issues(_ yaml: String) -> [ScenarioIssue] {
        do {
            _ = try ScenarioParser.parse(yaml: yaml, file: "t.yaml")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func placeholdersAreReplacedInTargetAndArgs() throws {
        let scenario = try ScenarioParser.parse(yaml: Self.yaml, file: "t.yaml")
        let probe = try #require(scenario.probes.first)
        let arguments = probe.arguments(caPath: "/run/x/ca.pem", clients: ["pc1": "ipab12-c-pc1", "pc2": "ipab12-c-pc2"],
                                        runDirectory: "/run/iceprobe/ipab12")
        #expect(arguments == ["gather", "stun:jp1.iceprobe.test:3478", "--format", "json",
                              "--credential-file", "/run/iceprobe/ipab12/turn-jp1.password",
                              "--connect", "--peer-netns", "ipab12-c-pc2"])
    }

    @Test func unknownValuesAreLeftAsTheyAre() {
        #expect(ProbeSpec.substitute("{client.pc9.netns}", caPath: "", clients: ["pc1": "ns1"]) == "{client.pc9.netns}")
        #expect(ProbeSpec.substitute("{credential-file.jp1}", caPath: "") == "{credential-file.jp1}")
        #expect(ProbeSpec.clientName(inNetnsPlaceholder: "client..netns") == nil)
        #expect(ProbeSpec.clientName(inNetnsPlaceholder: "client.pc1") == nil)
        #expect(ProbeSpec.regionName(inCredentialPlaceholder: "credential-file.") == nil)
        #expect(ProbeSpec.substitute("{ca} {client.a.netns}{client.a.netns}", caPath: "/c", clients: ["a": "n"]) == "/c nn")
    }

    @Test func validatorKnowsTheNewPlaceholders() {
        #expect(issues(Self.yaml).isEmpty)
        let unknownClient = issues(Self.yaml.replacingAll("{client.pc2.netns}", with: "{client.pc7.netns}"))
        #expect(unknownClient.contains { $0.message.contains("unknown placeholder {client.pc7.netns}") })
        let noUsers = issues(Self.yaml.replacingAll("{credential-file.jp1}", with: "{credential-file.us1}"))
        #expect(noUsers.contains { $0.message.contains("unknown placeholder {credential-file.us1}") })
    }
}
