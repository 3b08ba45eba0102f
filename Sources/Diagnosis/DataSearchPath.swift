/// Where `--profile NAME` and `iceprobe scenario run NAME` look for installed files, in order:
///
/// 1. `$XDG_CONFIG_HOME/iceprobe/KIND` (default `$HOME/.config/iceprobe/KIND`): the user's own;
/// 2. `/etc/iceprobe/KIND`: the machine's, set by its administrator;
/// 3. `PREFIX/share/iceprobe/KIND`, where the executable is `PREFIX/bin/iceprobe`: the files the
///    package installed (`/usr/share/iceprobe/...` for `/usr/bin/iceprobe`).
///
/// The first directory holding `NAME.json` (profiles) or `NAME.yaml` (scenarios) wins; profiles
/// then fall back to the copies built into the binary. Pure: the environment and the executable's
/// path come in, the file system is asked only through the `exists` closure.
public struct DataSearchPath: Sendable, Equatable {
    /// What is looked up; the raw value is the directory name under `iceprobe/`.
    public enum Kind: String, Sendable {
        case profiles
        case scenarios

        /// The file name extension of an item of this kind.
        public var fileExtension: String {
            switch self {
            case .profiles: return "json"
            case .scenarios: return "yaml"
            }
        }
    }

    public let kind: Kind
    /// Absolute directories, most specific first, without duplicates.
    public let directories: [String]

    public init(kind: Kind, environment: [String: String], executablePath: String) {
        self.kind = kind
        var directories: [String] = []
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            directories.append(Self.join(config, "iceprobe", kind.rawValue))
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            directories.append(Self.join(home, ".config", "iceprobe", kind.rawValue))
        }
        directories.append("/etc/iceprobe/\(kind.rawValue)")
        if let prefix = Self.installPrefix(executablePath: executablePath) {
            directories.append(Self.join(prefix, "share", "iceprobe", kind.rawValue))
        }
        var seen = Set<String>()
        self.directories = directories.filter { seen.insert($0).inserted }
    }

    /// True when `reference` names a file rather than an installed item: it contains `/`, ends
    /// in this kind's extension (or `.yml` for scenarios), or is empty or starts with `.`.
    public func isPath(_ reference: String) -> Bool {
        reference.isEmpty || reference.contains("/") || reference.hasPrefix(".")
            || reference.hasSuffix("." + kind.fileExtension)
            || (kind == .scenarios && reference.hasSuffix(".yml"))
    }

    /// The candidate files for an item called `name`, in search order.
    public func candidates(for name: String) -> [String] {
        directories.map { Self.join($0, "\(name).\(kind.fileExtension)") }
    }

    /// The first candidate file for which `exists` is true; nil when no directory has it.
    public func find(_ name: String, exists: (String) -> Bool) -> String? {
        candidates(for: name).first(where: exists)
    }

    /// Item names from directory listings (`directory -> file names`), sorted, each once: the
    /// files with this kind's extension, extension removed.
    public func names(listing: (String) -> [String]) -> [String] {
        var names = Set<String>()
        let suffix = "." + kind.fileExtension
        for directory in directories {
            for file in listing(directory) where file.hasSuffix(suffix) && !file.hasPrefix(".") {
                names.insert(String(file.dropLast(suffix.count)))
            }
        }
        return names.sorted()
    }

    /// `PREFIX` for an executable at `PREFIX/bin/NAME`; nil for any other place (a build
    /// directory, a relative path).
    static func installPrefix(executablePath: String) -> String? {
        guard executablePath.hasPrefix("/") else { return nil }
        var parts = executablePath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 2, parts[parts.count - 2] == "bin" else { return nil }
        parts.removeLast(2)
        return "/" + parts.joined(separator: "/")
    }

    static func join(_ parts: String...) -> String {
        var path = parts[0]
        for part in parts.dropFirst() {
            if !path.hasSuffix("/") { path += "/" }
            path += part
        }
        return path
    }
}
