/// What the NAT behaviour probes saw (RFC 5780 section 4), as plain facts. Every field is
/// optional: `nil` means "not measured", which is different from `false` ("measured: no").
///
/// Mapping tests (RFC 5780 4.3) all use one local socket: test I to the primary address, test II
/// to the alternate IP with the primary port, test III to the alternate IP and alternate port.
/// Filtering tests (4.4) ask the server to answer from another address with CHANGE-REQUEST:
/// test II changes IP and port, test III changes the port only. Probes decide "no answer" only
/// after retrying within their budget, so `false` means filtered, not merely one lost packet.
public struct NatObservations: Sendable, Equatable, Codable {
    /// Whether any STUN Binding answer over UDP arrived at all.
    public var udpReachable: Bool?
    /// The real local address of the probing socket (the source the kernel chose).
    public var localAddress: ObservedAddress?
    /// Test I: XOR-MAPPED-ADDRESS from the primary server address (else MAPPED-ADDRESS, from
    /// servers that send only that).
    public var testIMapped: ObservedAddress?
    /// Test I: the plain MAPPED-ADDRESS, when the server also sent one (for ALG detection).
    public var testIPlainMapped: ObservedAddress?
    /// Whether the server returned OTHER-ADDRESS (RFC 5780 support; `false` also for an RFC 3489
    /// server that sent CHANGED-ADDRESS instead, see ``testIAnswer``).
    public var otherAddressAvailable: Bool?
    /// Mapping test II: mapped address seen by the alternate IP, primary port.
    public var mappingAlternateIP: ObservedAddress?
    /// Mapping test III: mapped address seen by the alternate IP and alternate port.
    public var mappingAlternateIPAndPort: ObservedAddress?
    /// Filtering test II: an answer arrived from the alternate IP and port.
    public var filteringChangeIPAndPortAnswered: Bool?
    /// Filtering test III: an answer arrived from the primary IP and alternate port.
    public var filteringChangePortAnswered: Bool?
    /// Mappings of one socket across several servers (for servers without OTHER-ADDRESS).
    public var serverMappings: [ServerMapping]?
    /// The server address test I was sent to (and answered from).
    public var server: ObservedAddress?
    /// The addresses test I's answer carried, attribute by attribute (read by ``StunAnswerReading``:
    /// which standard the server speaks, its alternate address and response origin).
    public var testIAnswer: StunAnswerAttributes?
    /// Whether a request sent straight to the announced alternate address (mapping test III) was
    /// answered; `false` only after its whole schedule went unanswered. Without such an answer
    /// nothing shows that the server can answer from there, so silence to CHANGE-REQUEST proves
    /// nothing about the NAT.
    public var alternateAnswered: Bool?
    /// RFC 5780 4.5 hairpinning test result (opt-in probe).
    public var hairpinning: Bool?
    /// RFC 5780 4.6 binding lifetime found, in seconds (opt-in probe).
    public var bindingLifetimeSeconds: Double?

    public init(udpReachable: Bool? = nil, localAddress: ObservedAddress? = nil,
                testIMapped: ObservedAddress? = nil, testIPlainMapped: ObservedAddress? = nil,
                otherAddressAvailable: Bool? = nil, mappingAlternateIP: ObservedAddress? = nil,
                mappingAlternateIPAndPort: ObservedAddress? = nil,
                filteringChangeIPAndPortAnswered: Bool? = nil, filteringChangePortAnswered: Bool? = nil,
                serverMappings: [ServerMapping]? = nil, hairpinning: Bool? = nil,
                bindingLifetimeSeconds: Double? = nil, server: ObservedAddress? = nil,
                testIAnswer: StunAnswerAttributes? = nil, alternateAnswered: Bool? = nil) {
        self.udpReachable = udpReachable
        self.localAddress = localAddress
        self.testIMapped = testIMapped
        self.testIPlainMapped = testIPlainMapped
        self.otherAddressAvailable = otherAddressAvailable
        self.mappingAlternateIP = mappingAlternateIP
        self.mappingAlternateIPAndPort = mappingAlternateIPAndPort
        self.filteringChangeIPAndPortAnswered = filteringChangeIPAndPortAnswered
        self.filteringChangePortAnswered = filteringChangePortAnswered
        self.serverMappings = serverMappings
        self.hairpinning = hairpinning
        self.bindingLifetimeSeconds = bindingLifetimeSeconds
        self.server = server
        self.testIAnswer = testIAnswer
        self.alternateAnswered = alternateAnswered
    }
}
