import CNice
import ProbeTransport
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Where GLib and libnice log messages go. GLib's default writer prints debug and info messages
/// to standard output, which would corrupt iceprobe's JSON output; iceprobe installs its own
/// writer once per process:
/// - debug/info messages are dropped unless a run asked for debug output; then they go to
///   standard error;
/// - warnings and criticals always go to standard error and are counted, so tests can prove a
///   run produced none.
/// libnice's debug output includes TURN passwords ("user/pass : NAME -- PASSWORD"); every message
/// is redacted before it is written: the rest of a line after "user/pass" is cut, and every
/// credential of a running session is replaced by `<redacted>`.
public enum NiceLogging {
    private static let debugRuns = Atomic<Int>(0)
    private static let warnings = Atomic<Int>(0)
    /// Credentials of running sessions (reference-counted), to be redacted from log output.
    private static let secrets = Locked<[String: Int]>([:])

    /// Marks credentials as secret while a session runs.
    static func registerSecrets(_ values: [String]) {
        secrets.withLock { table in
            for value in values where !value.isEmpty { table[value, default: 0] += 1 }
        }
    }

    /// Ends ``registerSecrets(_:)`` for `values`.
    static func unregisterSecrets(_ values: [String]) {
        secrets.withLock { table in
            for value in values where !value.isEmpty {
                let count = (table[value] ?? 1) - 1
                table[value] = count > 0 ? count : nil
            }
        }
    }

    /// `text` with libnice's credential dumps cut and every registered secret replaced.
    static func redact(_ text: String) -> String {
        var result = text
        if let marker = result.firstRange(of: "user/pass") {
            result = String(result[..<marker.upperBound]) + " <redacted>"
        }
        let known = secrets.withLock { Array($0.keys) }
        for secret in known.sorted(by: { $0.count > $1.count }) where result.contains(secret) {
            result = result.replacing(secret, with: "<redacted>")
        }
        return result
    }

    /// How many GLib/libnice warnings or criticals this process has logged since the writer was
    /// installed.
    public static var warningCount: Int { warnings.load(ordering: .relaxed) }

    /// Installs the writer (idempotent; GLib allows setting it once per process).
    static func install() {
        _ = installed
    }

    private static let installed: Bool = {
        g_log_set_writer_func({ level, fields, count, _ in
            let isProblem = (level.rawValue & (G_LOG_LEVEL_ERROR.rawValue | G_LOG_LEVEL_CRITICAL.rawValue
                                                | G_LOG_LEVEL_WARNING.rawValue)) != 0
            if isProblem {
                NiceLogging.warnings.add(1, ordering: .relaxed)
            } else if NiceLogging.debugRuns.load(ordering: .relaxed) == 0 {
                return G_LOG_WRITER_HANDLED
            }
            if let formatted = g_log_writer_format_fields(level, fields, count, 0) {
                let line = Array((NiceLogging.redact(String(cString: formatted)) + "\n").utf8)
                g_free(formatted)
                var offset = 0
                while offset < line.count {
                    let written = line[offset...].withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
                    if written <= 0 { break }
                    offset += written
                }
            }
            return G_LOG_WRITER_HANDLED
        }, nil, nil)
        return true
    }()

    /// Turns libnice's debug messages on for the duration of a run (reference-counted across
    /// concurrent runs).
    static func beginDebug() {
        if debugRuns.add(1, ordering: .relaxed).newValue == 1 {
            g_log_set_debug_enabled(1)
            nice_debug_enable(1)
        }
    }

    static func endDebug() {
        if debugRuns.subtract(1, ordering: .relaxed).newValue == 0 {
            nice_debug_disable(1)
            g_log_set_debug_enabled(0)
        }
    }

    /// Makes sure libnice's own debug switch is off (it reads `NICE_DEBUG` on first use).
    static func quietLibnice() {
        if debugRuns.load(ordering: .relaxed) == 0 {
            nice_debug_disable(1)
        }
    }
}
