import Collector
import Credentials
import Diagnosis
import Foundation
import ProbeTransport
import StunWire
import Testing

/// The browser check page's server side against the real collector on loopback (SQLite): the
/// page and its modules served from the binary with no credential in them, sessions handing out
/// static or minted TURN REST credentials, a browser report evaluated, stored once, and rolled up
/// beside CLI reports with its source. The page's JavaScript itself runs in Chromium in the lab
/// scenarios (Scenarios/browser-*.yaml).
@Suite(.serialized)
struct CheckPageTests {
    static let password = "page-test-password-7f3a"

    static func labProfile(_ credential: CheckPageCredential) throws -> [CheckPageProfile] {
        [CheckPageProfile(profile: try #require(try ProfileCatalog.profile(named: "lab")), credential: credential)]
    }

    static var staticCredential: CheckPageCredential { .static(username: "agent", password: RedactedSecret(password)) }

    /// A whole HTTP exchange on a raw connection, for the headers the upload client does not return.
    static func raw(_ port: Int, _ request: String) async throws -> String {
        let clock = SystemClock()
        let address = try #require(TransportAddress("127.0.0.1:\(port)"))
        let connection = try await TCPConnection.connect(to: address, deadline: clock.now + Nanoseconds.seconds(5))
        defer { connection.close() }
        try await connection.write(Array(request.utf8), deadline: clock.now + Nanoseconds.seconds(5))
        var bytes: [UInt8] = []
        while true {
            do {
                bytes += try await connection.read(maximumLength: 65_536, deadline: clock.now + Nanoseconds.seconds(5)).bytes
            } catch {
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func browserBody() throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DiagnosisTests/Fixtures/browser/home-nat-untrusted-tls.json")
        return Array(try Data(contentsOf: url))
    }

    @Test func thePageAndItsModulesComeFromTheBinaryWithoutSecrets() async throws {
        try await CollectorHarness.with(.sqlite, checkProfiles: try Self.labProfile(Self.staticCredential)) { collector in
            let page = try await Self.raw(collector.port, "GET /check?profile=lab&site=home&agent=a1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(page.hasPrefix("HTTP/1.1 200"))
            #expect(page.lowercased().contains("content-security-policy: default-src 'none'; script-src 'self'"))
            #expect(page.contains(#"<script type="module" src="/check/app.js"></script>"#))
            #expect(!page.contains("http://") && !page.contains("https://"), "no CDN, no external URL")
            #expect(!page.contains(Self.password))
            for file in ["app.js", "measure.js", "view.js", "check.css"] {
                let answer = try await Self.raw(collector.port, "GET /check/\(file) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                #expect(answer.hasPrefix("HTTP/1.1 200"), "\(file)")
                #expect(answer.lowercased().contains(file.hasSuffix(".js") ? "content-type: text/javascript" : "content-type: text/css"))
                #expect(!answer.contains(Self.password))
                #expect(!answer.contains("https://") && !answer.contains("http://"), "\(file) loads nothing from elsewhere")
            }
            #expect(try await collector.get("/check/other.js").status == 404)
        }
    }

    @Test func aSessionHandsOutTheStaticCredentialAndTheProfilesServers() async throws {
        try await CollectorHarness.with(.sqlite, checkProfiles: try Self.labProfile(Self.staticCredential)) { collector in
            let answer = try await collector.client().send(method: "POST", path: "/check/api/sessions",
                                                           body: Array(#"{"profile":"lab","site":"home","agent":"a1"}"#.utf8), authorized: false)
            #expect(answer.status == 201, "\(answer.body)")
            let body = try CollectorHarness.json(answer.body)
            #expect((body["session"] as? String)?.count == 32)
            let credential = try #require(body["credential"] as? [String: Any])
            #expect(credential["username"] as? String == "agent")
            #expect(credential["credential"] as? String == Self.password)
            let profile = try #require(body["profile"] as? [String: Any])
            #expect(profile["homeRegion"] as? String == "jp1")
            let regions = try #require(profile["regions"] as? [[String: Any]])
            #expect(regions.first?["turn"] as? [String] == ["turn:jp1.iceprobe.test:3478?transport=udp",
                                                          "turn:jp1.iceprobe.test:3478?transport=tcp",
                                                          "turns:jp1.iceprobe.test:443?transport=tcp"])
            #expect(body["callSeconds"] as? Int == 10)
            let unknown = try await collector.client().send(method: "POST", path: "/check/api/sessions",
                                                            body: Array(#"{"profile":"twilio"}"#.utf8), authorized: false)
            #expect(unknown.status == 404)
            #expect(unknown.body.contains("known: lab"))
        }
    }

    @Test func aTurnRestCredentialIsMintedPerSessionWithAShortExpiry() throws {
        let credential = CheckPageCredential.rest(user: "agent", sharedSecret: RedactedSecret("Jefe"), lifetime: 600)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let issued = try #require(credential.issue(now: now))
        #expect(issued.username == "1800000600:agent")
        #expect(issued.expiresAt == Date(timeIntervalSince1970: 1_800_000_600))
        // HMAC-SHA1 checked against RFC 2202 test case 2 (key "Jefe").
        let mac = CheckPageCredential.hmacSHA1(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(mac.map { String(format: "%02x", $0) }.joined() == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
        let expected = Data(CheckPageCredential.hmacSHA1(key: Array("Jefe".utf8), message: Array("1800000600:agent".utf8))).base64EncodedString()
        #expect(issued.password == expected)
        #expect(!"\(credential)".contains("Jefe"))
        #expect(CheckPageCredential.none.issue() == nil)
    }

    @Test func aBrowserReportIsEvaluatedStoredOnceAndRolledUpBesideCliReports() async throws {
        try await CollectorHarness.with(.sqlite, checkProfiles: try Self.labProfile(Self.staticCredential)) { collector in
            let open = try await collector.client().send(method: "POST", path: "/check/api/sessions",
                                                         body: Array(#"{"profile":"lab","site":"home","agent":"web1"}"#.utf8), authorized: false)
            let session = try #require(try CollectorHarness.json(open.body)["session"] as? String)
            let sent = try await collector.client().send(method: "POST", path: "/check/api/sessions/\(session)/report",
                                                         body: try Self.browserBody(), authorized: false)
            #expect(sent.status == 201, "\(sent.body.prefix(300))")
            let answer = try CollectorHarness.json(sent.body)
            let report = try #require(answer["report"] as? [String: Any])
            #expect(report["source"] as? String == "browser")
            #expect(report["agent"] as? String == "web1")
            #expect(report["site"] as? String == "home")
            #expect(report["verdict"] as? String != nil)
            let again = try await collector.client().send(method: "POST", path: "/check/api/sessions/\(session)/report",
                                                          body: try Self.browserBody(), authorized: false)
            #expect(again.status == 409)
            let stranger = try await collector.client().send(method: "POST", path: "/check/api/sessions/00000000000000000000000000000000/report",
                                                             body: try Self.browserBody(), authorized: false)
            #expect(stranger.status == 404)
            #expect(try await collector.store.count() == 1)

            // A CLI report of the same site: both agents in the site report, each with its source.
            var cli = CollectorHarness.sampleReports(1)[0]
            cli.site = "home"
            cli.agent = "desk1"
            #expect(try await collector.post(cli).status == 201)
            let site = try CollectorHarness.json(try await collector.get("/api/v1/sites/home").body)
            let agents = try #require(site["agentResults"] as? [[String: Any]])
            let sources = Dictionary(uniqueKeysWithValues: agents.compactMap { agent -> (String, String)? in
                guard let name = agent["agent"] as? String, let source = agent["source"] as? String else { return nil }
                return (name, source)
            })
            #expect(sources == ["web1": "browser", "desk1": "cli"])
            let page = try await collector.get("/sites/home")
            #expect(page.body.contains("browser"))
            #expect(!(try await collector.get("/api/v1/sites/home/reports")).body.contains(Self.password))
        }
    }

    @Test func aBadBrowserReportGetsALocatedReasonAndKeepsTheSession() async throws {
        try await CollectorHarness.with(.sqlite, checkProfiles: try Self.labProfile(Self.staticCredential)) { collector in
            let open = try await collector.client().send(method: "POST", path: "/check/api/sessions",
                                                         body: Array(#"{"profile":"lab"}"#.utf8), authorized: false)
            let session = try #require(try CollectorHarness.json(open.body)["session"] as? String)
            let bad = try await collector.client().send(method: "POST", path: "/check/api/sessions/\(session)/report",
                                                        body: Array(#"{"schemaVersion":1,"source":"browser","startedAt":"2026-12-02T11:00:00Z","durationMs":1,"userAgent":"x"}"#.utf8),
                                                        authorized: false)
            #expect(bad.status == 400)
            #expect(bad.body.contains("browser"))
            let good = try await collector.client().send(method: "POST", path: "/check/api/sessions/\(session)/report",
                                                         body: try Self.browserBody(), authorized: false)
            #expect(good.status == 201)
        }
    }
}
