import Foundation
import Testing
@testable import Diagnosis

@Suite struct NatReportTests {
    private func symmetricReport() throws -> NatReport {
        let local = ObservedAddress(ip: "10.0.0.2", port: 50000)
        func run(_ port3: UInt16) -> NatVerdict {
            NatClassifier.classify(NatObservations(
                udpReachable: true, localAddress: local, testIMapped: ObservedAddress(ip: "203.0.113.5", port: 40000),
                otherAddressAvailable: true, mappingAlternateIP: ObservedAddress(ip: "203.0.113.5", port: 40001),
                mappingAlternateIPAndPort: ObservedAddress(ip: "203.0.113.5", port: port3),
                filteringChangeIPAndPortAnswered: false, filteringChangePortAnswered: false))
        }
        // Two runs say address-and-port-dependent, one address-dependent.
        let agreement = try #require(NatAgreement(verdicts: [run(40002), run(40001), run(40003)]))
        return NatReport(agreement: agreement, durationMs: 412.6, servers: ["stun:198.51.100.1:3478"])
    }

    @Test func jsonHasTheIssueFieldsAtTopLevel() throws {
        let json = try symmetricReport().json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["mapping", "filtering", "natDetected", "udpBlocked", "classicType", "hairpinning",
                    "bindingLifetimeSeconds", "confidence", "durationMs", "servers", "schemaVersion"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(object["mapping"] as? String == "address-and-port-dependent")
        #expect(object["classicType"] as? String == "symmetric")
        #expect(object["hairpinning"] is NSNull)
        #expect(abs((object["confidence"] as? Double ?? 0) - 2.0 / 3.0) < 1e-12)
        #expect(try JSONDecoder().decode(NatReport.self, from: Data(json.utf8)) == (try symmetricReport()))
    }

    @Test func textIsPlainFirst() throws {
        let expected = """
        NAT: symmetric NAT
        Symmetric NAT: calls to peers behind symmetric or port-restricted NATs will need a TURN relay; make sure TURN works from here.

        mapping           address-and-port-dependent
        filtering         address-and-port-dependent
        NAT detected      yes
        UDP blocked       no
        ALG               not measured
        hairpinning       not tested (--hairpin)
        binding lifetime  not tested (--lifetime)
        public address    203.0.113.5:40000
        RFC 5780 server   yes
        confidence        67 % (3 runs)
        duration          413 ms
        servers           stun:198.51.100.1:3478

        """
        #expect(NatReportRenderer.render(try symmetricReport()) == expected)
    }

    @Test func notesAreListed() {
        let verdict = NatClassifier.classify(NatObservations(udpReachable: true, testIMapped: ObservedAddress(ip: "203.0.113.5", port: 1),
                                                             otherAddressAvailable: false))
        let text = NatReportRenderer.render(NatReport(verdict: verdict, confidence: 1, runs: 1, durationMs: 80, servers: []))
        #expect(text.contains("Notes\n  no-rfc5780: The server does not support RFC 5780"))
        #expect(text.contains("confidence        100 % (1 run)"))
    }
}
