import ArgumentParser
import Foundation
import ReportUpload

/// `check --upload URL --token-file FILE [--spool-dir DIR] [--every DURATION --count N]`: send
/// each report to a collector (`iceprobe serve`), keeping unsent ones in a spool for the next run.
struct CheckUploadOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Send the JSON report to this collector (https://HOST[:PORT]).", valueName: "url"))
    var upload: String?

    @Option(name: .customLong("token-file"), help: ArgumentHelp("File holding the collector upload token.", valueName: "file"))
    var tokenFile: String?

    @Option(name: .customLong("spool-dir"), help: ArgumentHelp(
        "Where unsent reports wait (default $XDG_STATE_HOME/iceprobe/spool or ~/.local/state/iceprobe/spool).", valueName: "dir"))
    var spoolDir: String?

    @Option(name: .customLong("upload-ca-file"), help: ArgumentHelp("PEM CA file to trust for the collector's HTTPS.", valueName: "path"))
    var uploadCaFile: String?

    @Flag(name: .customLong("insecure-http"), help: "Allow --upload over plain http:// to a non-loopback collector (token in clear).")
    var insecureHTTP = false

    @Option(help: ArgumentHelp("Repeat the check every DURATION (10s-24h, e.g. 30s, 15m, 1h), plus a random 0-10 %.", valueName: "duration"))
    var every: String?

    @Option(help: ArgumentHelp("With --every: how many checks to run (1-100000).", valueName: "n"))
    var count: Int?

    /// The upload plan, or nil without --upload. Usage errors name the flag.
    func uploader() throws -> CheckUploader? {
        guard let upload else {
            if tokenFile != nil || spoolDir != nil || uploadCaFile != nil || insecureHTTP {
                throw ValidationError("--token-file, --spool-dir, --upload-ca-file and --insecure-http need --upload")
            }
            return nil
        }
        let endpoint: UploadEndpoint
        do {
            endpoint = try UploadEndpoint.parse(upload, allowInsecureHTTP: insecureHTTP)
        } catch {
            throw ValidationError("\(error)")
        }
        guard let tokenFile else { throw ValidationError("--upload needs --token-file (the collector's upload token)") }
        let token = try Self.readToken(tokenFile)
        if let uploadCaFile, !FileManager.default.isReadableFile(atPath: uploadCaFile) {
            throw ValidationError("--upload-ca-file \(uploadCaFile) does not exist or is not readable")
        }
        guard let directory = spoolDir ?? ReportSpool.defaultDirectory(environment: ProcessInfo.processInfo.environment) else {
            throw ValidationError("no HOME to keep unsent reports in: give --spool-dir")
        }
        return CheckUploader(client: HTTPUploadClient(endpoint: endpoint, token: token, caFile: uploadCaFile),
                             spool: ReportSpool(directory: directory))
    }

    /// The repetition: nil for one check.
    func schedule() throws -> (interval: Double, count: Int)? {
        guard let every else {
            if count != nil { throw ValidationError("--count needs --every") }
            return nil
        }
        guard let seconds = Self.duration(every), (10...86_400).contains(seconds) else {
            throw ValidationError("--every \(every): give 10s to 24h, as 30s, 15m or 1h")
        }
        guard let count else { throw ValidationError("--every needs --count (how many checks, 1-100000)") }
        guard (1...100_000).contains(count) else { throw ValidationError("--count must be 1-100000") }
        return (seconds, count)
    }

    /// `90`, `90s`, `15m`, `1h` in seconds.
    static func duration(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600]
        if let last = text.last, let unit = units[last] {
            return Double(text.dropLast()).flatMap { $0.isFinite ? $0 * unit : nil }
        }
        return Double(text).flatMap { $0.isFinite ? $0 : nil }
    }

    /// The first non-empty, non-comment line of the token file (never printed).
    static func readToken(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.read(upToCount: 64 << 10) else {
            throw ValidationError("--token-file \(path) cannot be read")
        }
        try? handle.close()
        let token = String(decoding: data, as: UTF8.self).split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .first { !$0.isEmpty && !$0.hasPrefix("#") }
        guard let token, token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw ValidationError("--token-file \(path) holds no usable token (one line, ASCII, no spaces)")
        }
        return token
    }
}
