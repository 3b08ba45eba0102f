import Foundation

/// The directory of reports not yet delivered to the collector. A report is written here first
/// (to a temporary name, flushed, then renamed, so the spool never holds half a file) and deleted
/// only after the collector answered 201 (stored) or 200 (already stored). An interrupted or
/// failed upload therefore leaves the whole report in the spool, and the next run sends it again;
/// the collector stores a report of the same agent and start time once, so a report whose answer
/// was lost is not stored twice. Answers 400 and 413 cannot change on a resend: such a report
/// moves to `rejected/` with a note, instead of blocking the spool.
public struct ReportSpool: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// `$XDG_STATE_HOME/iceprobe/spool`, else `$HOME/.local/state/iceprobe/spool`.
    public static func defaultDirectory(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/iceprobe/spool" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.local/state/iceprobe/spool" }
        return nil
    }

    /// Adds one report; returns its file name. Names sort in the order reports were spooled.
    public func add(_ report: [UInt8]) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let stamp = String(format: "%016llx", UInt64(max(0, Date().timeIntervalSince1970 * 1_000_000)))
        let name = "report-\(stamp)-\(UInt32.random(in: 0...UInt32.max)).json"
        let temporary = directory + "/." + name + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary])
        }
        do {
            try handle.write(contentsOf: Data(report))
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard rename(temporary, directory + "/" + name) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: directory + "/" + name])
        }
        return name
    }

    /// The spooled reports, oldest first (temporary files are not listed).
    public func pending() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("report-") && $0.hasSuffix(".json") }.sorted()
    }

    /// What one `flush` did.
    public struct FlushResult: Sendable, Equatable {
        public var sent = 0
        public var rejected: [String] = []
        /// Still in the spool (a failure stopped the flush; they go on the next run).
        public var kept = 0
        public var lastError: UploadError?
    }

    /// Sends every spooled report, oldest first, stopping at the first failure that may be
    /// temporary (the rest stay for the next run). `shouldStop` is checked between reports.
    public func flush(with client: HTTPUploadClient, shouldStop: @Sendable () -> Bool = { false }) async -> FlushResult {
        var result = FlushResult()
        let names = pending()
        for (index, name) in names.enumerated() {
            if shouldStop() {
                result.kept = names.count - index
                return result
            }
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            do throws(UploadError) {
                let answer = try await client.post(Array(data))
                switch answer.status {
                case 200, 201:
                    try? FileManager.default.removeItem(atPath: path)
                    result.sent += 1
                    continue
                default:
                    throw UploadError.refused(status: answer.status, message: Self.message(answer.body))
                }
            } catch {
                if error.permanent {
                    reject(name, because: error)
                    result.rejected.append("\(name): \(error)")
                    continue
                }
                result.lastError = error
                result.kept = names.count - index
                return result
            }
        }
        return result
    }

    private func reject(_ name: String, because error: UploadError) {
        let folder = directory + "/rejected"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = rename(directory + "/" + name, folder + "/" + name)
        try? Data("\(error)\n".utf8).write(to: URL(fileURLWithPath: folder + "/" + name + ".reason.txt"))
    }

    /// The collector's `error` field when the body is its JSON error, else the body's start.
    static func message(_ body: String) -> String {
        if let data = body.data(using: .utf8),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let error = object["error"] as? String {
            return error
        }
        return String(body.prefix(200))
    }
}
