/// The fields of a libnice `NiceCandidate`, copied out as plain values so the mapping to
/// ``IceCandidate`` can be tested without libnice.
public struct NiceCandidateFields: Hashable, Sendable {
    public var typeValue: UInt32
    public var transportValue: UInt32
    /// The foundation bytes as stored in the C array (NUL-terminated or not).
    public var foundation: [UInt8]
    /// `nil` when libnice's address was not valid.
    public var address: String?
    public var port: UInt16
    public var baseAddress: String?
    public var basePort: UInt16
    public var priority: UInt32
    public var componentID: UInt32

    public init(typeValue: UInt32, transportValue: UInt32, foundation: [UInt8], address: String?,
                port: UInt16, baseAddress: String?, basePort: UInt16, priority: UInt32, componentID: UInt32) {
        self.typeValue = typeValue
        self.transportValue = transportValue
        self.foundation = foundation
        self.address = address
        self.port = port
        self.baseAddress = baseAddress
        self.basePort = basePort
        self.priority = priority
        self.componentID = componentID
    }
}
