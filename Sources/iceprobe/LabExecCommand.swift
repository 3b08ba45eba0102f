import ArgumentParser
import Foundation
import Lab
#if canImport(Glibc)
import Glibc
#endif

/// `iceprobe lab exec CLIENT -- CMD...`: runs a command inside a client's namespace.
struct LabExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec", abstract: "Run a command in a lab client's namespace.")

    @Option(name: .long, help: "The lab's prefix (needed when several labs are up).")
    var prefix: String?

    @Argument(help: "Client name from the scenario.")
    var client: String

    @Argument(parsing: .postTerminator, help: "The command to run (after --).")
    var command: [String] = []

    func run() throws {
        guard !command.isEmpty else { throw ValidationError("give a command after --") }
        var states: [LabState] = []
        for directory in LabState.existingRunDirectories() {
            if let state = try? LabState.load(runDirectory: directory), prefix == nil || state.prefix == prefix {
                states.append(state)
            }
        }
        guard let state = states.first else {
            throw LabCommandSupport.fail(LabError(.notFound, prefix.map { "no lab with prefix \($0)" } ?? "no lab is up"))
        }
        guard states.count == 1 else {
            throw ValidationError("several labs are up (\(states.map(\.prefix).joined(separator: ", "))): pass --prefix")
        }
        guard let namespace = state.clients[client] else {
            throw ValidationError("no client '\(client)' in lab \(state.prefix) (clients: \(state.clients.keys.sorted().joined(separator: ", ")))")
        }
        guard let ip = CommandRunner.resolve("ip") else { throw LabCommandSupport.fail(LabError(.missingTool, "ip not found")) }
        let argv = [ip, "netns", "exec", namespace] + command
        var cArgs = argv.map { strdup($0) }
        cArgs.append(nil)
        execv(ip, &cArgs)
        throw LabCommandSupport.fail(LabError(.commandFailed, "cannot exec ip netns exec (errno \(errno))"))
    }
}
