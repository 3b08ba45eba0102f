import Foundation
import Testing
@testable import Diagnosis

private func candidate(_ type: String, _ transport: String, _ ip: String, _ port: UInt16,
                       via relay: String? = nil) -> CandidateSummary {
    CandidateSummary(type: type, transport: transport, address: ObservedAddress(ip: ip, port: port), relayProtocol: relay)
}

private func texts(_ candidates: [CandidateSummary]) -> [String] {
    CandidateGroups(candidates).lines().map { "\($0.type) \($0.text)" }
}

@Suite struct CandidateGroupsTests {
    /// The candidate list of a real lab run (`iceprobe check lab`): one libnice agent per server.
    @Test func labRunCondensesToOneLinePerType() {
        let candidates = [
            candidate("host", "udp", "10.91.0.2", 33198),
            candidate("host", "tcp-active", "10.91.0.2", 0),
            candidate("host", "tcp-passive", "10.91.0.2", 33271),
            candidate("host", "tcp-active", "fe80::2405:f7ff:fe1b:ba3c", 0),
            candidate("srflx", "udp", "198.51.100.2", 60475),
            candidate("srflx", "tcp-active", "198.51.100.2", 0),
            candidate("srflx", "tcp-passive", "198.51.100.2", 40493),
            candidate("srflx", "udp", "198.51.100.2", 56397),
            candidate("host", "udp", "10.91.0.2", 41000),
            candidate("relay", "udp", "203.0.113.2", 49440, via: "udp"),
            candidate("srflx", "udp", "198.51.100.2", 51234),
            candidate("relay", "udp", "203.0.113.2", 49720, via: "tcp"),
            candidate("relay", "udp", "203.0.113.2", 49184, via: "tls"),
        ]
        #expect(texts(candidates) == [
            "host 10.91.0.2 (udp, tcp-passive, tcp-active), fe80::2405:f7ff:fe1b:ba3c (tcp-active)",
            "srflx 198.51.100.2 (udp, tcp-passive, tcp-active)",
            "relay 203.0.113.2 via TURN udp, tcp, tls",
        ])
        #expect(ReportText.candidateLines(candidates) == [
            "host   10.91.0.2 (udp, tcp-passive, tcp-active), fe80::2405:f7ff:fe1b:ba3c (tcp-active)",
            "srflx  198.51.100.2 (udp, tcp-passive, tcp-active)",
            "relay  203.0.113.2 via TURN udp, tcp, tls",
        ])
    }

    @Test func duplicatesCollapse() {
        let groups = CandidateGroups([
            candidate("srflx", "udp", "198.51.100.2", 1000),
            candidate("srflx", "udp", "198.51.100.2", 1000),
            candidate("srflx", "udp", "198.51.100.2", 2000),
            candidate("relay", "udp", "203.0.113.2", 3000, via: "udp"),
            candidate("relay", "udp", "203.0.113.2", 3002, via: "udp"),
        ])
        #expect(groups.groups == [
            .init(type: "srflx", entries: [.init(ip: "198.51.100.2", transports: ["udp"], relayProtocols: [])]),
            .init(type: "relay", entries: [.init(ip: "203.0.113.2", transports: ["udp"], relayProtocols: ["udp"])]),
        ])
    }

    @Test func portsAreNeverPrinted() {
        let lines = texts([
            candidate("host", "tcp-active", "10.0.0.2", 0),
            candidate("host", "tcp-active", "2001:db8::2", 0),
            candidate("srflx", "udp", "198.51.100.2", 40000),
        ])
        #expect(lines == ["host 10.0.0.2 (tcp-active), 2001:db8::2 (tcp-active)", "srflx 198.51.100.2 (udp)"])
        for line in lines {
            #expect(!line.contains(":0") && !line.contains("40000") && !line.contains("["))
        }
    }

    @Test func typesAndTransportsUseTheFixedOrder() {
        let groups = CandidateGroups([
            candidate("relay", "udp", "203.0.113.2", 5, via: "tls"),
            candidate("weird", "udp", "192.0.2.9", 9),
            candidate("prflx", "udp", "192.0.2.7", 7),
            candidate("srflx", "tcp-so", "198.51.100.2", 4),
            candidate("srflx", "tcp-active", "198.51.100.2", 0),
            candidate("srflx", "tcp-passive", "198.51.100.2", 3),
            candidate("srflx", "udp", "198.51.100.2", 2),
            candidate("host", "tcp", "10.0.0.3", 1),
            candidate("host", "udp", "10.0.0.3", 1),
            candidate("host", "udp", "10.0.0.2", 1),
            candidate("relay", "udp", "203.0.113.2", 6, via: "udp"),
        ])
        #expect(groups.groups.map(\.type) == ["host", "srflx", "prflx", "relay", "weird"])
        // Addresses keep the order of first appearance; unknown transports come after known ones.
        #expect(groups.groups[0].entries.map(\.ip) == ["10.0.0.3", "10.0.0.2"])
        #expect(groups.groups[0].entries[0].transports == ["udp", "tcp"])
        #expect(groups.groups[1].entries[0].transports == ["udp", "tcp-passive", "tcp-active", "tcp-so"])
        #expect(groups.groups[3].entries[0].relayProtocols == ["udp", "tls"])
    }

    @Test func emptyAndNotGathered() {
        #expect(CandidateGroups([]).groups.isEmpty)
        #expect(CandidateGroups([]).lines().isEmpty)
        #expect(ReportText.candidateLines([]) == ["none"])
        #expect(ReportText.candidateLines(nil) == ["not gathered"])
    }

    @Test func ipv6AddressesAreGroupedByTextWithoutBrackets() {
        let lines = texts([
            candidate("host", "udp", "2001:db8::2", 5000),
            candidate("host", "udp", "10.0.0.2", 5000),
            candidate("host", "tcp-passive", "2001:db8::2", 5001),
            candidate("srflx", "udp", "2001:db8::2", 5000),
            candidate("relay", "udp", "2001:db8:1::7", 49152, via: "udp"),
        ])
        #expect(lines == [
            "host 2001:db8::2 (udp, tcp-passive), 10.0.0.2 (udp)",
            "srflx 2001:db8::2 (udp)",
            "relay 2001:db8:1::7 via TURN udp",
        ])
    }

    @Test func relayDetailsWhenUnusual() {
        // Unknown TURN transport: the relayed transport is shown instead.
        #expect(texts([candidate("relay", "udp", "203.0.113.2", 1)]) == ["relay 203.0.113.2 (udp)"])
        // A relayed transport other than udp is shown next to the TURN transports.
        #expect(texts([candidate("relay", "tcp-passive", "203.0.113.2", 1, via: "tcp")])
            == ["relay 203.0.113.2 (tcp-passive) via TURN tcp"])
        // Two relay addresses are separated by "; " (their TURN lists use commas).
        #expect(texts([candidate("relay", "udp", "203.0.113.2", 1, via: "udp"),
                       candidate("relay", "udp", "203.0.113.9", 1, via: "tcp"),
                       candidate("relay", "udp", "203.0.113.2", 2, via: "tls")])
            == ["relay 203.0.113.2 via TURN udp, tls; 203.0.113.9 via TURN tcp"])
    }

    @Test func renderersKeepNoneAndNotGathered() throws {
        let report = CheckReport(verdict: .notReady, site: nil, agent: nil, startedAt: Date(timeIntervalSince1970: 0),
                                 durationMs: 12.3456789, homeRegion: nil, regions: [], nearestRegion: nil, routing: nil,
                                 udpReachable: nil, dns: nil, ipv6Available: nil, nat: nil, turn: nil,
                                 candidates: [], findings: [], checks: [])
        #expect(TextReportRenderer.render(report).contains("\nCandidates  none\n"))
        #expect(MarkdownReportRenderer.render(report).contains("\n- Candidates: none\n"))
        var missing = report
        missing.candidates = nil
        #expect(TextReportRenderer.render(missing).contains("\nCandidates  not gathered\n"))
        #expect(MarkdownReportRenderer.render(missing).contains("\n- Candidates: not gathered\n"))
    }
}
