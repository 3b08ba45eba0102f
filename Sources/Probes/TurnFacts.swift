import ProbeTransport

/// The observed facts of one TURN attempt that decide its diagnosis (input of ``TurnClassifier``).
public struct TurnFacts: Hashable, Sendable {
    public var transport: TransportProtocol
    /// Where it stopped; nil when every step succeeded.
    public var failedStage: TurnStage?
    public var transportError: TransportError.Kind?
    public var errorCode: Int?
    /// The failing request carried credentials after a challenge.
    public var authenticated: Bool
    public var hadCredential: Bool
    public var redirectLoop: Bool
    public var malformedResponse: Bool
    public var allocated: Bool
    public var relayChecked: Bool
    public var relaySent: Int
    public var relayReceived: Int

    public init(transport: TransportProtocol, failedStage: TurnStage? = nil, transportError: TransportError.Kind? = nil,
                errorCode: Int? = nil, authenticated: Bool = false, hadCredential: Bool = true,
                redirectLoop: Bool = false, malformedResponse: Bool = false, allocated: Bool = false,
                relayChecked: Bool = false, relaySent: Int = 0, relayReceived: Int = 0) {
        self.transport = transport
        self.failedStage = failedStage
        self.transportError = transportError
        self.errorCode = errorCode
        self.authenticated = authenticated
        self.hadCredential = hadCredential
        self.redirectLoop = redirectLoop
        self.malformedResponse = malformedResponse
        self.allocated = allocated
        self.relayChecked = relayChecked
        self.relaySent = relaySent
        self.relayReceived = relayReceived
    }
}
