import Testing
@testable import StunWire

@Suite struct AddressTests {
    @Test(arguments: [
        ("192.0.2.1", "192.0.2.1"), ("0.0.0.0", "0.0.0.0"), ("255.255.255.255", "255.255.255.255"),
        ("2001:db8::1", "2001:db8::1"), ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"), ("::", "::"), ("::1", "::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"), ("2001:0db8:0000:0001:0001:0001:0001:0001", "2001:db8:0:1:1:1:1:1"),
        ("fe80::", "fe80::"), ("::ffff:192.0.2.1", "::ffff:192.0.2.1"), ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
        ("2001:db8:1234:5678:11:2233:4455:6677", "2001:db8:1234:5678:11:2233:4455:6677"),
    ])
    func parsesAndPrintsCanonically(text: String, canonical: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.description == canonical)
        #expect(IPAddress(canonical) == address)
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4 ", "a.b.c.d", ":::", "1::2::3",
                      "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "::g", "fe80::1%eth0", "[::1]", "1.2.3.-4",
                      "1:2:3:4:5:6:7:8::", "::1.2.3.256"])
    func rejectsMalformedAddresses(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func transportAddresses() throws {
        #expect(TransportAddress("1.2.3.4:5")?.description == "1.2.3.4:5")
        #expect(TransportAddress("[2001:db8::1]:3478")?.description == "[2001:db8::1]:3478")
        #expect(TransportAddress("[2001:db8::1]:3478")?.ip.isIPv4 == false)
        for bad in ["1.2.3.4", "1.2.3.4:", "1.2.3.4:65536", "2001:db8::1:80", "[2001:db8::1]", "[1.2.3.4]:5",
                    "1.2.3.4:-1", "1.2.3.4:99999999999999999999", "[]:1", ":1"] {
            #expect(TransportAddress(bad) == nil, "\(bad)")
        }
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
        let sorted = [IPAddress("::1")!, IPAddress("10.0.0.2")!, IPAddress("10.0.0.1")!].sorted()
        #expect(sorted.map(\.description) == ["10.0.0.1", "10.0.0.2", "::1"])
    }
}
