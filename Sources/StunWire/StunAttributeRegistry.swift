/// Maps attribute types to the typed attribute this codec decodes them with.
public enum StunAttributeRegistry {
    /// The typed attribute for a wire type, nil when this codec has none (kept as raw only).
    public static func attributeKind(for type: StunAttributeType) -> (any StunAttribute.Type)? {
        kinds[type.rawValue]
    }

    private static let kinds: [UInt16: any StunAttribute.Type] = {
        let all: [any StunAttribute.Type] = [
            MappedAddress.self, XorMappedAddress.self, Username.self, UserHash.self,
            MessageIntegrity.self, MessageIntegritySHA256.self, Fingerprint.self, ErrorCode.self,
            Realm.self, Nonce.self, PasswordAlgorithm.self, PasswordAlgorithms.self,
            UnknownAttributes.self, Software.self, AlternateServer.self, AlternateDomain.self,
            ChangeRequest.self, ResponseOrigin.self, OtherAddress.self, ResponsePort.self, Padding.self,
            ChangedAddress.self, SourceAddress.self, Lifetime.self, XorPeerAddress.self,
            XorRelayedAddress.self, DataAttribute.self, RequestedTransport.self,
            RequestedAddressFamily.self, ChannelNumber.self, DontFragment.self, ReservationToken.self,
            EvenPort.self, ConnectionID.self, Priority.self, UseCandidate.self, IceControlled.self,
            IceControlling.self,
        ]
        var map: [UInt16: any StunAttribute.Type] = [:]
        for kind in all { map[kind.attributeType.rawValue] = kind }
        return map
    }()
}
