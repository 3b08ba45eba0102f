import Testing
@testable import IceAgent
import IceprobeTestSupport

@Suite struct CandidateAttributeTests {
    @Test func formatsServerReflexiveUDP() {
        let candidate = IceCandidate(foundation: "2", component: 1, transport: .udp, type: .srflx,
                                     address: "203.0.113.7", port: 50_000, priority: 1_686_052_607,
                                     relatedAddress: "10.0.0.2", relatedPort: 40_000)
        #expect(CandidateAttribute.format(candidate)
                == "candidate:2 1 UDP 1686052607 203.0.113.7 50000 typ srflx raddr 10.0.0.2 rport 40000")
    }

    @Test func formatsTCPType() {
        let candidate = IceCandidate(foundation: "3", component: 1, transport: .tcpActive, type: .host,
                                     address: "10.0.0.2", port: 9, priority: 1_015_021_823)
        #expect(CandidateAttribute.format(candidate) == "candidate:3 1 TCP 1015021823 10.0.0.2 9 typ host tcptype active")
    }

    @Test(arguments: CandidateTransport.allCases)
    func roundTrips(transport: CandidateTransport) throws {
        for type in CandidateType.allCases {
            let related = type == .host ? nil : "2001:db8::5"
            let candidate = IceCandidate(foundation: "a+/9", component: 2, transport: transport, type: type,
                                         address: "2001:db8::1", port: 65_535, priority: 4_294_967_295,
                                         relatedAddress: related, relatedPort: related == nil ? nil : 0)
            let parsed = try CandidateAttribute.parse(CandidateAttribute.format(candidate))
            #expect(parsed == candidate)
        }
    }

    @Test func acceptsBrowserLineWithExtensions() throws {
        let line = "a=candidate:842163049 1 udp 1677729535 198.51.100.4 61234 typ srflx raddr 0.0.0.0 rport 0 "
            + "generation 0 ufrag abcd network-cost 999"
        let candidate = try CandidateAttribute.parse(line)
        #expect(candidate.foundation == "842163049")
        #expect(candidate.type == .srflx)
        #expect(candidate.transport == .udp)
        #expect(candidate.address == "198.51.100.4")
        #expect(candidate.port == 61_234)
        #expect(candidate.relatedAddress == "0.0.0.0")
        #expect(candidate.relatedPort == 0)
    }

    @Test(arguments: [
        ("", "foundation"),
        ("candidate:", "foundation"),
        ("candidate:1", "component"),
        ("candidate:1 0 UDP 1 10.0.0.1 1 typ host", "component"),
        ("candidate:1 257 UDP 1 10.0.0.1 1 typ host", "component"),
        ("candidate:1 1 SCTP 1 10.0.0.1 1 typ host", "transport"),
        ("candidate:1 1 UDP 4294967296 10.0.0.1 1 typ host", "priority"),
        ("candidate:1 1 UDP 99999999999999999999999 10.0.0.1 1 typ host", "priority"),
        ("candidate:1 1 UDP -5 10.0.0.1 1 typ host", "priority"),
        ("candidate:1 1 UDP 1 host.example 1 typ host", "address"),
        ("candidate:1 1 UDP 1 10.0.0.256 1 typ host", "address"),
        ("candidate:1 1 UDP 1 abc.local 1 typ host", "address"),
        ("candidate:1 1 UDP 1 10.0.0.1 65536 typ host", "port"),
        ("candidate:1 1 UDP 1 10.0.0.1 1 type host", "typ"),
        ("candidate:1 1 UDP 1 10.0.0.1 1 typ", "type"),
        ("candidate:1 1 UDP 1 10.0.0.1 1 typ relayed", "type"),
        ("candidate:1 1 UDP 1 10.0.0.1 1 typ srflx raddr 10.0.0.2", "rport"),
        ("candidate:1 1 UDP 1 10.0.0.1 1 typ srflx rport 5", "raddr"),
        ("candidate:1 1 UDP 1 10.0.0.1 1 typ srflx raddr x rport 5", "raddr"),
        ("candidate:1 1 UDP 1 10.0.0.1 1 typ srflx raddr 10.0.0.2 rport 70000", "rport"),
        ("candidate:1 1 TCP 1 10.0.0.1 1 typ host", "tcptype"),
        ("candidate:1 1 TCP 1 10.0.0.1 1 typ host tcptype both", "tcptype"),
        ("candidate:1 1 UDP 1 10.0.0.1 1 typ host tcptype active", "tcptype"),
        ("candidate:\(String(repeating: "f", count: 33)) 1 UDP 1 10.0.0.1 1 typ host", "foundation"),
        ("candidate:f\u{e9} 1 UDP 1 10.0.0.1 1 typ host", "foundation"),
    ])
    func rejectsWithField(line: String, field: String) {
        do {
            let candidate = try CandidateAttribute.parse(line)
            Issue.record("parsed '\(line)' as \(candidate)")
        } catch {
            #expect(error.field == field, "line: \(line): \(error)")
            #expect(error.offset >= 0 && error.offset <= line.utf8.count)
        }
    }

    @Test func errorNamesThePosition() {
        do {
            _ = try CandidateAttribute.parse("candidate:1 1 UDP 1 10.0.0.1 99x typ host")
            Issue.record("accepted a bad port")
        } catch {
            #expect(error.offset == 29)
            #expect(error.description == "invalid-candidate-attribute: port at character 30: port must be a number 0-65535, found '99x'")
        }
    }

    /// Random lines: each either parses into a candidate that formats and parses back to itself,
    /// or is an error located inside the line. Also valid lines with one byte changed.
    @Test func randomInputNeverTraps() {
        var generator = SplitMix64(seed: 0xCA4D_1DA7)
        let alphabet = Array("candidate:0123456789 abcdefUDPTCPtyphostsrflxrelayraddrrporttcptype.:-+/\u{0}\t\n")
        var parsed = 0, rejected = 0
        func check(_ text: String) {
            do {
                let candidate = try CandidateAttribute.parse(text)
                parsed += 1
                #expect(try CandidateAttribute.parse(CandidateAttribute.format(candidate)) == candidate, "\(text.debugDescription)")
            } catch {
                rejected += 1
                #expect(error.offset >= 0 && error.offset <= text.utf8.count, "\(text.debugDescription): \(error)")
            }
        }
        for _ in 0..<2000 {
            let length = Int.random(in: 0...80, using: &generator)
            check(String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? " " }))
        }
        let valid = Array("candidate:842163049 1 udp 1677729535 198.51.100.4 61234 typ srflx raddr 10.0.0.2 rport 5000".utf8)
        for _ in 0..<2000 {
            var bytes = valid
            bytes[Int.random(in: 0..<bytes.count, using: &generator)] = alphabet.randomElement(using: &generator)?.asciiValue ?? 0x20
            check(String(decoding: bytes, as: UTF8.self))
        }
        check(String(decoding: (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) }, as: UTF8.self))
        #expect(parsed > 0 && rejected > 0, "parsed \(parsed), rejected \(rejected)")
    }
}
