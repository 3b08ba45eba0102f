import Diagnosis
import Foundation
import Hummingbird
import Logging
import NIOCore

/// The browser check page (issue 18):
/// - `GET /check?profile=NAME&site=SITE&agent=AGENT`: the page (static HTML; the query is read by
///   its script), `GET /check/app.js`, `/check/measure.js`, `/check/view.js`, `/check/check.css`;
/// - `POST /check/api/sessions` `{"profile", "site", "agent"}`: opens a session and hands out the
///   profile's regions (STUN/TURN URLs) and a TURN credential (`CheckPageCredential`), never
///   written into the page's source; 404 for a profile the collector was not started with;
/// - `POST /check/api/sessions/{id}/report`: the page's `BrowserSubmission`; evaluated by
///   `BrowserReportBuilder` (the shared evaluator), stored like an uploaded report, answered 201
///   with the stored id and the evaluated report; 404 for an unknown or expired session, 409 for a
///   second report with one session, 400 with a located reason for a bad body.
/// No token: the page runs on an agent's PC that has none. A session allows one report.
struct CheckPageRoutes: Sendable {
    let store: any ReportStore
    let metrics: CollectorMetrics
    let profiles: [CheckPageProfile]
    let sessions: CheckSessions
    let callSeconds: Int
    let logger: Logger

    static let maximumNameLength = 120

    func register(on router: Router<BasicRequestContext>) {
        router.get("check") { _, _ in Self.asset(CheckPageAssets.page) }
        router.get("check/:file") { _, context in
            guard let name = context.parameters.get("file"), let asset = CheckPageAssets.files[name] else {
                return CollectorRoutes.problem(.notFound, "no such file")
            }
            return Self.asset(asset)
        }
        router.post("check/api/sessions") { request, _ in await self.openSession(request) }
        router.post("check/api/sessions/:id/report") { request, context in
            await self.report(request, id: context.parameters.get("id") ?? "")
        }
    }

    static func asset(_ asset: CheckPageAssets.Asset) -> Response {
        Response(status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "no-cache",
                                        .contentSecurityPolicy: CheckPageAssets.contentSecurityPolicy],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }

    struct SessionRequest: Decodable {
        let profile: String?
        let site: String?
        let agent: String?
    }

    struct SessionBody: Encodable {
        struct Region: Encodable {
            let id: String
            let name: String
            let stun: [String]
            let turn: [String]
        }

        struct ProfileView: Encodable {
            let name: String
            let description: String
            let homeRegion: String?
            let regions: [Region]
        }

        struct Credential: Encodable {
            let username: String
            let credential: String
            let expiresAt: Date?
        }

        let session: String
        let profile: ProfileView
        let site: String?
        let agent: String?
        let credential: Credential?
        let callSeconds: Int
    }

    static func cleaned(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let printable = String(trimmed.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
        return printable.isEmpty ? nil : String(printable.prefix(maximumNameLength))
    }

    func openSession(_ request: Request) async -> Response {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 16 * 1024)
        } catch {
            return CollectorRoutes.problem(.badRequest, "the request body could not be read (at most 16 KiB)")
        }
        guard let asked = try? JSONDecoder().decode(SessionRequest.self, from: Data(buffer.readableBytesView)) else {
            return CollectorRoutes.problem(.badRequest, "expected a JSON object with profile, site and agent")
        }
        let name = asked.profile ?? ""
        guard let entry = profiles.first(where: { $0.profile.name == name }) ?? (name.isEmpty && profiles.count == 1 ? profiles.first : nil) else {
            let known = profiles.map(\.profile.name).joined(separator: ", ")
            return CollectorRoutes.problem(.notFound, name.isEmpty
                ? "the link names no profile (known: \(known.isEmpty ? "none" : known))"
                : "this collector has no check profile \"\(name)\" (known: \(known.isEmpty ? "none" : known))",
                reason: "unknown-profile")
        }
        let session = await sessions.open(profile: entry.profile.name, site: Self.cleaned(asked.site), agent: Self.cleaned(asked.agent))
        let credential = entry.credential.issue().map { SessionBody.Credential(username: $0.username, credential: $0.password, expiresAt: $0.expiresAt) }
        let regions = entry.profile.regions.map { SessionBody.Region(id: $0.id, name: $0.name, stun: $0.stun, turn: $0.turn) }
        let body = SessionBody(session: session.id,
                               profile: .init(name: entry.profile.name, description: entry.profile.description,
                                              homeRegion: entry.profile.homeRegion, regions: regions),
                               site: session.site, agent: session.agent, credential: credential, callSeconds: callSeconds)
        logger.info("check page session opened", metadata: ["profile": "\(entry.profile.name)", "site": "\(session.site ?? "-")",
                                                             "agent": "\(session.agent ?? "-")", "credential": "\(entry.credential)"])
        var response = CollectorRoutes.json(CollectorRoutes.encode(body), status: .created)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    func report(_ request: Request, id: String) async -> Response {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: ReportIntake.maximumBytes)
        } catch is NIOTooManyBytesError {
            metrics.reject(.tooLarge)
            return CollectorRoutes.problem(.contentTooLarge, "the report is larger than \(ReportIntake.maximumBytes) bytes")
        } catch {
            metrics.reject(.slowRequest)
            return CollectorRoutes.problem(.badRequest, "the request body could not be read")
        }
        let submission: BrowserSubmission
        do {
            submission = try BrowserSubmission.decode(Data(buffer.readableBytesView))
        } catch {
            metrics.reject(.invalidReport)
            logger.info("browser report rejected", metadata: ["reason": "\(error.description)"])
            return CollectorRoutes.problem(.badRequest, error.description, reason: IntakeRejection.Reason.invalidReport.rawValue)
        }
        let session: CheckSessions.Session
        switch await sessions.claim(id) {
        case .ok(let claimed): session = claimed
        case .unknown:
            return CollectorRoutes.problem(.notFound, "this check session is unknown or expired: open the link again", reason: "unknown-session")
        case .alreadyReported:
            return CollectorRoutes.problem(.conflict, "this check session has already sent its report", reason: "already-reported")
        }
        guard let entry = profiles.first(where: { $0.profile.name == session.profile }) else {
            await sessions.release(id)
            return CollectorRoutes.problem(.notFound, "the session's profile is gone", reason: "unknown-profile")
        }
        let report = BrowserReportBuilder.report(submission.observations, profile: entry.profile, site: session.site,
                                                 agent: session.agent, startedAt: submission.startedAt,
                                                 durationMs: submission.durationMs)
        let rendered: String
        do {
            rendered = try ReportJSON.render(report)
        } catch {
            await sessions.release(id)
            return CollectorRoutes.problem(.badRequest, "the report cannot be encoded: \(error)", reason: IntakeRejection.Reason.invalidReport.rawValue)
        }
        let stored: StoredReport
        switch ReportIntake.accept(Data(rendered.utf8), receivedAt: Date()) {
        case .success(let accepted): stored = accepted
        case .failure(let rejection):
            await sessions.release(id)
            metrics.reject(rejection.reason)
            return CollectorRoutes.problem(.badRequest, rejection.message, reason: rejection.reason.rawValue)
        }
        do {
            let outcome = try await metrics.timed(metrics.insertDuration) { try await store.insert(stored) }
            let storedID: Int64
            switch outcome {
            case .created(let created):
                metrics.received.increment()
                storedID = created
            case .duplicate(let existing):
                metrics.duplicates.increment()
                storedID = existing
            }
            logger.info("browser report stored", metadata: ["id": "\(storedID)", "site": "\(stored.site.name)",
                                                            "verdict": "\(stored.verdict)", "source": "browser"])
            let body = "{\"id\":\(storedID),\"report\":\(stored.body.trimmingCharacters(in: .whitespacesAndNewlines))}\n"
            return CollectorRoutes.json(body, status: .created)
        } catch {
            await sessions.release(id)
            logger.error("browser report not stored: database error", metadata: ["error": "\(error)"])
            return CollectorRoutes.problem(.serviceUnavailable, "the report could not be stored; send it again later",
                                           headers: [.retryAfter: "5"])
        }
    }
}
