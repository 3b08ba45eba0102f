import Diagnosis
import ProbeTransport
import Credentials

/// What the command line adds to a profile for one check (already read from files and the
/// environment by the caller: this value holds no paths to read and is planned purely).
public struct CheckOptions: Sendable {
    /// Total time budget, seconds (default 5).
    public var budgetSeconds: Double
    /// STUN samples per region (at least 10).
    public var samples: Int
    /// Pause between samples, ms.
    public var spacingMs: Int
    /// Overrides the profile's home region.
    public var homeRegion: String?
    /// Overrides the profile's queue region (`--queue-region`).
    public var queueRegion: String?
    /// Credential for the profile's TURN servers (from the profile's source or the flags).
    public var turnCredential: TurnCredential?
    /// Extra ICE servers (`--ice-servers`): their TURN URLs are tried with their own credentials.
    public var iceServers: [IceServerEntry]
    public var runTurn: Bool
    public var runNat: Bool
    public var runGather: Bool
    public var caFile: String?
    public var insecure: Bool
    /// The HTTP proxy this computer is set up to use (`--proxy`, else the environment).
    public var proxy: ProxySetting?

    public static let defaultBudgetSeconds = 5.0
    public static let minimumBudgetSeconds = 1.0
    public static let maximumBudgetSeconds = 120.0
    public static let minimumSamples = 10
    public static let maximumSamples = 200

    public init(budgetSeconds: Double = CheckOptions.defaultBudgetSeconds, samples: Int = 10, spacingMs: Int = 50,
                homeRegion: String? = nil, queueRegion: String? = nil, turnCredential: TurnCredential? = nil,
                iceServers: [IceServerEntry] = [], runTurn: Bool = true, runNat: Bool = true, runGather: Bool = true,
                caFile: String? = nil, insecure: Bool = false, proxy: ProxySetting? = nil) {
        self.budgetSeconds = budgetSeconds
        self.samples = samples
        self.spacingMs = spacingMs
        self.homeRegion = homeRegion
        self.queueRegion = queueRegion
        self.turnCredential = turnCredential
        self.iceServers = iceServers
        self.runTurn = runTurn
        self.runNat = runNat
        self.runGather = runGather
        self.caFile = caFile
        self.insecure = insecure
        self.proxy = proxy
    }
}
