import Diagnosis
import Foundation

/// The installed profiles and scenarios of this process: `DataSearchPath` with the real
/// environment, this executable's path and the file system.
enum InstalledData {
    static func searchPath(_ kind: DataSearchPath.Kind) -> DataSearchPath {
        DataSearchPath(kind: kind, environment: ProcessInfo.processInfo.environment,
                       executablePath: LabCommandSupport.selfExecutable())
    }

    /// The installed file for `name`, or nil.
    static func find(_ name: String, _ kind: DataSearchPath.Kind) -> String? {
        searchPath(kind).find(name) { FileManager.default.isReadableFile(atPath: $0) }
    }

    /// Names installed in any search directory, sorted.
    static func names(_ kind: DataSearchPath.Kind) -> [String] {
        searchPath(kind).names { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] }
    }

    /// The search directories, for messages: "~/.config/iceprobe/profiles, /etc/iceprobe/profiles, ...".
    static func describe(_ kind: DataSearchPath.Kind) -> String {
        searchPath(kind).directories.joined(separator: ", ")
    }
}
