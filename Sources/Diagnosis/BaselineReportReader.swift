import Foundation

/// Reads the earlier report that `check --baseline FILE` compares with: a check report JSON file
/// of a schema version this build knows. Every problem names the file and what is wrong where
/// (a JSON path for a bad field; the parser's line and column for broken JSON). Local read only.
public enum BaselineReportReader {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let path: String
        public let reason: String

        public var description: String { "\(path): \(reason)" }
    }

    public static func read(path: String) throws(Failure) -> CheckReport {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? NSNumber, size.intValue > SiteReportLoader.maximumFileBytes {
                throw Failure(path: path, reason: "larger than \(SiteReportLoader.maximumFileBytes >> 20) MiB: not a check report")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let failure as Failure {
            throw failure
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw Failure(path: path, reason: exists ? "cannot be read (\(error.localizedDescription))" : "no such file")
        }
        return try decode(data, path: path)
    }

    /// Decodes the bytes of a baseline file (`path` is only used in messages).
    public static func decode(_ data: Data, path: String) throws(Failure) -> CheckReport {
        do {
            return try ReportJSON.decode(data)
        } catch {
            throw Failure(path: path, reason: error.description)
        }
    }
}
