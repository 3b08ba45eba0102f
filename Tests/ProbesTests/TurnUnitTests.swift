import Foundation
import Testing
@testable import Probes
import ProbeTransport
import StunWire
import Credentials

@Suite("TURN credentials")
struct TurnCredentialTests {

    @Test("TURN REST credential: expiry:user and base64(HMAC-SHA1(secret, username))")
    func rest() {
        let credential = TurnCredential.restAPI(sharedSecret: RedactedSecret("north-sea"), user: "alice", expiry: 1_700_000_000)
        #expect(credential.username == "1700000000:alice")
        #expect(credential.password.revealed == "fYZsCfMUFS6r+6Q7R40Yu2hIbXk=")   // openssl dgst -sha1 -hmac
        let bare = TurnCredential.restAPI(sharedSecret: RedactedSecret("s"), user: "", expiry: 42)
        #expect(bare.username == "42")
        let now = Date(timeIntervalSince1970: 1_000)
        #expect(TurnCredential.restAPI(sharedSecret: RedactedSecret("s"), user: "u", lifetime: 60, now: now).username == "1060:u")
    }

    @Test("secrets never print: description, interpolation, dump, debugDescription")
    func redaction() {
        let credential = TurnCredential(username: "bob", password: RedactedSecret("hunter2"))
        let server = IceServerEntry(urls: ["turn:x"], username: "bob", credential: RedactedSecret("hunter2"))
        var dumped = ""
        dump(credential, to: &dumped)
        dump(server, to: &dumped)
        let texts = ["\(credential)", "\(credential.password)", String(describing: credential), String(reflecting: credential),
                     String(reflecting: credential.password), "\(server)", String(reflecting: server), dumped]
        for text in texts {
            #expect(!text.contains("hunter2"), "\(text)")
        }
        #expect("\(credential.password)" == "<redacted>")
        #expect("\(credential)" == "bob:<redacted>")
    }

    @Test("an ICE server entry gives a long-term credential only with both username and credential")
    func entryCredential() {
        let both = IceServerEntry(urls: ["turn:x"], username: "u1", credential: RedactedSecret("p1"))
        #expect(both.turnCredential?.username == "u1")
        #expect(both.turnCredential?.password.revealed == "p1")
        #expect(IceServerEntry(urls: ["turn:x"], username: "u1").turnCredential == nil)
        #expect(IceServerEntry(urls: ["turn:x"], credential: RedactedSecret("p1")).turnCredential == nil)
    }
}

@Suite("TURN classifier")
struct TurnClassifierTests {
    typealias Row = (TurnFacts, String)

    static let rows: [Row] = [
        (TurnFacts(transport: .udp, failedStage: .resolve, transportError: .dns), "dns-failure"),
        (TurnFacts(transport: .tcp, failedStage: .connect, transportError: .unreachable), "unreachable"),
        (TurnFacts(transport: .udp, failedStage: .allocate, transportError: .refused), "unreachable"),
        (TurnFacts(transport: .tcp, failedStage: .connect, transportError: .refused), "tcp-refused"),
        (TurnFacts(transport: .tls, failedStage: .connect, transportError: .refused), "tcp-refused"),
        (TurnFacts(transport: .tcp, failedStage: .allocate, transportError: .reset), "tcp-reset"),
        (TurnFacts(transport: .tcp, failedStage: .allocate, transportError: .closed), "connection-closed"),
        (TurnFacts(transport: .tls, failedStage: .tlsHandshake, transportError: .tls(.untrustedCertificate)), "tls-untrusted-certificate"),
        (TurnFacts(transport: .tls, failedStage: .tlsHandshake, transportError: .tls(.nameMismatch)), "tls-name-mismatch"),
        (TurnFacts(transport: .tls, failedStage: .tlsHandshake, transportError: .tls(.expired)), "tls-expired"),
        (TurnFacts(transport: .tls, failedStage: .tlsHandshake, transportError: .tls(.protocolError)), "tls-protocol"),
        (TurnFacts(transport: .udp, failedStage: .allocate, transportError: .timeout), "timeout"),
        (TurnFacts(transport: .tcp, failedStage: .connect, transportError: .timeout), "timeout"),
        (TurnFacts(transport: .tcp, failedStage: .allocate, transportError: .malformed), "protocol-error"),
        (TurnFacts(transport: .udp, failedStage: .connect, transportError: .addressUnavailable), "local-configuration"),
        (TurnFacts(transport: .udp, failedStage: .allocate, errorCode: 401, authenticated: true), "wrong-credentials"),
        (TurnFacts(transport: .udp, failedStage: .allocate, errorCode: 401, authenticated: false, hadCredential: false), "credentials-required"),
        (TurnFacts(transport: .udp, failedStage: .allocate, errorCode: 401, authenticated: false, hadCredential: true), "protocol-error"),
        (TurnFacts(transport: .udp, failedStage: .allocate, errorCode: 441), "wrong-credentials"),
        (TurnFacts(transport: .udp, failedStage: .allocate, errorCode: 403), "forbidden"),
        (TurnFacts(transport: .udp, failedStage: .permission, errorCode: 403, allocated: true), "forbidden"),
        (TurnFacts(transport: .udp, failedStage: .allocate, errorCode: 437), "allocation-mismatch"),
        (TurnFacts(transport: .tcp, failedStage: .allocate, errorCode: 442), "unsupported-transport"),
        (TurnFacts(transport: .udp, failedStage: .allocate, errorCode: 486), "quota-reached"),
        (TurnFacts(transport: .udp, failedStage: .peerAllocate, errorCode: 486, allocated: true), "quota-reached"),
        (TurnFacts(transport: .udp, failedStage: .allocate, errorCode: 508), "insufficient-capacity"),
        (TurnFacts(transport: .udp, failedStage: .allocate, errorCode: 599), "error-599"),
        (TurnFacts(transport: .udp, failedStage: .allocate, errorCode: 438, authenticated: true), "error-438"),
        (TurnFacts(transport: .udp, failedStage: .allocate, errorCode: 300, redirectLoop: true), "redirect-loop"),
        (TurnFacts(transport: .udp, failedStage: .allocate, errorCode: 300), "error-300"),
        (TurnFacts(transport: .udp, failedStage: .allocate, malformedResponse: true), "protocol-error"),
        (TurnFacts(transport: .udp, failedStage: .relay, allocated: true, relayChecked: true, relaySent: 10), "relay-failed"),
        (TurnFacts(transport: .udp, allocated: true, relayChecked: true, relaySent: 10, relayReceived: 3), "ok"),
        (TurnFacts(transport: .tls, allocated: true, relayChecked: true, relaySent: 10, relayReceived: 10), "ok"),
        (TurnFacts(transport: .tcp, allocated: true), "ok"),
    ]

    @Test("facts -> diagnosis table")
    func table() {
        for (facts, expected) in Self.rows {
            #expect(TurnClassifier.classify(facts).id == expected, "\(facts)")
        }
    }

    @Test("every diagnosis has a distinct id and an explanation")
    func distinct() {
        let all: [TurnDiagnosis] = [.ok, .dnsFailure, .unreachable, .tcpRefused, .tcpReset, .connectionClosed,
                                    .tlsUntrustedCertificate, .tlsNameMismatch, .tlsExpired, .tlsProtocol, .timeout,
                                    .credentialsRequired, .wrongCredentials, .forbidden, .allocationMismatch,
                                    .unsupportedTransport, .quotaReached, .insufficientCapacity, .redirectLoop,
                                    .protocolError, .relayFailed, .localConfiguration, .cancelled, .errorCode(599)]
        #expect(Set(all.map(\.id)).count == all.count)
        #expect(all.allSatisfy { !$0.explanation.isEmpty })
    }
}

@Suite("TURN report")
struct TurnReportTests {
    @Test("stale-nonce retries are reported in JSON (0 when none) and in text (only when some)")
    func staleNonceRetries() throws {
        var observation = TurnObservation(server: "turn:127.0.0.1:3478", transport: .udp, hadCredential: true, username: "probe")
        observation.allocation = TurnAllocation(relayedAddress: TransportAddress(ip: .loopbackV4, port: 50_000),
                                                mappedAddress: nil, lifetime: 600)
        let quiet = TurnReport(observations: [observation])
        #expect(quiet.json().contains("\"staleNonceRetries\" : 0"))
        #expect(!quiet.text().contains("stale-nonce"))
        observation.staleNonceRetries = 2
        let retried = TurnReport(observations: [observation])
        #expect(retried.json().contains("\"staleNonceRetries\" : 2"))
        #expect(retried.text().contains("2 stale-nonce (438) answer(s) retried"))
    }
}
