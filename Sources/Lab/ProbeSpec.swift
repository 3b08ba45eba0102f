/// One probe of a scenario: an iceprobe subcommand, or any command (`run: exec`), run inside a
/// client's namespace.
///
/// The command line is `iceprobe KIND TARGET ... --format json ARGS...` (see `arguments`), where
/// TARGET is either the given `target` or built from `region`, `transport` and `port`; for
/// `exec` it is `command` as given (see `commandLine`).
/// In `args`, `target` and `command`, `{ca}` is replaced by the lab CA certificate path,
/// `{region.NAME}` by that region's host name, `{client.NAME.netns}` by the network namespace of
/// client NAME (so a probe can put a peer agent behind another client's NAT),
/// `{credential-file.REGION}` by the path of a 0600 file whose first line is the password of the
/// region's first TURN user (so secrets never appear on a command line), `{run-directory}` by
/// the lab's run directory (0700, removed at teardown: files one probe leaves for a later one)
/// and `{output.PROBE}` by a file holding the standard output of the earlier probe PROBE (for
/// example a check report that a later `check --baseline` compares with).
public struct ProbeSpec: Hashable, Sendable {
    public enum Transport: String, Hashable, Sendable, CaseIterable {
        case udp, tcp, tls
    }

    public static let knownKinds: Set<String> = ["stun", "nat", "turn", "media", "gather", "check", "browser", ProbeSpec.execKind]
    /// The kind that runs `command` instead of an iceprobe subcommand.
    public static let execKind = "exec"

    public var name: String
    public var client: String
    public var kind: String
    public var region: String?
    public var transport: Transport
    public var port: UInt16?
    public var target: String?
    public var args: [String]
    /// `exec` only: the program and its arguments (argv[0] is looked up in PATH).
    public var command: [String] = []
    public var timeoutSeconds: Int
    /// Further runs when the probe fails (0-3, default 0), for probes whose outcome depends on
    /// chance the lab cannot remove (two ICE agents behind NATs starting checks at the same
    /// instant; a DNS lookup across a lossy link). Every failed attempt is reported, also when a
    /// retry passes.
    public var retries: Int = 0
    public var expectations: [Expectation]
    public var position: SourcePosition

    public init(name: String, client: String, kind: String, region: String? = nil,
                transport: Transport = .udp, port: UInt16? = nil, target: String? = nil,
                args: [String] = [], timeoutSeconds: Int = 60, expectations: [Expectation] = [],
                position: SourcePosition = .unknown) {
        self.name = name
        self.client = client
        self.kind = kind
        self.region = region
        self.transport = transport
        self.port = port
        self.target = target
        self.args = args
        self.timeoutSeconds = timeoutSeconds
        self.expectations = expectations
        self.position = position
    }

    /// Whether this probe runs `command` rather than an iceprobe subcommand.
    public var isExec: Bool { kind == ProbeSpec.execKind }

    /// Whether the probe's output must be JSON: always for iceprobe subcommands; for `exec` only
    /// when an expectation reads a field of the output (others read `$stdout`, `$exitCode`, ...).
    public var expectsJSON: Bool {
        !isExec || expectations.contains { !$0.path.isRunFact }
    }

    /// Every text that may hold placeholders (target, args, command).
    public var placeholderTexts: [String] { [target].compactMap { $0 } + args + command }

    /// The argv run inside the client's namespace: `command` with its placeholders replaced for
    /// `exec`, else `iceprobeExecutable` followed by `arguments`.
    public func commandLine(iceprobeExecutable: String, caPath: String, clients: [String: String] = [:],
                            runDirectory: String? = nil) -> [String] {
        if isExec {
            return command.map { ProbeSpec.substitute($0, caPath: caPath, clients: clients, runDirectory: runDirectory) }
        }
        return [iceprobeExecutable] + arguments(caPath: caPath, clients: clients, runDirectory: runDirectory)
    }

    /// The port used when none is given: 3478 for UDP/TCP, 443 for TLS.
    public var effectivePort: UInt16 {
        port ?? (transport == .tls ? 443 : 3478)
    }

    /// The `{...}` placeholders used in some texts (without braces).
    public static func placeholders(in texts: [String]) -> [String] {
        var found: [String] = []
        for text in texts {
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "{") {
                let after = rest[rest.index(after: open)...]
                guard let close = after.firstIndex(of: "}") else { break }
                found.append(String(after[after.startIndex..<close]))
                rest = after[after.index(after: close)...]
            }
        }
        return found
    }

    /// Replaces `{ca}`, `{region.NAME}`, `{client.NAME.netns}` (from `clients`, client name ->
    /// namespace; left as it is for an unknown client), `{credential-file.REGION}`,
    /// `{output.PROBE}` and `{run-directory}` (under `runDirectory`, left as they are without one)
    /// in a text.
    public static func substitute(_ text: String, caPath: String, clients: [String: String] = [:],
                                  runDirectory: String? = nil) -> String {
        var out = text.replacingAll("{ca}", with: caPath)
        if let runDirectory { out = out.replacingAll("{\(runDirectoryPlaceholder)}", with: runDirectory) }
        for placeholder in placeholders(in: [text]) {
            if placeholder.hasPrefix("region.") {
                let region = placeholder.dropFirst(7)
                out = out.replacingAll("{\(placeholder)}", with: "\(region).\(Scenario.labDomain)")
            } else if let client = clientName(inNetnsPlaceholder: placeholder), let namespace = clients[client] {
                out = out.replacingAll("{\(placeholder)}", with: namespace)
            } else if let region = regionName(inCredentialPlaceholder: placeholder), let runDirectory {
                out = out.replacingAll("{\(placeholder)}", with: credentialFile(region: region, runDirectory: runDirectory))
            } else if let probe = probeName(inOutputPlaceholder: placeholder), let runDirectory {
                out = out.replacingAll("{\(placeholder)}", with: outputFile(probe: probe, runDirectory: runDirectory))
            }
        }
        return out
    }

    /// The placeholder (without braces) for the lab's run directory.
    public static let runDirectoryPlaceholder = "run-directory"

    /// NAME from a `client.NAME.netns` placeholder (without braces), else nil.
    public static func clientName(inNetnsPlaceholder placeholder: String) -> String? {
        guard placeholder.hasPrefix("client."), placeholder.hasSuffix(".netns") else { return nil }
        let name = placeholder.dropFirst(7).dropLast(6)
        return name.isEmpty ? nil : String(name)
    }

    /// REGION from a `credential-file.REGION` placeholder (without braces), else nil.
    public static func regionName(inCredentialPlaceholder placeholder: String) -> String? {
        guard placeholder.hasPrefix("credential-file.") else { return nil }
        let name = placeholder.dropFirst(16)
        return name.isEmpty ? nil : String(name)
    }

    /// PROBE from an `output.PROBE` placeholder (without braces), else nil.
    public static func probeName(inOutputPlaceholder placeholder: String) -> String? {
        guard placeholder.hasPrefix("output.") else { return nil }
        let name = placeholder.dropFirst(7)
        return name.isEmpty ? nil : String(name)
    }

    /// The file (0600) holding a probe's standard output once it has run (its last attempt).
    public static func outputFile(probe: String, runDirectory: String) -> String {
        runDirectory + "/output-" + probe + ".txt"
    }

    /// The file (0600, written when the lab starts) holding the first TURN user's password of a region.
    public static func credentialFile(region: String, runDirectory: String) -> String {
        runDirectory + "/turn-" + region + ".password"
    }

    /// The target URI: the given `target`, or `stun:HOST:PORT` / `stuns:HOST:PORT` for the region.
    public func resolvedTarget(caPath: String, clients: [String: String] = [:], runDirectory: String? = nil) -> String {
        if let target { return ProbeSpec.substitute(target, caPath: caPath, clients: clients, runDirectory: runDirectory) }
        let host = "\(region ?? "").\(Scenario.labDomain)"
        return (transport == .tls ? "stuns:" : "stun:") + "\(host):\(effectivePort)"
    }

    /// The iceprobe arguments (after the executable) this probe runs with:
    /// `KIND TARGET [--transport T] [--ca-file CA] --format json ARGS...` (transport and CA only
    /// for region targets; for explicit targets put them in `args`); `nat --server TARGET ...`.
    /// `clients` and `runDirectory` feed the `{client.NAME.netns}` and `{credential-file.REGION}`
    /// placeholders (see `substitute`).
    public func arguments(caPath: String, clients: [String: String] = [:], runDirectory: String? = nil) -> [String] {
        // `nat` takes its servers as options; the other probes take the target as an argument.
        let resolved = resolvedTarget(caPath: caPath, clients: clients, runDirectory: runDirectory)
        var arguments = kind == "nat" ? [kind, "--server", resolved] : [kind, resolved]
        if target == nil, kind != "nat" {
            arguments += ["--transport", transport.rawValue]
            if transport == .tls { arguments += ["--ca-file", caPath] }
        }
        return arguments + ["--format", "json"]
            + args.map { ProbeSpec.substitute($0, caPath: caPath, clients: clients, runDirectory: runDirectory) }
    }
}

extension String {
    /// Replaces every occurrence of `target` (non-empty) with `replacement`; no Foundation needed.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[rest.startIndex..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
