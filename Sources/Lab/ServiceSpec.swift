/// A background process a scenario runs for its probes, such as a SIP user agent server for a
/// client's calls: started once the lab is up (before the first probe), in a region's server
/// namespace or a client's namespace, and stopped with the lab (SIGTERM, then SIGKILL, also on
/// failure and Ctrl-C). Its output goes to `RUN_DIRECTORY/service-NAME.log`.
///
/// `command` takes the probe placeholders (`ProbeSpec.substitute`). With `waitFor`, the lab is
/// ready only when something listens on that port in the service's namespace (at most
/// `waitFor.seconds`); without it, only when the process is still running shortly after its start.
public struct ServiceSpec: Hashable, Sendable {
    public struct Listener: Hashable, Sendable {
        public enum Proto: String, Hashable, Sendable, CaseIterable { case udp, tcp }
        public var proto: Proto
        public var port: UInt16
        /// How long to wait for it (1-30 s, default 5).
        public var seconds: Int

        public init(proto: Proto, port: UInt16, seconds: Int = 5) {
            self.proto = proto
            self.port = port
            self.seconds = seconds
        }

        /// `ss -Hln[u|t]` for this protocol (no header, listening sockets, numeric).
        public var ssArguments: [String] { ["ss", "-Hln" + (proto == .udp ? "u" : "t")] }

        /// Whether `ss` output (`ssArguments`) shows a socket bound to this port on any address
        /// (`0.0.0.0:5060`, `203.0.113.2:5060`, `[::]:5060`, `*:5060`).
        public func isListening(ssOutput: String) -> Bool {
            ssOutput.split(separator: "\n").contains { line in
                // Columns: State Recv-Q Send-Q Local-Address:Port Peer-Address:Port ...
                guard let local = line.split(whereSeparator: \.isWhitespace).dropFirst(3).first,
                      let port = local.split(separator: ":").last else { return false }
                return port == "\(self.port)"
            }
        }
    }

    public var name: String
    /// Runs in this region's server namespace (where its coturn runs, `{region.NAME}`) ...
    public var region: String?
    /// ... or in this client's namespace.
    public var client: String?
    public var command: [String]
    public var waitFor: Listener?
    public var position: SourcePosition

    public init(name: String, region: String? = nil, client: String? = nil, command: [String],
                waitFor: Listener? = nil, position: SourcePosition = .unknown) {
        self.name = name
        self.region = region
        self.client = client
        self.command = command
        self.waitFor = waitFor
        self.position = position
    }

    /// The log file of the service in a lab's run directory.
    public static func logFile(name: String, runDirectory: String) -> String {
        runDirectory + "/service-" + name + ".log"
    }
}
