import Foundation
import Testing
@testable import Probes

struct ResolvConfTests {
    @Test("nameserver lines in order, once each; comments, options and junk ignored")
    func parse() {
        let text = "# generated\nsearch corp.example\nnameserver 10.0.0.53\nnameserver\tfe80::1%eth0\n;nameserver 1.1.1.1\noptions timeout:1\nnameserver 10.0.0.53\nnameserver\n"
        #expect(ResolvConf.parse(text) == ["10.0.0.53", "fe80::1%eth0"])
        #expect(ResolvConf.parse("") == [])
        #expect(ResolvConf.read(path: "/nonexistent/resolv.conf") == nil)
    }

    @Test("a local stub resolver is followed by its upstream servers (what GeoDNS sees)")
    func stub() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("resolvconf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stub = directory.appendingPathComponent("resolv.conf").path
        let upstream = directory.appendingPathComponent("upstream.conf").path
        try "nameserver 127.0.0.53\noptions edns0\n".write(toFile: stub, atomically: true, encoding: .utf8)
        try "nameserver 10.8.0.1\nnameserver 192.0.2.53\n".write(toFile: upstream, atomically: true, encoding: .utf8)
        #expect(ResolvConf.read(path: stub, upstreamPath: upstream) == ["127.0.0.53", "10.8.0.1", "192.0.2.53"])
        #expect(ResolvConf.read(path: stub, upstreamPath: directory.appendingPathComponent("none").path) == ["127.0.0.53"])
        try "nameserver 10.0.0.53\n".write(toFile: stub, atomically: true, encoding: .utf8)
        #expect(ResolvConf.read(path: stub, upstreamPath: upstream) == ["10.0.0.53"])
    }
}
