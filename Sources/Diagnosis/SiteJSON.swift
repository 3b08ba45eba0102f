import Foundation

/// The JSON encoding of site reports and comparisons: sorted keys, two-space pretty printing,
/// ISO 8601 dates, `null` kept, trailing newline; same value, same bytes.
public enum SiteJSON {
    /// An array of site reports (one element per site, sorted by site), each with
    /// `"schemaVersion": 1` and `"kind": "site"` (fields documented on `SiteReport`).
    public static func render(_ reports: [SiteReport]) throws -> String {
        try encode(reports)
    }

    /// One site report: exactly one element of `render(_: [SiteReport])` (same bytes as that
    /// element re-encoded alone).
    public static func render(_ report: SiteReport) throws -> String {
        try encode(report)
    }

    /// One site comparison, as one element of `render(_: [SiteComparison])`.
    public static func render(_ comparison: SiteComparison) throws -> String {
        try encode(comparison)
    }

    /// A comparison of two runs (fields documented on `SiteComparison`).
    public static func render(_ comparisons: [SiteComparison]) throws -> String {
        try encode(comparisons)
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity",
                                                                      negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// Reads back what `render(_: [SiteReport])` wrote (for tools and tests).
    public static func decodeReports(_ data: Data) throws -> [SiteReport] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode([SiteReport].self, from: data)
    }
}
