import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A network namespace made by the test: a veth pair to the root namespace on a random
/// 10.253.x.y/29, the client address `.2` and a second address `.3` inside, and an iptables SNAT of
/// `.2` to `.3` (optionally `--random-fully`, a symmetric NAT), so a STUN server on the root side
/// (`.1`) sees a reflexive address different from the host one. ``destroy()`` deletes the
/// namespace by its exact name (which removes the veth pair and the rules); tests call it in
/// `defer`.
final class TestNamespace: @unchecked Sendable {
    let name: String
    let rootAddress: String
    let clientAddress: String
    let mappedAddress: String
    private var destroyed = false

    /// True when this process can build namespaces (root, `ip` and `iptables` present).
    static var isAvailable: Bool {
        geteuid() == 0 && ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip"].contains { FileManager.default.isExecutableFile(atPath: $0) }
            && ["/usr/sbin/iptables", "/sbin/iptables"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `nat: false` leaves out the SNAT (plain routing between the namespace and the root side).
    init(symmetric: Bool, nat: Bool = true) throws {
        let tag = String(UInt32.random(in: 0..<0xFFFFF), radix: 16)
        name = "iceprobe-ice-\(getpid())-\(tag)"
        let third = Int.random(in: 0...255)
        let base = Int.random(in: 0...31) * 8
        rootAddress = "10.253.\(third).\(base + 1)"
        clientAddress = "10.253.\(third).\(base + 2)"
        mappedAddress = "10.253.\(third).\(base + 3)"
        let hostSide = "ipi\(tag)h"
        let nsSide = "ipi\(tag)n"
        do {
            try Self.run(["ip", "netns", "add", name])
            try Self.run(["ip", "link", "add", hostSide, "type", "veth", "peer", "name", nsSide, "netns", name])
            try Self.run(["ip", "addr", "add", "\(rootAddress)/29", "dev", hostSide])
            try Self.run(["ip", "link", "set", hostSide, "up"])
            try Self.run(["ip", "-n", name, "addr", "add", "\(clientAddress)/29", "dev", nsSide])
            try Self.run(["ip", "-n", name, "addr", "add", "\(mappedAddress)/29", "dev", nsSide])
            try Self.run(["ip", "-n", name, "link", "set", nsSide, "up"])
            try Self.run(["ip", "-n", name, "link", "set", "lo", "up"])
            var snat = ["ip", "netns", "exec", name, "iptables", "-t", "nat", "-A", "POSTROUTING", "-s", clientAddress,
                        "-o", nsSide, "-j", "SNAT", "--to-source", mappedAddress]
            if symmetric { snat.append("--random-fully") }
            if nat { try Self.run(snat) }
            // Wait (at most 2 s) until the root side can reach the client (addresses are not tentative).
            var reachable = false
            for _ in 0..<40 where !reachable {
                reachable = (try? Self.run(["ip", "netns", "exec", name, "ping", "-c", "1", "-W", "1", rootAddress])) != nil
                if !reachable { usleep(50_000) }
            }
        } catch {
            destroy()
            throw error
        }
    }

    /// Silently drops every UDP packet arriving from the root side (a firewall that blocks UDP:
    /// requests leave, no answer ever comes back). An OUTPUT rule would not do: a locally dropped
    /// packet fails `sendto` at once, which libnice treats as an immediate end of discovery.
    func blockUDP() throws {
        try Self.run(["ip", "netns", "exec", name, "iptables", "-A", "INPUT", "-p", "udp", "-s", rootAddress, "-j", "DROP"])
    }

    /// Deletes the namespace (by its exact name); idempotent.
    func destroy() {
        guard !destroyed else { return }
        destroyed = true
        _ = try? Self.run(["ip", "netns", "del", name])
    }

    deinit { destroy() }

    /// Runs a command (searched in the usual sbin/bin directories) and waits at most 5 s.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        guard let tool = arguments.first else { throw TestCoturnError("empty command") }
        let path = ["/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/"].map { $0 + tool }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? tool
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = Array(arguments.dropFirst())
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(5_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw TestCoturnError("\(arguments.joined(separator: " ")) did not finish within 5 s")
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw TestCoturnError("\(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(text)")
        }
        return text
    }
}
