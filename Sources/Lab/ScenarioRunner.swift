import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Builds a scenario's lab, runs its probes in the client namespaces, checks the expectations
/// and always tears the lab down.
///
/// Bounds: each probe is killed after its `timeoutSeconds`; probes stop being started once the
/// scenario's `timeoutSeconds` is spent (the rest fail with "scenario timeout"); building and
/// teardown are bounded per command (see `LabBuilder`, `LabTeardown`).
public struct ScenarioRunner {
    public var iceprobeExecutable: String
    public var log: (String) -> Void
    /// Called with the lab state as soon as the run directory exists and after the build, so a
    /// signal handler can tear it down.
    public var onLabState: (LabState?) -> Void

    public init(iceprobeExecutable: String, log: @escaping (String) -> Void = { _ in },
                onLabState: @escaping (LabState?) -> Void = { _ in }) {
        self.iceprobeExecutable = iceprobeExecutable
        self.log = log
        self.onLabState = onLabState
    }

    public func run(_ scenario: Scenario) -> ScenarioResult {
        let started = ContinuousClock.now
        let builder = LabBuilder(scenario: scenario, iceprobeExecutable: iceprobeExecutable, log: log)
        onLabState(builder.state)
        let state: LabState
        do {
            state = try builder.up()
        } catch {
            onLabState(nil)
            return ScenarioResult(scenario: scenario, prefix: builder.state.prefix, buildError: "\(error)",
                                  buildMs: ScenarioRunner.ms(since: started), totalMs: ScenarioRunner.ms(since: started))
        }
        onLabState(state)
        let buildMs = ScenarioRunner.ms(since: started)
        let deadline = ContinuousClock.now + .seconds(scenario.timeoutSeconds)
        var results: [ProbeResult] = []
        for probe in scenario.probes {
            results.append(ScenarioRunner.withRetries(probe, log: log, timeLeft: { ContinuousClock.now < deadline }) {
                runProbe(probe, state: state, deadline: deadline)
            })
        }
        let problems = LabInterruptGuard.tearDown(state)
        onLabState(nil)
        return ScenarioResult(scenario: scenario, prefix: state.prefix, probes: results, buildMs: buildMs,
                              totalMs: ScenarioRunner.ms(since: started), teardownProblems: problems)
    }

    /// Runs `attempt` once, and again up to `probe.retries` times while it fails and time is left;
    /// the result is the last attempt's, carrying a summary of every failed one before it.
    static func withRetries(_ probe: ProbeSpec, log: (String) -> Void = { _ in }, timeLeft: () -> Bool,
                            _ attempt: () -> ProbeResult) -> ProbeResult {
        var result = attempt()
        var failed: [String] = []
        while !result.passed, failed.count < probe.retries, timeLeft() {
            failed.append("attempt \(failed.count + 1): \(result.failureSummary)")
            log("probe \(probe.name) failed (\(result.failureSummary)); retry \(failed.count) of \(probe.retries)")
            result = attempt()
        }
        result.failedAttempts = failed
        return result
    }

    func runProbe(_ probe: ProbeSpec, state: LabState, deadline: ContinuousClock.Instant) -> ProbeResult {
        let commandLine = probe.commandLine(iceprobeExecutable: iceprobeExecutable, caPath: state.caCertificate ?? "",
                                            clients: state.clients, runDirectory: state.runDirectory)
        let namespace = state.clients[probe.client] ?? ""
        let argv = ["ip", "netns", "exec", namespace] + commandLine
        let command = (probe.isExec ? commandLine : ["iceprobe"] + commandLine.dropFirst()).joined(separator: " ")
        var result = ProbeResult(probe: probe, command: command, exitCode: nil, durationMs: 0, output: nil,
                                 rawOutput: "", stderr: "", problem: nil, outcomes: [])
        let remaining = deadline - ContinuousClock.now
        let remainingSeconds = Double(remaining.components.seconds)
        guard remainingSeconds > 0 else {
            result.problem = "scenario timeout: probe not run"
            result.outcomes = probe.expectations.map { $0.evaluate(output: nil, facts: [:]) }
            return result
        }
        if probe.isExec, let program = commandLine.first, CommandRunner.resolve(program) == nil {
            // Said plainly instead of `ip netns exec`'s exit 255.
            result.problem = "'\(program)' not found in PATH: install it or give its absolute path"
            result.outcomes = probe.expectations.map { $0.evaluate(output: nil, facts: [:]) }
            return result
        }
        log("probe \(probe.name) on \(probe.client): \(command)")
        let timeout = min(Double(probe.timeoutSeconds), remainingSeconds)
        do {
            let run = try CommandRunner.run(argv, timeout: timeout, spawnLock: LabInterruptGuard.creationLock)
            let judged = ScenarioRunner.judge(probe, command: command, run: run, timeoutSeconds: timeout)
            // Later probes may read this output through {output.NAME}.
            let outputFile = ProbeSpec.outputFile(probe: probe.name, runDirectory: state.runDirectory)
            if !FileManager.default.createFile(atPath: outputFile, contents: Data(judged.rawOutput.utf8),
                                               attributes: [.posixPermissions: 0o600]) {
                log("probe \(probe.name): cannot write \(outputFile)")
            }
            return judged
        } catch {
            result.problem = "did not run: \(error)"
            result.outcomes = probe.expectations.map { $0.evaluate(output: nil, facts: [:]) }
            return result
        }
    }

    /// Judges one finished run of a probe (pure, so every case is unit-tested).
    ///
    /// A probe that timed out, was killed by a signal, printed nothing on stdout, or printed
    /// something that is not JSON gets a `problem`, and a probe with a problem fails whatever its
    /// expectations say: output printed before a hang or a crash proves nothing about the run.
    public static func judge(_ probe: ProbeSpec, command: String, run: CommandRunner.Result,
                             timeoutSeconds: Double) -> ProbeResult {
        var result = ProbeResult(probe: probe, command: command, exitCode: nil, durationMs: run.durationMs,
                                 output: nil, rawOutput: run.stdout, stderr: run.stderr, problem: nil, outcomes: [])
        let firstError = run.stderr.split(separator: "\n").first.map { "; stderr: " + $0 } ?? ""
        if run.timedOut {
            result.problem = "timed out: killed after \(JSONValue.number(timeoutSeconds)) s"
        } else if let signal = run.signal {
            result.problem = "killed by signal \(signal)\(firstError)"
        } else {
            result.exitCode = run.status
        }
        if run.stdout.allSatisfy(\.isWhitespace) {
            if result.problem == nil, probe.expectsJSON { result.problem = "printed no JSON (exit \(run.status))\(firstError)" }
        } else {
            do {
                result.output = try JSONValue.parse(run.stdout)
            } catch {
                // An exec probe whose expectations read only $stdout, $exitCode, ... needs no JSON.
                if result.problem == nil, probe.expectsJSON {
                    result.problem = "output is not JSON (\(error)); exit \(run.status)\(firstError)"
                }
            }
        }
        var facts: [String: JSONValue] = ["$durationMs": .number(result.durationMs)]
        facts["$stdout"] = .string(result.rawOutput)
        facts["$stderr"] = .string(result.stderr)
        if let code = result.exitCode { facts["$exitCode"] = .number(Double(code)) }
        result.outcomes = probe.expectations.map { $0.evaluate(output: result.output, facts: facts) }
        return result
    }

    static func ms(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
