import Foundation
import Testing
@testable import Lab

/// `run: exec` probes, background `services` and the `{run-directory}` / `{output.PROBE}`
/// placeholders: parsing, validation with positions, command lines, and `$stdout` expectations
/// (pure, no root needed).
struct ExecProbeTests {
    static let yaml = """
    name: own-client
    regions:
      - name: jp1
        turn:
          users:
            - {name: agent, password: pw}
    sites:
      - name: home
        lan: 10.1.0.0/24
        nat: symmetric
        clients: [pc1, pc2]
    services:
      - name: peer
        region: jp1
        command: [sipp, -sn, uas, -p, "5060"]
        waitFor: {protocol: udp, port: 5060, seconds: 3}
      - name: echo
        client: pc2
        command: [socat, "UDP-LISTEN:9000,fork", "EXEC:cat"]
    probes:
      - name: first
        client: pc1
        run: check
        target: lab
        expect:
          $exitCode: 0
      - name: call
        client: pc1
        run: exec
        command: [sipp, "{region.jp1}:5060", -trace_stat, -stf, "{run-directory}/stats.csv", -inf, "{output.first}",
                  --netns, "{client.pc2.netns}", --pw, "{credential-file.jp1}"]
        timeoutSeconds: 9
        expect:
          $exitCode: 0
          $stdout: {contains: "Successful call"}
          $stderr: {contains: "Done"}
    """

    func issues(_ yaml: String) -> [ScenarioIssue] {
        do {
            _ = try ScenarioParser.parse(yaml: yaml, file: "t.yaml")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func execProbesAndServicesParse() throws {
        let scenario = try ScenarioParser.parse(yaml: Self.yaml, file: "t.yaml")
        #expect(scenario.services.map(\.name) == ["peer", "echo"])
        #expect(scenario.services[0].region == "jp1" && scenario.services[0].client == nil)
        #expect(scenario.services[0].waitFor == ServiceSpec.Listener(proto: .udp, port: 5060, seconds: 3))
        #expect(scenario.services[1].client == "pc2" && scenario.services[1].waitFor == nil)
        let probe = try #require(scenario.probes.last)
        #expect(probe.isExec && probe.timeoutSeconds == 9)
        #expect(probe.command.first == "sipp")
        #expect(!probe.expectsJSON)
        #expect(scenario.probes[0].expectsJSON)
    }

    @Test func execCommandLineHasEveryPlaceholderReplaced() throws {
        let scenario = try ScenarioParser.parse(yaml: Self.yaml, file: "t.yaml")
        let probe = try #require(scenario.probes.last)
        let argv = probe.commandLine(iceprobeExecutable: "/bin/iceprobe", caPath: "/run/iceprobe/ipab12/ca.pem",
                                     clients: ["pc1": "ipab12-c-pc1", "pc2": "ipab12-c-pc2"], runDirectory: "/run/iceprobe/ipab12")
        #expect(argv == ["sipp", "jp1.iceprobe.test:5060", "-trace_stat", "-stf", "/run/iceprobe/ipab12/stats.csv",
                         "-inf", "/run/iceprobe/ipab12/output-first.txt", "--netns", "ipab12-c-pc2",
                         "--pw", "/run/iceprobe/ipab12/turn-jp1.password"])
        // An iceprobe probe still runs iceprobe.
        let first = try #require(scenario.probes.first)
        #expect(first.commandLine(iceprobeExecutable: "/bin/iceprobe", caPath: "/ca").prefix(3) == ["/bin/iceprobe", "check", "lab"])
    }

    @Test func execMistakesAreLocated() {
        let withTarget = issues(Self.yaml.replacingAll("    run: exec\n", with: "    run: exec\n    target: lab\n"))
        #expect(withTarget.contains { $0.line == 30 && $0.message.contains("'target' belongs to iceprobe probes") })
        let noCommand = issues(Self.yaml.replacingAll("    command: [sipp, \"{region.jp1}:5060\"", with: "    args: [sipp, \"{region.jp1}:5060\""))
        #expect(noCommand.contains { $0.message.contains("exec probe 'call' needs command") })
        let emptyCommand = issues(Self.yaml.replacingAll("command: [socat, \"UDP-LISTEN:9000,fork\", \"EXEC:cat\"]", with: "command: []"))
        #expect(emptyCommand.contains { $0.line == 19 && $0.message.contains("service 'echo': command needs at least the program") })
        let commandOnStun = issues(Self.yaml.replacingAll("    target: lab\n", with: "    target: lab\n    command: [x]\n"))
        #expect(commandOnStun.contains { $0.message.contains("command belongs to exec probes") })
    }

    @Test func serviceMistakesAreLocated() {
        let both = issues(Self.yaml.replacingAll("    region: jp1\n    command: [sipp", with: "    region: jp1\n    client: pc1\n    command: [sipp"))
        #expect(both.contains { $0.line == 13 && $0.message.contains("service 'peer' needs exactly one of region") })
        let unknownRegion = issues(Self.yaml.replacingAll("    region: jp1\n    command: [sipp", with: "    region: us9\n    command: [sipp"))
        #expect(unknownRegion.contains { $0.message.contains("service 'peer' runs in unknown region 'us9'") })
        let placeholder = issues(Self.yaml.replacingAll("uas, -p", with: "uas, \"{region.us9}\", -p"))
        #expect(placeholder.contains { $0.message.contains("service 'peer': unknown placeholder {region.us9}") })
        let output = issues(Self.yaml.replacingAll("uas, -p", with: "uas, \"{output.first}\", -p"))
        #expect(output.contains { $0.message.contains("service 'peer': unknown placeholder {output.first}") })
        let badWait = issues(Self.yaml.replacingAll("{protocol: udp, port: 5060, seconds: 3}", with: "{protocol: sctp, port: 5060, seconds: 99}"))
        #expect(badWait.contains { $0.message.contains("protocol must be udp or tcp, not 'sctp'") })
        #expect(badWait.contains { $0.message.contains("seconds") })
        let duplicate = issues(Self.yaml.replacingAll("name: echo", with: "name: peer"))
        #expect(duplicate.contains { $0.message.contains("duplicate service name 'peer'") })
    }

    @Test func outputPlaceholderMustNameAnEarlierProbe() {
        #expect(issues(Self.yaml).isEmpty)
        let later = issues(Self.yaml.replacingAll("{output.first}", with: "{output.call}"))
        #expect(later.contains { $0.line == 27 && $0.message.contains("{output.call} must name a probe that runs before it") })
        let unknown = issues(Self.yaml.replacingAll("{output.first}", with: "{output.nobody}"))
        #expect(unknown.contains { $0.message.contains("{output.nobody} must name a probe that runs before it") })
    }

    @Test func runFactsIncludeStdoutAndStderr() {
        let unknownFact = issues(Self.yaml.replacingAll("$stderr:", with: "$stdin:"))
        #expect(unknownFact.contains { $0.message.contains("unknown run fact '$stdin' (known: $durationMs, $exitCode, $stderr, $stdout)") })
    }

    @Test func containsOnStringsFindsSubstringsAndShowsTheLine() {
        let expectation = Lab.Expectation(path: JSONPath("$stdout")!, matcher: .contains(.string("Successful call")))
        let output = "Statistics\n  Successful call  |  0  |  1\n  Failed call  |  0  |  0\n"
        let passed = expectation.evaluate(output: nil, facts: ["$stdout": .string(output)])
        #expect(passed.passed)
        #expect(passed.actual == "line \"Successful call  |  0  |  1\"")
        let failed = expectation.evaluate(output: nil, facts: ["$stdout": .string("nothing\nhere\n")])
        #expect(!failed.passed)
        #expect(failed.actual == "not in 2 lines (last: \"here\")")
        // Lists still match whole elements, and a string never matches a list element partly.
        let list = Lab.Expectation(path: JSONPath("ids")!, matcher: .contains(.string("bursty")))
        #expect(!list.evaluate(output: .object(["ids": .array([.string("bursty-loss")])]), facts: [:]).passed)
        #expect(list.evaluate(output: .object(["ids": .array([.string("bursty")])]), facts: [:]).passed)
    }

    @Test func waitForReadsSsOutput() {
        let udp = ServiceSpec.Listener(proto: .udp, port: 5060)
        #expect(udp.ssArguments == ["ss", "-Hlnu"])
        let output = """
        UNCONN 0      0          0.0.0.0:50600 0.0.0.0:*
        UNCONN 0      0      203.0.113.2:3478 0.0.0.0:*
        """
        #expect(!udp.isListening(ssOutput: output))
        #expect(udp.isListening(ssOutput: output + "\nUNCONN 0      0          0.0.0.0:5060 0.0.0.0:*"))
        #expect(udp.isListening(ssOutput: "UNCONN 0 0 [::]:5060 [::]:*"))
        #expect(!udp.isListening(ssOutput: ""))
        #expect(!udp.isListening(ssOutput: "garbage"))
        #expect(ServiceSpec.Listener(proto: .tcp, port: 443).ssArguments == ["ss", "-Hlnt"])
    }
}
