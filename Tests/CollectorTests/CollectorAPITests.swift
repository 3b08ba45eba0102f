import Collector
import Diagnosis
import Foundation
import ProbeTransport
import ReportUpload
import StunWire
import Testing

/// The collector's API against the real server on loopback, on SQLite and on PostgreSQL.
@Suite(.serialized)
struct CollectorAPITests {
    typealias Kind = CollectorHarness.StoreKind

    @Test("upload: 201 with an id, the same report again stored once, health and metrics", arguments: Kind.allCases)
    func uploadAndDedupe(kind: Kind) async throws {
        guard CollectorHarness.enabled(kind) else { return }
        try await CollectorHarness.with(kind) { collector in
            let report = CollectorHarness.sampleReports(1)[0]
            let first = try await collector.post(report)
            #expect(first.status == 201, "\(first.body)")
            let id = try #require(try CollectorHarness.json(first.body)["id"] as? Int)
            let again = try await collector.post(report)
            #expect(again.status == 200)
            let body = try CollectorHarness.json(again.body)
            #expect(body["id"] as? Int == id)
            #expect(body["duplicate"] as? Bool == true)
            #expect(try await collector.store.count() == 1)

            let health = try await collector.get("/healthz")
            #expect(health.status == 200)
            #expect(try CollectorHarness.json(health.body)["schemaVersion"] as? Int == 1)
            let metrics = try await collector.get("/metrics")
            #expect(metrics.body.contains("iceprobe_reports_received_total 1"))
            #expect(metrics.body.contains("iceprobe_reports_duplicate_total 1"))
            #expect(metrics.body.contains("iceprobe_storage_duration_seconds_bucket"))
        }
    }

    @Test("401 without a token or with a wrong one; nothing stored", arguments: Kind.allCases)
    func unauthorized(kind: Kind) async throws {
        guard CollectorHarness.enabled(kind) else { return }
        try await CollectorHarness.with(kind) { collector in
            let body = Array(try ReportJSON.render(CollectorHarness.sampleReports(1)[0]).utf8)
            let missing = try await collector.client().send(method: "POST", path: "/api/v1/reports", body: body, authorized: false)
            #expect(missing.status == 401)
            let wrong = try await collector.post(body, token: "not-the-token-0123456789")
            #expect(wrong.status == 401)
            #expect(!wrong.body.contains("not-the-token"))
            #expect(try await collector.store.count() == 0)
            let metrics = try await collector.get("/metrics")
            #expect(metrics.body.contains(#"iceprobe_reports_rejected_total{reason="unauthorized"} 2"#))
        }
    }

    @Test("400 with a located reason for malformed JSON, an unknown schemaVersion or a bad field", arguments: Kind.allCases)
    func malformed(kind: Kind) async throws {
        guard CollectorHarness.enabled(kind) else { return }
        try await CollectorHarness.with(kind) { collector in
            let broken = try await collector.post(Array(#"{"schemaVersion": 1, "verdict": "#.utf8))
            #expect(broken.status == 400)
            let brokenBody = try CollectorHarness.json(broken.body)
            #expect(brokenBody["reason"] as? String == "bad-json")
            #expect((brokenBody["error"] as? String ?? "").contains("line") || (brokenBody["error"] as? String ?? "").contains("offset"),
                    "\(broken.body)")

            var object = try #require(try JSONSerialization.jsonObject(with: Data(ReportJSON.render(CollectorHarness.sampleReports(1)[0]).utf8)) as? [String: Any])
            object["schemaVersion"] = 99
            let future = try await collector.post(Array(try JSONSerialization.data(withJSONObject: object)))
            #expect(future.status == 400)
            #expect(try CollectorHarness.json(future.body)["reason"] as? String == "unsupported-schema-version")
            #expect(future.body.contains("99"))

            object["schemaVersion"] = 1
            var regions = try #require(object["regions"] as? [[String: Any]])
            regions[0]["id"] = nil
            object["regions"] = regions
            let missing = try await collector.post(Array(try JSONSerialization.data(withJSONObject: object)))
            #expect(missing.status == 400)
            #expect(missing.body.contains("regions[0].id"), "\(missing.body)")
            #expect(try await collector.store.count() == 0)
        }
    }

    @Test("413 over 1 MiB, and the server goes on answering", arguments: Kind.allCases)
    func oversized(kind: Kind) async throws {
        guard CollectorHarness.enabled(kind) else { return }
        try await CollectorHarness.with(kind) { collector in
            let large = [UInt8](repeating: UInt8(ascii: " "), count: ReportIntake.maximumBytes + 1)
            let answer = try await collector.post(large)
            #expect(answer.status == 413)
            let next = try await collector.post(CollectorHarness.sampleReports(1)[0])
            #expect(next.status == 201)
        }
    }

    @Test("site JSON is one element of `iceprobe site --format json` for the same reports; list, baseline, latest reports",
          arguments: Kind.allCases)
    func siteRollupIsTheCLIs(kind: Kind) async throws {
        guard CollectorHarness.enabled(kind) else { return }
        try await CollectorHarness.with(kind) { collector in
            let reports = CollectorHarness.sampleReports(120)
            for report in reports {
                let answer = try await collector.post(report)
                #expect(answer.status == 201)
            }
            // What `iceprobe site --format json` computes from the same reports as files.
            let expected = SiteRollup.rollup(reports.map { try! ReportJSON.decode(Data(ReportJSON.render($0).utf8)) })
            let named = try #require(expected.first { $0.groupedBy == .site })
            let site = try await collector.get("/api/v1/sites/\(named.site)")
            #expect(site.status == 200)
            #expect(site.body == (try SiteJSON.render(named)))

            let list = try await collector.get("/api/v1/sites")
            let sites = try #require(try CollectorHarness.json(list.body)["sites"] as? [[String: Any]])
            #expect(sites.count == expected.count)
            #expect(sites.first { $0["site"] as? String == named.site }?["agents"] as? Int == named.agents)

            // A window that ends before every report: 404; a baseline: the comparison.
            let empty = try await collector.get("/api/v1/sites/\(named.site)?until=2000-01-01")
            #expect(empty.status == 404)
            let badTime = try await collector.get("/api/v1/sites/\(named.site)?since=yesterday")
            #expect(badTime.status == 400)
            #expect(badTime.body.contains("since"))
            let middle = reports.map(\.startedAt).sorted()[reports.count / 2]
            let compared = try await collector.get("/api/v1/sites/\(named.site)?baseline=\(ISO8601DateFormatter().string(from: middle))")
            #expect(compared.status == 200)
            #expect(try CollectorHarness.json(compared.body)["kind"] as? String == SiteComparison.kindName)

            // Latest report of each agent, in full, as JSON lines.
            let lines = try await collector.get("/api/v1/sites/\(named.site)/reports")
            let decoded = try lines.body.split(separator: "\n").map { try ReportJSON.decode(Data($0.utf8)) }
            #expect(decoded.count == named.agents)
            #expect(Set(decoded.compactMap(\.agent)).count == decoded.count)
            // More than an upload's 64 KiB answer bound: a client with that bound refuses it whole.
            #expect(lines.body.utf8.count > HTTPUploadClient.uploadAnswerBytes)
            let bounded = HTTPUploadClient(endpoint: try UploadEndpoint.parse("http://127.0.0.1:\(collector.port)", allowInsecureHTTP: false),
                                           token: "", timeoutSeconds: 10)
            await #expect(throws: UploadError.self) {
                _ = try await bounded.send(method: "GET", path: "/api/v1/sites/\(named.site)/reports", authorized: false)
            }
        }
    }

    @Test("HTML pages escape every name from a report and draw RTT per region over time", arguments: [Kind.sqlite])
    func pagesEscape(kind: Kind) async throws {
        try await CollectorHarness.with(kind) { collector in
            var report = CollectorHarness.sampleReports(1)[0]
            report.site = #"<script>alert("x")</script>"#
            report.agent = "<img src=x onerror=alert(1)>"
            #expect(try await collector.post(report).status == 201)
            let index = try await collector.get("/")
            #expect(index.status == 200)
            #expect(!index.body.contains("<script>"))
            #expect(index.body.contains("&lt;script&gt;"))
            let link = "/sites/" + (report.site ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let page = try await collector.get(link)
            #expect(page.status == 200, "\(page.body.prefix(300))")
            #expect(!page.body.contains("<script>"))
            #expect(!page.body.contains("<img"))
            #expect(page.body.contains("RTT per region over time"))
        }
    }

    @Test("a slow client (one byte per second) is cut off without delaying others", arguments: [Kind.sqlite])
    func slowClient(kind: Kind) async throws {
        try await CollectorHarness.with(kind, requestDeadline: .seconds(2)) { collector in
            let clock = SystemClock()
            let address = try #require(TransportAddress("127.0.0.1:\(collector.port)"))
            let slow = try await TCPConnection.connect(to: address, deadline: clock.now + Nanoseconds.seconds(2))
            defer { slow.close() }
            let started = ContinuousClock.now
            let trickle = Task {
                for byte in Array("POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n".utf8) {
                    do {
                        _ = try await slow.write([byte], deadline: clock.now + Nanoseconds.seconds(2))
                    } catch {
                        return ContinuousClock.now - started
                    }
                    try? await Task.sleep(for: .milliseconds(1000))
                }
                return ContinuousClock.now - started
            }
            // Meanwhile other clients are served at once.
            for report in CollectorHarness.sampleReports(5, seed: 11) {
                let begun = ContinuousClock.now
                #expect(try await collector.post(report).status == 201)
                #expect(ContinuousClock.now - begun < .seconds(1))
            }
            // The server closes the slow connection after its 2 s request deadline.
            let read = try? await slow.read(maximumLength: 100, deadline: clock.now + Nanoseconds.seconds(5))
            #expect(read == nil || read?.bytes.isEmpty == true)
            trickle.cancel()
            #expect(ContinuousClock.now - started < .seconds(6))
            let metrics = try await collector.get("/metrics")
            #expect(metrics.body.contains(#"iceprobe_reports_rejected_total{reason="slow-request"} 1"#) ||
                    metrics.body.contains(#"iceprobe_reports_rejected_total{reason="slow-request"} 2"#), "\(metrics.body)")
        }
    }

    @Test("data survives a restart of the collector", arguments: Kind.allCases)
    func survivesRestart(kind: Kind) async throws {
        guard CollectorHarness.enabled(kind) else { return }
        let first = try await CollectorHarness.start(kind)
        let reports = CollectorHarness.sampleReports(10, seed: 3)
        do {
            for report in reports { #expect(try await first.post(report).status == 201) }
        } catch {
            await first.stop(removeFiles: true)
            throw error
        }
        await first.stop(removeFiles: false)
        let second = try await CollectorHarness.start(kind, directory: first.directory, fresh: false)
        do {
            #expect(try await second.store.count() == 10)
            #expect(try await second.post(reports[0]).status == 200)
            let list = try await second.get("/api/v1/sites")
            let sites = try #require(try CollectorHarness.json(list.body)["sites"] as? [[String: Any]])
            #expect(sites.reduce(0) { $0 + ($1["reportsRead"] as? Int ?? 0) } == 10)
        } catch {
            await second.stop(removeFiles: true)
            throw error
        }
        await second.stop(removeFiles: true)
    }

    @Test("no TURN secret (or any unknown field) is ever stored", arguments: Kind.allCases)
    func noSecretStored(kind: Kind) async throws {
        guard CollectorHarness.enabled(kind) else { return }
        try await CollectorHarness.with(kind) { collector in
            let secret = "TURN-SECRET-\(UUID().uuidString)"
            let report = try #require(CollectorHarness.sampleReports(10).first { $0.site != nil })
            var object = try #require(try JSONSerialization.jsonObject(with: Data(ReportJSON.render(report).utf8)) as? [String: Any])
            object["turnPassword"] = secret
            object["credential"] = ["username": "agent", "password": secret]
            var regions = try #require(object["regions"] as? [[String: Any]])
            regions[0]["sharedSecret"] = secret
            object["regions"] = regions
            #expect(try await collector.post(Array(try JSONSerialization.data(withJSONObject: object))).status == 201)
            // Everything the collector serves and everything in its database files.
            let site = try #require(object["site"] as? String)
            for path in ["/api/v1/sites", "/api/v1/sites/\(site)", "/api/v1/sites/\(site)/reports", "/", "/sites/\(site)"] {
                #expect(try await !collector.get(path).body.contains(secret), "\(path)")
            }
            let bodies = try await collector.store.bodies(site: nil, window: .all)
            #expect(bodies.count == 1)
            #expect(!bodies.contains { String(decoding: $0, as: UTF8.self).contains(secret) })
            if kind == .sqlite {
                for file in try FileManager.default.contentsOfDirectory(atPath: collector.directory) {
                    let data = try Data(contentsOf: URL(fileURLWithPath: collector.directory + "/" + file))
                    #expect(data.range(of: Data(secret.utf8)) == nil, "\(file)")
                }
            }
        }
    }

    @Test("a report without a site is listed by its public address; profiles list names and regions only")
    func publicAddressSiteAndProfiles() async throws {
        try await CollectorHarness.with(.sqlite) { collector in
            var report = CollectorHarness.sampleReports(1)[0]
            report.site = nil
            #expect(try await collector.post(report).status == 201)
            let list = try await collector.get("/api/v1/sites")
            let sites = try #require(try CollectorHarness.json(list.body)["sites"] as? [[String: Any]])
            let entry = try #require(sites.first)
            #expect(entry["groupedBy"] as? String == "public-address")
            let address = try #require(entry["site"] as? String)
            let site = try await collector.get("/api/v1/sites/\(address)?groupedBy=public-address")
            #expect(site.status == 200)
            #expect(try CollectorHarness.json(site.body)["groupedBy"] as? String == "public-address")
            #expect(try await collector.get("/api/v1/sites/\(address)?groupedBy=site").status == 404)
            #expect(try await collector.get("/api/v1/sites/nowhere").status == 404)

            let profiles = try await collector.get("/api/v1/profiles")
            let listed = try #require(try CollectorHarness.json(profiles.body)["profiles"] as? [[String: Any]])
            #expect(listed.first?["name"] as? String == "generic")
            #expect(listed.first?["regions"] as? [String] == ["eu"])
            #expect(Set(listed.first?.keys.map { $0 } ?? []) == ["name", "description", "regions"])
        }
    }
}
