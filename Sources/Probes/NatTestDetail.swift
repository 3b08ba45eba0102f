import Diagnosis

/// One NAT behaviour test as it happened, for the report's per-test details.
/// Optionals encode as JSON `null` ("not applicable" / "not seen"), never by omission.
public struct NatTestDetail: Sendable, Hashable, Codable {
    /// Stable test name: `mapping-test-i`, `mapping-test-ii`, `mapping-test-iii`, `server-mapping`,
    /// `filtering-test-i`, `filtering-test-ii`, `filtering-test-iii`, `hairpinning`,
    /// `binding-lifetime`.
    public var test: String
    /// Where the request went.
    public var destination: String
    /// The local socket it was sent from.
    public var socket: String?
    /// What the request asked for (`change-ip-and-port`, `change-port`, `response-port 1234`), if anything.
    public var request: String?
    /// Copies of the request sent.
    public var requestsSent: Int
    /// Whether the expected answer arrived.
    public var answered: Bool
    /// Where the answer came from.
    public var answeredFrom: String?
    /// XOR-MAPPED-ADDRESS of the answer.
    public var mappedAddress: String?
    /// From the first send to the answer, or to giving up, in milliseconds.
    public var elapsedMs: Double
    /// Round-trip time by Karn's rule (only when sent once).
    public var rttMs: Double?
    /// Why there is no usable answer (`timeout`, `error-response 420`, a transport error name).
    public var error: String?
    /// Answers with the right transaction ID refused because of their source.
    public var refusedSources: [String]
    /// What the outcome means, in plain words.
    public var note: String?

    public init(test: String, destination: String, socket: String?, request: String?, requestsSent: Int,
                answered: Bool, answeredFrom: String?, mappedAddress: String?, elapsedMs: Double, rttMs: Double?,
                error: String?, refusedSources: [String], note: String?) {
        self.test = test
        self.destination = destination
        self.socket = socket
        self.request = request
        self.requestsSent = requestsSent
        self.answered = answered
        self.answeredFrom = answeredFrom
        self.mappedAddress = mappedAddress
        self.elapsedMs = elapsedMs
        self.rttMs = rttMs
        self.error = error
        self.refusedSources = refusedSources
        self.note = note
    }

    private enum CodingKeys: String, CodingKey {
        case test, destination, socket, request, requestsSent, answered, answeredFrom, mappedAddress
        case elapsedMs, rttMs, error, refusedSources, note
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(test, forKey: .test)
        try c.encode(destination, forKey: .destination)
        try c.encode(socket, forKey: .socket)
        try c.encode(request, forKey: .request)
        try c.encode(requestsSent, forKey: .requestsSent)
        try c.encode(answered, forKey: .answered)
        try c.encode(answeredFrom, forKey: .answeredFrom)
        try c.encode(mappedAddress, forKey: .mappedAddress)
        try c.encodeMilliseconds(elapsedMs, forKey: .elapsedMs)
        try c.encodeMilliseconds(rttMs, forKey: .rttMs)
        try c.encode(error, forKey: .error)
        try c.encode(refusedSources, forKey: .refusedSources)
        try c.encode(note, forKey: .note)
    }
}
