import Foundation

/// Reads check reports for `iceprobe site` and streams them into a `SiteRollup`: files,
/// directories (recursively, every `*.json`, in sorted path order) and `-` (standard input as
/// JSON lines, one report per line). A file that cannot be read or decoded is named in a
/// warning and skipped; the rest are still rolled up. No network: local reads only.
public enum SiteReportLoader {
    /// A report file larger than this is skipped unread (a check report is a few kilobytes).
    public static let maximumFileBytes = 16 << 20

    /// How many reports were rolled up and how many inputs were skipped.
    public struct Tally: Sendable, Equatable {
        public var read = 0
        public var skipped = 0
    }

    /// Every input path expanded to files (sorted within each directory), `-` kept as is.
    /// Paths that do not exist are returned in `missing`.
    public static func expand(_ paths: [String]) -> (files: [String], missing: [String]) {
        var files: [String] = []
        var missing: [String] = []
        let manager = FileManager.default
        for path in paths {
            if path == "-" { files.append(path); continue }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { missing.append(path); continue }
            guard isDirectory.boolValue else { files.append(path); continue }
            var found: [String] = []
            if let walker = manager.enumerator(atPath: path) {
                while let item = walker.nextObject() as? String {
                    guard item.lowercased().hasSuffix(".json") else { continue }
                    let full = (path as NSString).appendingPathComponent(item)
                    var itemIsDirectory: ObjCBool = false
                    if manager.fileExists(atPath: full, isDirectory: &itemIsDirectory), !itemIsDirectory.boolValue {
                        found.append(full)
                    }
                }
            }
            files += found.sorted()
        }
        return (files, missing)
    }

    /// Decodes what the rollup needs of one report; the error message names the source.
    ///
    /// Fast path: `SiteReportView` decodes only the rolled-up fields in one `JSONDecoder` pass and
    /// is accepted when its `schemaVersion` is supported. Anything else goes through
    /// `ReportJSON.decode`, whose typed errors (version first, then the field and reason) are what
    /// the warning shows. A report damaged only in fields the rollup skips (for example `checks`
    /// or `dns`) is therefore rolled up rather than rejected.
    public static func decode(_ data: Data, source: String) -> Result<SiteReportView, SiteInputError> {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        if let view = SiteReportView.decode(data, decoder: decoder) {
            return .success(view)
        }
        do {
            return .success(SiteReportView(try ReportJSON.decode(data)))
        } catch {
            return .failure(SiteInputError(source: source, reason: error.description))
        }
    }

    public static func read(file path: String) -> Result<SiteReportView, SiteInputError> {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(SiteInputError(source: path, reason: "cannot be opened"))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumFileBytes + 1) ?? Data()
        } catch {
            return .failure(SiteInputError(source: path, reason: "cannot be read (\(error.localizedDescription))"))
        }
        if data.count > maximumFileBytes {
            return .failure(SiteInputError(source: path, reason: "larger than \(maximumFileBytes >> 20) MB, not a check report"))
        }
        return decode(data, source: path)
    }

    /// Streams every input into `rollup`, decoding files in parallel batches (at most `batch`
    /// decoded reports are held at once), folding them in input order. Warnings go to `warn`.
    public static func load(_ paths: [String], into rollup: inout SiteRollup, batch: Int = 256,
                            standardInput: () -> String? = { Swift.readLine(strippingNewline: true) },
                            warn: (String) -> Void) -> Tally {
        var tally = Tally()
        let (files, missing) = expand(paths)
        for path in missing {
            warn("warning: \(path): no such file or directory; skipped")
            tally.skipped += 1
        }
        var pending: [String] = []
        func flush() {
            let results = decodeConcurrently(pending)
            for result in results {
                switch result {
                case .success(let report):
                    rollup.add(report)
                    tally.read += 1
                case .failure(let error):
                    warn("warning: \(error.description); skipped")
                    tally.skipped += 1
                }
            }
            pending.removeAll(keepingCapacity: true)
        }
        for file in files {
            if file == "-" {
                flush()
                readLines(standardInput, into: &rollup, tally: &tally, warn: warn)
                continue
            }
            pending.append(file)
            if pending.count >= max(batch, 1) { flush() }
        }
        flush()
        return tally
    }

    private static func decodeConcurrently(_ files: [String]) -> [Result<SiteReportView, SiteInputError>] {
        guard !files.isEmpty else { return [] }
        let slots = SiteResultSlots(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            slots.set(index, read(file: files[index]))
        }
        return slots.results()
    }

    private static func readLines(_ next: () -> String?, into rollup: inout SiteRollup, tally: inout Tally,
                                  warn: (String) -> Void) {
        var number = 0
        while let line = next() {
            number += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            switch decode(Data(line.utf8), source: "stdin line \(number)") {
            case .success(let report):
                rollup.add(report)
                tally.read += 1
            case .failure(let error):
                warn("warning: \(error.description); skipped")
                tally.skipped += 1
            }
        }
    }
}
