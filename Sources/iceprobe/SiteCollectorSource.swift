import Collector
import Diagnosis
import Foundation
import Logging
import ReportUpload

/// `iceprobe site --db PATH|postgres://...` and `--collector URL`: the reports a collector keeps,
/// rolled up by the same loader and rollup as report files.
/// - `--db` reads every stored report in the window straight from the collector's database
///   (SQLite file or PostgreSQL, password from PGPASSWORD), so counts match the collector's.
/// - `--collector` asks a running collector for each site's latest report per agent
///   (`/api/v1/sites`, then `/api/v1/sites/SITE/reports`): the same agents and verdicts, but
///   `reportsRead` counts one report per agent. Each request is bounded by 15 s and 256 MiB.
enum SiteCollectorSource {
    static func database(_ location: String, window: TimeWindow) async throws -> [Data] {
        let parsed = try StoreLocation.parse(location)
        if case .sqlite(let path) = parsed, !FileManager.default.fileExists(atPath: path) {
            throw SiteSourceError("--db \(path): no such collector database")
        }
        let store = try await parsed.open(password: ProcessInfo.processInfo.environment["PGPASSWORD"],
                                          logger: Logger(label: "iceprobe.site") { _ in SwiftLogNoOpLogHandler() })
        do {
            let bodies = try await store.bodies(site: nil, window: window)
            await store.close()
            return bodies
        } catch {
            await store.close()
            throw error
        }
    }

    static func collector(_ url: String, caFile: String?, insecureHTTP: Bool, window: TimeWindow) async throws -> [Data] {
        let endpoint = try UploadEndpoint.parse(url, allowInsecureHTTP: insecureHTTP)
        // Reads need no token; the client sends none. A site's latest reports (one per agent, a
        // few to tens of KiB each) are read up to 256 MiB per answer.
        let client = HTTPUploadClient(endpoint: endpoint, token: "", caFile: caFile, maximumAnswerBytes: 256 << 20)
        var query: [String] = []
        let formatter = ISO8601DateFormatter()
        if let since = window.since { query.append("since=" + formatter.string(from: since)) }
        if let until = window.until { query.append("until=" + formatter.string(from: until)) }
        let suffix = query.isEmpty ? "" : "?" + query.joined(separator: "&")
        let list = try await client.send(method: "GET", path: "/api/v1/sites" + suffix, authorized: false)
        guard list.status == 200, let object = try? JSONSerialization.jsonObject(with: Data(list.body.utf8)) as? [String: Any],
              let sites = object["sites"] as? [[String: Any]] else {
            throw SiteSourceError("\(url): /api/v1/sites answered \(list.status)")
        }
        var bodies: [Data] = []
        for site in sites {
            guard let name = site["site"] as? String, let grouping = site["groupedBy"] as? String else { continue }
            let path = "/api/v1/sites/" + CollectorPath.segment(name) + "/reports?groupedBy=" + grouping
                + (query.isEmpty ? "" : "&" + query.joined(separator: "&"))
            let answer = try await client.send(method: "GET", path: path, authorized: false)
            guard answer.status == 200 else { throw SiteSourceError("\(url): \(path) answered \(answer.status)") }
            for line in answer.body.split(separator: "\n") where !line.isEmpty { bodies.append(Data(line.utf8)) }
        }
        return bodies
    }
}
