import Foundation

/// The report of `iceprobe nat`: the (majority) verdict's fields at the top level, plus how
/// many runs agreed, how long it took and which servers were asked. Encodes with `ReportJSON`'s
/// conventions (optionals as `null`).
public struct NatReport: Sendable, Equatable, Codable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var verdict: NatVerdict
    /// Runs agreeing with `verdict` divided by runs (1 for a single run).
    public var confidence: Double
    public var runs: Int
    public var durationMs: Double
    /// The servers asked, as the user gave them (URIs or host:port), never with credentials.
    public var servers: [String]

    public init(schemaVersion: Int = NatReport.currentSchemaVersion, verdict: NatVerdict, confidence: Double,
                runs: Int, durationMs: Double, servers: [String]) {
        self.schemaVersion = schemaVersion
        self.verdict = verdict
        self.confidence = confidence
        self.runs = runs
        self.durationMs = durationMs
        self.servers = servers
    }

    /// From the agreement of `--repeat N` runs.
    public init(agreement: NatAgreement, durationMs: Double, servers: [String]) {
        self.init(verdict: agreement.verdict, confidence: agreement.confidence, runs: agreement.runs,
                  durationMs: durationMs, servers: servers)
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, confidence, runs, durationMs, servers
    }

    public func encode(to encoder: Encoder) throws {
        try verdict.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(runs, forKey: .runs)
        try container.encode(durationMs, forKey: .durationMs)
        try container.encode(servers, forKey: .servers)
    }

    public init(from decoder: Decoder) throws {
        verdict = try NatVerdict(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        confidence = try container.decode(Double.self, forKey: .confidence)
        runs = try container.decode(Int.self, forKey: .runs)
        durationMs = try container.decode(Double.self, forKey: .durationMs)
        servers = try container.decode([String].self, forKey: .servers)
    }

    /// Sorted keys, pretty printed, trailing newline.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity",
                                                                      negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
