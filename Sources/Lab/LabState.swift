import Foundation

/// What a running lab has started, written to `RUN_DIR/state.json` BEFORE each thing is created,
/// so teardown (including from a signal handler or a later `lab down`) removes exactly that.
public struct LabState: Codable, Sendable {
    public struct ProcessRecord: Codable, Sendable, Hashable {
        public var pid: Int32
        /// Start time from /proc/PID/stat (clock ticks since boot): guards against a reused PID.
        public var startTicks: UInt64
        public var role: String
    }

    public static let baseDirectory = "/run/iceprobe"

    public var prefix: String
    public var scenarioName: String
    public var scenarioFile: String
    public var runDirectory: String
    public var namespaces: [String] = []
    /// Directories under /etc/netns created for per-namespace resolv.conf.
    public var etcDirectories: [String] = []
    public var processes: [ProcessRecord] = []
    /// Client name -> namespace.
    public var clients: [String: String] = [:]
    public var caCertificate: String?
    public var createdAt: Date = Date()

    public init(prefix: String, scenarioName: String, scenarioFile: String) {
        self.prefix = prefix
        self.scenarioName = scenarioName
        self.scenarioFile = scenarioFile
        self.runDirectory = LabState.baseDirectory + "/" + prefix
    }

    public var statePath: String { runDirectory + "/state.json" }

    /// Writes the state atomically.
    public func save() throws(LabError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        do {
            let data = try encoder.encode(self)
            try data.write(to: URL(fileURLWithPath: statePath), options: .atomic)
        } catch {
            throw LabError(.io, "cannot write \(statePath): \(error)")
        }
    }

    public static func load(runDirectory: String) throws(LabError) -> LabState {
        let path = runDirectory + "/state.json"
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try decoder.decode(LabState.self, from: data)
        } catch {
            throw LabError(.stateInvalid, "cannot read lab state \(path): \(error)")
        }
    }

    /// Run directories that hold a state file (labs this tool started and has not removed).
    public static func existingRunDirectories() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: baseDirectory)) ?? []
        return names.sorted().map { baseDirectory + "/" + $0 }
            .filter { FileManager.default.fileExists(atPath: $0 + "/state.json") }
    }

    /// The start time of a process (field 22 of /proc/PID/stat), nil when it does not exist.
    public static func startTicks(pid: Int32) -> UInt64? {
        guard pid > 0, let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the command come: state(3) ppid(4) ... starttime(22): index 19 here.
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }
}
