/// What the check saw of one DNS steering name: the answer this computer's resolver gave, and
/// the timing of the address a softphone would use (the first of the answer). Input to
/// `DnsSteeringClassifier`; `nil` fields were not measured.
public struct SteeringMeasurement: Sendable, Equatable {
    /// The name resolved (`voice-js.roaming.twilio.com`).
    public var name: String
    /// The profile's steering target (`tls:voice-js.roaming.twilio.com:443`).
    public var target: String
    /// Every address of the answer, in the resolver's order (empty: did not resolve).
    public var answer: [String]
    /// The address that was timed.
    public var timedAddress: String?
    /// The timing (TCP connect for tcp:/tls: targets, STUN over UDP for stun:).
    public var samples: LatencyMethodSamples?
    /// Why the name did not resolve (`dns: ...`).
    public var error: String?

    public init(name: String, target: String, answer: [String] = [], timedAddress: String? = nil,
                samples: LatencyMethodSamples? = nil, error: String? = nil) {
        self.name = name
        self.target = target
        self.answer = answer
        self.timedAddress = timedAddress
        self.samples = samples
        self.error = error
    }
}
