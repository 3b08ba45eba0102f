import ArgumentParser
import Lab

/// `iceprobe lab up FILE`: builds the lab and leaves it running; prints its prefix and hosts
/// (``LabUpSummary``, as text or `--format json`).
struct LabUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up", abstract: "Build a scenario's lab and leave it running (root).")

    @Argument(help: "Scenario file, or the name of an installed scenario (iceprobe scenario list).")
    var file: String

    @Option(help: "Output format: text, or json (one line: prefix, run directory, clients and namespaces, region addresses, services, CA).")
    var format: OutputFormat = .text

    func run() throws {
        guard let scenario = try LabCommandSupport.loadScenarios([file]).first else { throw ExitCode(ExitStatus.usage) }
        let guardian = LabInterruptGuard()
        guardian.install()
        let builder = LabBuilder(scenario: scenario, iceprobeExecutable: LabCommandSupport.selfExecutable(),
                                 log: { FileHandleOutput.standardError("lab: " + $0) })
        guardian.track(builder.state)
        let state: LabState
        do {
            state = try builder.up()
        } catch {
            throw LabCommandSupport.fail(error)
        }
        guardian.track(nil)
        let summary = LabUpSummary(state: state, scenario: scenario, addressing: builder.addressing)
        switch format {
        case .text: print(summary.lines.joined(separator: "\n"))
        case .json: try OutputFormat.printJSON(summary)
        }
    }
}
