import Diagnosis
import Foundation
import Hummingbird
import Logging
import NIOCore

/// The collector's HTTP API and pages. Each handler reads the store once and answers with the
/// CLI's own rollup and renderers; it never judges a report itself.
///
/// Routes: `GET /healthz`, `GET /metrics`, `POST /api/v1/reports`, `GET /api/v1/sites`,
/// `GET /api/v1/sites/{site}`, `GET /api/v1/sites/{site}/reports`, `GET /api/v1/profiles`,
/// `GET /` and `GET /sites/{site}`. The browser check page under `/check` is `CheckPageRoutes`.
struct CollectorRoutes: Sendable {
    let store: any ReportStore
    let tokens: TokenSet
    let metrics: CollectorMetrics
    let profiles: [CollectorProfile]
    let logger: Logger

    func register(on router: Router<BasicRequestContext>) {
        router.get("healthz") { _, _ in await self.health() }
        router.get("metrics") { _, _ in
            Self.text(self.metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.post("api/v1/reports") { request, _ in await self.upload(request) }
        router.get("api/v1/sites") { request, _ in await self.sites(request) }
        router.get("api/v1/sites/:site") { request, context in await self.site(request, name: context.parameters.get("site")) }
        router.get("api/v1/sites/:site/reports") { request, context in
            await self.latestReports(request, name: context.parameters.get("site"))
        }
        router.get("api/v1/profiles") { _, _ in Self.json(Self.encode(["profiles": self.profiles])) }
        router.get("/") { request, _ in await self.indexPage(request) }
        router.get("sites/:site") { request, context in await self.sitePage(request, name: context.parameters.get("site")) }
    }

    // MARK: health

    func health() async -> Response {
        do {
            let version = try await store.schemaVersion()
            return Self.json(Self.encode(HealthBody(status: "ok", schemaVersion: version)))
        } catch {
            logger.error("health check: store unavailable", metadata: ["error": "\(error)"])
            return Self.problem(.serviceUnavailable, "the database does not answer")
        }
    }

    struct HealthBody: Encodable {
        let status: String
        let schemaVersion: Int
    }

    // MARK: upload

    func upload(_ request: Request) async -> Response {
        guard tokens.accepts(authorization: request.headers[.authorization]) else {
            metrics.reject(.unauthorized)
            return Self.problem(.unauthorized, "send Authorization: Bearer TOKEN with a token from the collector's --token-file",
                                headers: [.wwwAuthenticate: "Bearer"])
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > ReportIntake.maximumBytes {
            metrics.reject(.tooLarge)
            return Self.problem(.contentTooLarge, "the report is larger than \(ReportIntake.maximumBytes) bytes")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: ReportIntake.maximumBytes)
        } catch is NIOTooManyBytesError {
            metrics.reject(.tooLarge)
            return Self.problem(.contentTooLarge, "the report is larger than \(ReportIntake.maximumBytes) bytes")
        } catch {
            metrics.reject(.slowRequest)
            return Self.problem(.badRequest, "the request body could not be read")
        }
        let stored: StoredReport
        switch ReportIntake.accept(Data(buffer.readableBytesView), receivedAt: Date()) {
        case .success(let report): stored = report
        case .failure(let rejection):
            metrics.reject(rejection.reason)
            logger.info("report rejected", metadata: ["reason": "\(rejection.reason.rawValue)"])
            return Self.problem(.badRequest, rejection.message, reason: rejection.reason.rawValue)
        }
        do {
            let outcome = try await metrics.timed(metrics.insertDuration) { try await store.insert(stored) }
            switch outcome {
            case .created(let id):
                metrics.received.increment()
                logger.info("report stored", metadata: ["id": "\(id)", "site": "\(stored.site.name)", "verdict": "\(stored.verdict)"])
                // No Location header: the API has no per-report resource (reports are read per site).
                return Self.json(Self.encode(UploadBody(id: id, duplicate: false)), status: .created)
            case .duplicate(let id):
                metrics.duplicates.increment()
                return Self.json(Self.encode(UploadBody(id: id, duplicate: true)), status: .ok)
            }
        } catch {
            logger.error("report not stored: database error", metadata: ["error": "\(error)"])
            return Self.problem(.serviceUnavailable, "the report could not be stored; send it again later",
                                headers: [.retryAfter: "5"])
        }
    }

    struct UploadBody: Encodable {
        let id: Int64
        let duplicate: Bool
    }

    // MARK: sites

    struct SiteListBody: Encodable {
        struct Entry: Encodable {
            let site: String
            let groupedBy: SiteGrouping
            let verdict: Verdict
            let agents: Int
            let reportsRead: Int
            let lastReportAt: Date
        }

        let schemaVersion = 1
        let kind = "site-list"
        let sites: [Entry]
    }

    func siteList(_ window: TimeWindow) async throws -> [SiteReport] {
        let bodies = try await metrics.timed(metrics.readDuration) { try await store.bodies(site: nil, window: window) }
        return SiteViews.rollup(bodies).reports
    }

    func sites(_ request: Request) async -> Response {
        do {
            let query = try SiteQuery.parse(Self.parameters(request))
            let reports = try await siteList(query.window)
            let entries = reports.map {
                SiteListBody.Entry(site: $0.site, groupedBy: $0.groupedBy, verdict: $0.verdict, agents: $0.agents,
                                   reportsRead: $0.reportsRead, lastReportAt: $0.lastStartedAt)
            }
            return Self.json(Self.encode(SiteListBody(sites: entries)))
        } catch {
            return failure(error)
        }
    }

    /// The site named in the path (percent-decoded): the `site` grouping first, else a public
    /// address, else `unknown`, unless `groupedBy` says which.
    func resolve(_ name: String?, _ request: Request) async throws -> SiteRef? {
        guard let raw = name else { return nil }
        let decoded = raw.removingPercentEncoding ?? raw
        let known = try await store.sites().filter { $0.name == decoded }
        if let wanted = Self.parameters(request)["groupedBy"] {
            return known.first { $0.grouping.rawValue == wanted }
        }
        return SiteGrouping.allCases.lazy.compactMap { grouping in known.first { $0.grouping == grouping } }.first
    }

    func site(_ request: Request, name: String?) async -> Response {
        do {
            let query = try SiteQuery.parse(Self.parameters(request))
            guard let site = try await resolve(name, request) else { return Self.problem(.notFound, "no reports for this site") }
            let bodies = try await metrics.timed(metrics.readDuration) { try await store.bodies(site: site, window: query.window) }
            let current = SiteViews.report(SiteViews.rollup(bodies).reports, site: site)
            if let baselineTime = query.baseline {
                let old = try await metrics.timed(metrics.readDuration) {
                    try await store.bodies(site: site, window: TimeWindow(since: nil, until: baselineTime))
                }
                guard let comparison = SiteComparison.compare(baseline: SiteViews.report(SiteViews.rollup(old).reports, site: site),
                                                              current: current) else {
                    return Self.problem(.notFound, "no reports for this site in the window or before the baseline")
                }
                return Self.json(try SiteJSON.render(comparison))
            }
            guard let current else { return Self.problem(.notFound, "no reports for this site in the window") }
            return Self.json(try SiteJSON.render(current))
        } catch {
            return failure(error)
        }
    }

    func latestReports(_ request: Request, name: String?) async -> Response {
        do {
            let query = try SiteQuery.parse(Self.parameters(request))
            guard let site = try await resolve(name, request) else { return Self.problem(.notFound, "no reports for this site") }
            let bodies = try await metrics.timed(metrics.readDuration) { try await store.latestPerAgent(site: site, window: query.window) }
            // JSON lines: each stored (pretty-printed) report compacted to one line.
            var lines = ""
            for body in bodies {
                guard let object = try? JSONSerialization.jsonObject(with: body),
                      let line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                else { continue }
                lines += String(decoding: line, as: UTF8.self) + "\n"
            }
            return Self.text(lines, contentType: "application/x-ndjson")
        } catch {
            return failure(error)
        }
    }

    // MARK: pages

    func indexPage(_ request: Request) async -> Response {
        do {
            let query = try SiteQuery.parse(Self.parameters(request))
            return Self.text(CollectorPages.index(try await siteList(query.window)), contentType: "text/html; charset=utf-8")
        } catch {
            return failure(error)
        }
    }

    func sitePage(_ request: Request, name: String?) async -> Response {
        do {
            let query = try SiteQuery.parse(Self.parameters(request))
            guard let site = try await resolve(name, request) else { return Self.problem(.notFound, "no reports for this site") }
            let bodies = try await metrics.timed(metrics.readDuration) { try await store.bodies(site: site, window: query.window) }
            let rolled = SiteViews.rollup(bodies)
            guard let report = SiteViews.report(rolled.reports, site: site) else {
                return Self.problem(.notFound, "no reports for this site in the window")
            }
            let timeline = SiteRegionTimeline.build(rolled.views.filter {
                let key = SiteRollup.site(of: $0)
                return key.site == site.name && key.grouping == site.grouping
            })
            return Self.text(SiteHTMLRenderer.render([report], timelines: [report.site: timeline]),
                             contentType: "text/html; charset=utf-8")
        } catch {
            return failure(error)
        }
    }

    // MARK: helpers

    func failure(_ error: any Error) -> Response {
        if let error = error as? SiteQueryError { return Self.problem(.badRequest, error.message) }
        logger.error("request failed: database error", metadata: ["error": "\(error)"])
        return Self.problem(.serviceUnavailable, "the database does not answer; try again later", headers: [.retryAfter: "5"])
    }

    static func parameters(_ request: Request) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { out[String(key)] = String(value) }
        return out
    }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func json(_ body: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func text(_ body: String, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType, .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// An error answer: `{"error": message, "reason": reason}` (reason: a stable name, when any).
    static func problem(_ status: HTTPResponse.Status, _ message: String, reason: String? = nil,
                        headers: HTTPFields = [:]) -> Response {
        struct Body: Encodable {
            let error: String
            let reason: String?
        }
        return json(encode(Body(error: message, reason: reason)), status: status, headers: headers)
    }
}
