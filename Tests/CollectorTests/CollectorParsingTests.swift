import Collector
import Diagnosis
import Foundation
import Testing

/// The collector's readers of flags, files and query strings: typed errors, no secrets quoted.
@Suite struct CollectorParsingTests {
    @Test func storeLocations() throws {
        #expect(try StoreLocation.parse("collector.sqlite") == .sqlite(path: "collector.sqlite"))
        #expect(try StoreLocation.parse("postgres://iceprobe@db.internal/reports")
                == .postgres(host: "db.internal", port: 5432, user: "iceprobe", database: "reports", requireTLS: false))
        #expect(try StoreLocation.parse("postgresql://u@127.0.0.1:6543/d?sslmode=require")
                == .postgres(host: "127.0.0.1", port: 6543, user: "u", database: "d", requireTLS: true))
        for bad in ["", "mysql://u@h/d", "postgres://h/d", "postgres://u@h", "postgres://u@h/d?x=1", "postgres://u@h:0/d"] {
            #expect(throws: StoreError.self, "\(bad)") { try StoreLocation.parse(bad) }
        }
        do {
            _ = try StoreLocation.parse("postgres://u:hunter2-secret@h/d")
            Issue.record("a password in the URL was accepted")
        } catch {
            #expect(!error.description.contains("hunter2-secret"))
        }
    }

    @Test func tokenFiles() throws {
        let tokens = try TokenSet(fileContents: "# desk tokens\n\n  abcdefghijklmnop0123  \nsecond-token-0123456789\n")
        #expect(tokens.count == 2)
        #expect(tokens.accepts(authorization: "Bearer abcdefghijklmnop0123"))
        #expect(tokens.accepts(authorization: "bearer second-token-0123456789"))
        #expect(!tokens.accepts(authorization: "Bearer abcdefghijklmnop012"))
        #expect(!tokens.accepts(authorization: "Basic abcdefghijklmnop0123"))
        #expect(!tokens.accepts(authorization: nil))
        #expect(throws: TokenFileError.tooShort(line: 2)) { try TokenSet(fileContents: "# c\nshort\n") }
        #expect(throws: TokenFileError.empty) { try TokenSet(fileContents: "# only a comment\n") }
        #expect(throws: TokenFileError.badCharacter(line: 1)) { try TokenSet(fileContents: "token with spaces inside\n") }
    }

    @Test func siteQueries() throws {
        let day = try SiteQuery.parse(["since": "2026-12-01", "until": "2026-12-01"])
        #expect(day.window.since == ISO8601DateFormatter().date(from: "2026-12-01T00:00:00Z"))
        let span = try #require(day.window.until).timeIntervalSince(try #require(day.window.since))
        #expect(abs(span - 86_399.999) < 0.000_1)
        let exact = try SiteQuery.parse(["baseline": "2026-11-24T09:30:00+09:00"])
        #expect(exact.baseline == ISO8601DateFormatter().date(from: "2026-11-24T00:30:00Z"))
        #expect(throws: SiteQueryError.self) { try SiteQuery.parse(["since": "last week"]) }
        #expect(throws: SiteQueryError.self) { try SiteQuery.parse(["since": "2026-12-02", "until": "2026-12-01"]) }
    }

    @Test func badJSONIsLocated() throws {
        var generator = SiteSampleGenerator(seed: 1, sites: 1)
        var text = try ReportJSON.render(generator.reports(1)[0])
        // Damage the third line: the reason names line 3.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines[2] = "  \"agent\" : nope,"
        text = lines.joined(separator: "\n")
        guard case .failure(let rejection) = ReportIntake.accept(Data(text.utf8), receivedAt: Date()) else {
            Issue.record("damaged JSON accepted")
            return
        }
        #expect(rejection.reason == .badJSON)
        #expect(rejection.message.contains("line 3"), "\(rejection.message)")
    }

    @Test func storedBodyIsTheCanonicalReport() throws {
        var generator = SiteSampleGenerator(seed: 2, sites: 2)
        let report = generator.reports(1)[0]
        var object = try #require(try JSONSerialization.jsonObject(with: Data(ReportJSON.render(report).utf8)) as? [String: Any])
        object["extra"] = "dropped"
        guard case .success(let stored) = ReportIntake.accept(try JSONSerialization.data(withJSONObject: object), receivedAt: Date()) else {
            Issue.record("report refused")
            return
        }
        #expect(stored.body == (try ReportJSON.render(report)))
        #expect(!stored.body.contains("dropped"))
        #expect(stored.startedAtMs == Int64(report.startedAt.timeIntervalSince1970 * 1000))
    }
}
