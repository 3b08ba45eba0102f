import ArgumentParser
import Lab

/// `iceprobe lab up FILE`: builds the lab and leaves it running; prints its prefix and hosts.
struct LabUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up", abstract: "Build a scenario's lab and leave it running (root).")

    @Argument(help: "Scenario file, or the name of an installed scenario (iceprobe scenario list).")
    var file: String

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
        print("lab \(state.prefix) is up (state in \(state.runDirectory))")
        for (client, namespace) in state.clients.sorted(by: { $0.key < $1.key }) {
            print("  client \(client): namespace \(namespace)   iceprobe lab exec \(client) -- CMD")
        }
        for (index, region) in scenario.regions.enumerated() {
            let addresses = builder.addressing.regionAddresses(index)
            var servers: [String] = []
            if region.runsCoturn { servers.append("coturn UDP/TCP 3478, TLS 5349 and 443") }
            if region.runsStund {
                let port = StundConfig.port(for: region.servers)
                servers.append("stund (RFC 3489) UDP \(port)/\(port + 1)")
            }
            print("  region \(region.name): \(region.name).\(Scenario.labDomain) = \(IPv4Subnet.format(addresses.primary)), other address \(IPv4Subnet.format(addresses.secondary)), \(servers.joined(separator: "; "))")
        }
        for service in scenario.services {
            print("  service \(service.name) in \(service.region.map { "region " + $0 } ?? "client " + (service.client ?? "")): log \(ServiceSpec.logFile(name: service.name, runDirectory: state.runDirectory))")
        }
        for site in scenario.sites where !site.resolverAnswers.isEmpty {
            let answers = site.resolverAnswers.map { "\($0.name) -> \($0.target)" }.joined(separator: ", ")
            print("  site \(site.name): own resolver \(IPv4Subnet.format(builder.addressing.routerLanAddress(site))) answers \(answers)")
        }
        if let ca = state.caCertificate { print("  lab CA: \(ca)") }
        print("remove with: iceprobe lab down \(state.prefix)")
    }
}
