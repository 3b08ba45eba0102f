/// A remark attached to a NAT verdict: a contradiction between observations, or why a part of
/// the verdict is `unknown`. `id` is stable (for scripts and tests); `message` is for people.
public struct NatNote: Sendable, Hashable, Codable {
    public let id: String
    public let message: String

    public init(id: String, message: String) {
        self.id = id
        self.message = message
    }

    public static let mappingTestsContradict = "mapping-tests-contradict"
    public static let mappingAmbiguous = "mapping-ambiguous"
    public static let mappingSourcesDisagree = "mapping-sources-disagree"
    public static let serverMappingsInconsistent = "server-mappings-inconsistent"
    public static let filteringTestsContradict = "filtering-tests-contradict"
    public static let filteringIncomplete = "filtering-incomplete"
    public static let filteringUnconfirmed = "filtering-unconfirmed"
    public static let udpReachabilityContradicts = "udp-reachability-contradicts"
    public static let noRFC5780 = "no-rfc5780"
    public static let alternateTestsWithoutOtherAddress = "alternate-tests-without-other-address"
    public static let mappingVariesYetOpenFiltering = "mapping-varies-yet-open-filtering"
    public static let noNatButFiltered = "no-nat-but-filtered"
    public static let partialTranslation = "partial-translation"
    public static let natContradictsMapping = "nat-contradicts-mapping"
    /// The server speaks RFC 3489: CHANGED-ADDRESS served as the alternate address.
    public static let rfc3489Server = "rfc3489-server"
    /// The announced alternate address cannot be used (the server's own address, its own IP, ...).
    public static let alternateUnusable = "alternate-unusable"
    /// Nothing answered at the announced alternate address: silence to CHANGE-REQUEST proves nothing.
    public static let alternateUnanswered = "alternate-unanswered"
    /// The answer carried MAPPED-ADDRESS only (no XOR-MAPPED-ADDRESS): ALG detection impossible.
    public static let mappedAddressOnly = "mapped-address-only"
}
