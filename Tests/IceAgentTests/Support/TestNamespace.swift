import Foundation
import IceprobeTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A network namespace made by the test: a veth pair to the root namespace on a random
/// 10.253.x.y/29, the client address `.2` and a second address `.3` inside, and an iptables SNAT of
/// `.2` to `.3` (optionally `--random-fully`, a symmetric NAT), so a STUN server on the root side
/// (`.1`) sees a reflexive address different from the host one.
///
/// Made and removed only through ``with(symmetric:nat:_:)``, which deletes the namespace by its
/// exact name (removing the veth pair and the rules with it) on every path. Every command runs
/// through ``Coturn/run(_:_:environment:timeoutSeconds:)`` and every wait sleeps the task, so no
/// thread of the cooperative pool is blocked while a namespace is built or torn down.
final class TestNamespace: Sendable {
    let name: String
    let rootAddress: String
    let clientAddress: String
    let mappedAddress: String
    /// The veth ends: `hostSide` in the root namespace, `namespaceSide` inside.
    private let hostSide: String
    private let namespaceSide: String

    /// Each `ip`/`iptables` command may take this long before it is killed (by PID) and fails.
    static let commandSeconds: Double = 5
    /// How long the client may take to reach the root side after set-up (a ping answered).
    static let reachableSeconds: Double = 3

    static let ipTool = tool("ip")
    static let pingTool = tool("ping")

    /// True when this process can build namespaces (root, `ip`, `iptables` and `ping` present).
    static var isAvailable: Bool {
        geteuid() == 0 && ipTool != nil && pingTool != nil && tool("iptables") != nil
    }

    /// Runs `body` with a fresh namespace and deletes it afterwards, also when set-up or `body`
    /// throws. Set-up takes at most 9 commands of ``commandSeconds`` each plus
    /// ``reachableSeconds``; deletion at most ``commandSeconds``. A failed deletion after a
    /// successful body is an error (something would be left behind). `nat: false` leaves out the
    /// SNAT (plain routing between the namespace and the root side).
    static func with<T: Sendable>(symmetric: Bool, nat: Bool = true,
                                  _ body: (TestNamespace) async throws -> T) async throws -> T {
        let namespace = TestNamespace()
        do {
            try await namespace.create(symmetric: symmetric, nat: nat)
            let result = try await body(namespace)
            try await namespace.delete()
            return result
        } catch {
            try? await namespace.delete()
            throw error
        }
    }

    private init() {
        let tag = String(UInt32.random(in: 0..<0xFFFFF), radix: 16)
        name = "iceprobe-ice-\(getpid())-\(tag)"
        let third = Int.random(in: 0...255)
        let base = Int.random(in: 0...31) * 8
        rootAddress = "10.253.\(third).\(base + 1)"
        clientAddress = "10.253.\(third).\(base + 2)"
        mappedAddress = "10.253.\(third).\(base + 3)"
        hostSide = "ipi\(tag)h"
        namespaceSide = "ipi\(tag)n"
    }

    private func create(symmetric: Bool, nat: Bool) async throws {
        try await ip(["netns", "add", name])
        try await ip(["link", "add", hostSide, "type", "veth", "peer", "name", namespaceSide, "netns", name])
        try await ip(["addr", "add", "\(rootAddress)/29", "dev", hostSide])
        try await ip(["link", "set", hostSide, "up"])
        try await ip(["-n", name, "addr", "add", "\(clientAddress)/29", "dev", namespaceSide])
        try await ip(["-n", name, "addr", "add", "\(mappedAddress)/29", "dev", namespaceSide])
        try await ip(["-n", name, "link", "set", namespaceSide, "up"])
        try await ip(["-n", name, "link", "set", "lo", "up"])
        if nat {
            var snat = ["-t", "nat", "-A", "POSTROUTING", "-s", clientAddress, "-o", namespaceSide,
                        "-j", "SNAT", "--to-source", mappedAddress]
            if symmetric { snat.append("--random-fully") }
            try await iptables(snat)
        }
        try await waitUntilReachable()
    }

    /// Polls (one ping of at most 1 s, then 50 ms of sleep) until the client reaches the root side;
    /// stops trying after ``reachableSeconds`` (the last ping may add 1 s) and throws.
    private func waitUntilReachable() async throws {
        guard let ping = Self.pingTool, let ip = Self.ipTool else { throw Coturn.HarnessError("ping or ip not found") }
        let deadline = ContinuousClock.now + .seconds(Self.reachableSeconds)
        var last = "not tried"
        while ContinuousClock.now < deadline {
            let result = try await Coturn.run(ip, ["netns", "exec", name, ping, "-c", "1", "-W", "1", rootAddress],
                                              timeoutSeconds: Self.commandSeconds)
            if result.status == 0 { return }
            last = result.output
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Coturn.HarnessError("namespace \(name): \(rootAddress) not reachable within \(Self.reachableSeconds) s: \(last.suffix(300))")
    }

    /// Silently drops every UDP packet arriving from the root side (a firewall that blocks UDP:
    /// requests leave, no answer ever comes back). An OUTPUT rule would not do: a locally dropped
    /// packet fails `sendto` at once, which libnice treats as an immediate end of discovery.
    func blockUDP() async throws {
        try await iptables(["-A", "INPUT", "-p", "udp", "-s", rootAddress, "-j", "DROP"])
    }

    /// Deletes the namespace by its exact name (its veth pair and rules go with it).
    private func delete() async throws {
        try await ip(["netns", "del", name])
    }

    private func ip(_ arguments: [String]) async throws {
        guard let ip = Self.ipTool else { throw Coturn.HarnessError("the ip tool is not installed") }
        try await Coturn.runSucceeding(ip, arguments, timeoutSeconds: Self.commandSeconds)
    }

    /// Runs iptables inside the namespace.
    private func iptables(_ arguments: [String]) async throws {
        guard let iptables = Self.tool("iptables") else { throw Coturn.HarnessError("iptables is not installed") }
        try await ip(["netns", "exec", name, iptables] + arguments)
    }

    /// The first executable `name` in the usual sbin/bin directories.
    private static func tool(_ name: String) -> String? {
        ["/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/"].map { $0 + name }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
