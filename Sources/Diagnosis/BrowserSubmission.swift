import Foundation

/// What the check page posts: a check report of `source: "browser"` without the judgement
/// (`verdict`, `findings`, `checks`, `diagnosis`), which the collector adds with the shared
/// evaluator (`BrowserReportBuilder`). `site`, `agent` and the profile come from the page's
/// session, not from this body.
///
/// ```json
/// {"schemaVersion": 1, "source": "browser", "startedAt": "2026-12-02T11:00:00.000Z",
///  "durationMs": 21000, "userAgent": "Mozilla/5.0 ...",
///  "browser": {"gathering": [...], "relays": [...], "regionRtts": [...], "call": {...}}}
/// ```
public struct BrowserSubmission: Sendable, Equatable {
    public var startedAt: Date
    public var durationMs: Double
    public var observations: BrowserObservations

    public init(startedAt: Date, durationMs: Double, observations: BrowserObservations) {
        self.startedAt = startedAt
        self.durationMs = durationMs
        self.observations = observations
    }

    private struct Body: Decodable {
        struct Measurements: Decodable {
            let gathering: [BrowserGathering]
            let relays: [BrowserRelayTest]
            let regionRtts: [BrowserRegionRtt]
            let call: BrowserCall?
        }

        let schemaVersion: Int
        let source: String
        let startedAt: Date
        let durationMs: Double
        let userAgent: String
        let browser: Measurements
    }

    /// Decodes the page's body; every problem is a `ReportDecodingError` naming the field.
    public static func decode(_ data: Data) throws(ReportDecodingError) -> BrowserSubmission {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .notJSON(String(describing: error))
        }
        guard let dictionary = object as? [String: Any] else { throw .notJSON("the top level is not an object") }
        guard let number = dictionary["schemaVersion"] as? NSNumber, let version = Int(exactly: number.doubleValue) else {
            throw .missingSchemaVersion
        }
        guard ReportJSON.supportedSchemaVersions.contains(version) else {
            throw .unsupportedSchemaVersion(found: version, supported: ReportJSON.supportedSchemaVersions)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Self.date(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date: \(text)")
            }
            return date
        }
        let body: Body
        do {
            body = try decoder.decode(Body.self, from: data)
        } catch let error as DecodingError {
            throw ReportJSON.describe(error)
        } catch {
            throw .notJSON(String(describing: error))
        }
        guard body.source == BrowserReportBuilder.source else {
            throw .invalidField(path: "source", reason: "expected \"browser\", found \"\(body.source)\"")
        }
        guard body.durationMs.isFinite, body.durationMs >= 0 else {
            throw .invalidField(path: "durationMs", reason: "not a duration")
        }
        let measurements = body.browser
        return BrowserSubmission(startedAt: body.startedAt, durationMs: body.durationMs, observations: BrowserObservations(
            userAgent: String(body.userAgent.prefix(512)), gathering: measurements.gathering, relays: measurements.relays,
            regionRtts: measurements.regionRtts, call: measurements.call))
    }

    /// ISO 8601 with or without fractional seconds (JavaScript's `toISOString` writes milliseconds).
    static func date(_ text: String) -> Date? {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date }
        return ISO8601DateFormatter().date(from: text)
    }
}
