import Foundation

/// The one JSON encoding of reports: sorted keys, pretty printed, ISO 8601 dates, `null` for
/// "not measured", so the same report always gives the same bytes.
public enum ReportJSON {
    public static let supportedSchemaVersions = [CheckReport.currentSchemaVersion]

    /// Encodes `report` (sorted keys, two-space indentation, trailing newline).
    public static func render(_ report: CheckReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity",
                                                                      negativeInfinity: "-Infinity", nan: "NaN")
        let data = try encoder.encode(report)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Decodes a report, checking `schemaVersion` first so other versions get a clear message.
    public static func decode(_ data: Data) throws(ReportDecodingError) -> CheckReport {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .notJSON(syntaxError(error, in: data))
        }
        guard let dictionary = object as? [String: Any] else { throw .notJSON("the top level is not an object") }
        // Other iceprobe documents say what they are; a check report has no `kind`.
        if let kind = dictionary["kind"] as? String { throw .otherKind(kind) }
        guard let number = dictionary["schemaVersion"] as? NSNumber,
              let version = Int(exactly: number.doubleValue) else { throw .missingSchemaVersion }
        guard supportedSchemaVersions.contains(version) else {
            throw .unsupportedSchemaVersion(found: version, supported: supportedSchemaVersions)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(CheckReport.self, from: data)
        } catch let error as DecodingError {
            throw describe(error)
        } catch {
            throw .notJSON(String(describing: error))
        }
    }

    /// The parser's complaint with the place it names turned into a line and column
    /// (`line 3, column 14: Invalid value around character 36.`).
    static func syntaxError(_ error: Error, in data: Data) -> String {
        let debug = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? String(describing: error)
        guard let range = debug.range(of: "character ") else { return debug }
        let digits = debug[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        guard let offset = Int(digits), offset >= 0, offset <= data.count else { return debug }
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return "line \(line), column \(column): \(debug)"
    }

    static func describe(_ error: DecodingError) -> ReportDecodingError {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .invalidField(path: path(context.codingPath + [key]), reason: "missing")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return .invalidField(path: path(context.codingPath), reason: context.debugDescription)
        @unknown default:
            return .invalidField(path: "", reason: String(describing: error))
        }
    }
}
