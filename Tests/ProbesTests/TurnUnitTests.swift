import Foundation
import Testing
@testable import Probes
import ProbeTransport
import StunWire

@Suite("TURN credentials")
struct TurnCredentialTests {

    @Test("TURN REST credential: expiry:user and base64(HMAC-SHA1(secret, username))")
    func rest() {
        let credential = TurnCredential.restAPI(sharedSecret: TurnSecret("north-sea"), user: "alice", expiry: 1_700_000_000)
        #expect(credential.username == "1700000000:alice")
        #expect(credential.password.revealed == "fYZsCfMUFS6r+6Q7R40Yu2hIbXk=")   // openssl dgst -sha1 -hmac
        let bare = TurnCredential.restAPI(sharedSecret: TurnSecret("s"), user: "", expiry: 42)
        #expect(bare.username == "42")
        let now = Date(timeIntervalSince1970: 1_000)
        #expect(TurnCredential.restAPI(sharedSecret: TurnSecret("s"), user: "u", lifetime: 60, now: now).username == "1060:u")
    }

    @Test("secrets never print: description, interpolation, dump, debugDescription")
    func redaction() {
        let credential = TurnCredential(username: "bob", password: TurnSecret("hunter2"))
        let server = IceServer(urls: ["turn:x"], username: "bob", credential: TurnSecret("hunter2"))
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

    @Test("credential file: first line without its line ending; empty or binary files are refused without quoting them")
    func credentialFile() throws {
        #expect(try CredentialFile.parse(Array("s3cret\n".utf8), path: "f").revealed == "s3cret")
        #expect(try CredentialFile.parse(Array("s3cret\r\nsecond".utf8), path: "f").revealed == "s3cret")
        #expect(try CredentialFile.parse(Array("no newline".utf8), path: "f").revealed == "no newline")
        #expect(throws: CredentialFileError.self) { try CredentialFile.parse(Array("\nx".utf8), path: "f") }
        #expect(throws: CredentialFileError.self) { try CredentialFile.parse([0xff, 0xfe], path: "f") }
        do {
            _ = try CredentialFile.read(path: "/nonexistent/iceprobe-secret")
            Issue.record("read a missing file")
        } catch {
            #expect(error.kind == .unreadable)
            #expect(error.description.contains("/nonexistent/iceprobe-secret"))
        }
    }
}

@Suite("ICE server list")
struct IceServerListTests {
    static func parse(_ json: String) throws(IceServerListError) -> [IceServer] {
        try IceServerList.parse(Data(json.utf8))
    }

    @Test("urls as array or string, optional credentials, wrapper object")
    func valid() throws {
        let servers = try Self.parse("""
        [{"urls": ["turn:a.example:3478?transport=udp", "turns:a.example:443?transport=tcp"],
          "username": "u1", "credential": "p1"},
         {"urls": "stun:b.example"},
         {"url": "turn:c.example", "username": "u3", "credential": "p3", "credentialType": "password"}]
        """)
        #expect(servers.count == 3)
        #expect(servers[0].urls.count == 2)
        #expect(servers[0].turnCredential?.username == "u1")
        #expect(servers[0].turnCredential?.password.revealed == "p1")
        #expect(servers[1].urls == ["stun:b.example"])
        #expect(servers[1].turnCredential == nil)
        #expect(servers[2].urls == ["turn:c.example"])
        let wrapped = try Self.parse(#"{"iceServers": [{"urls": "turn:x", "username": "a", "credential": "b"}]}"#)
        #expect(wrapped.count == 1)
    }

    @Test("errors name the place", arguments: [
        ("not json", IceServerListError.Kind.notJSON, "$"),
        ("[]", .empty, "$"),
        ("42", .wrongType, "$"),
        (#"{"servers": []}"#, .wrongType, "$"),
        (#"[{"urls": "turn:x"}, 5]"#, .wrongType, "$[1]"),
        (#"[{"username": "x"}]"#, .missingField, "$[0]"),
        (#"[{"urls": 7}]"#, .wrongType, "$[0].urls"),
        (#"[{"urls": ["turn:x", 7]}]"#, .wrongType, "$[0].urls[1]"),
        (#"[{"urls": []}]"#, .empty, "$[0].urls"),
        (#"[{"urls": "turn:x", "credential": 12345}]"#, .wrongType, "$[0].credential"),
        (#"{"iceServers": {"urls": "x"}}"#, .wrongType, "$.iceServers"),
    ])
    func invalid(json: String, kind: IceServerListError.Kind, path: String) {
        do {
            _ = try Self.parse(json)
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.kind == kind)
            #expect(error.path == path)
            #expect(!error.description.contains("12345"))
        }
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
