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
}
