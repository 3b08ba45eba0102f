/// One gathered ICE candidate as a plain Swift value (no libnice types).
public struct IceCandidate: Hashable, Sendable, Codable {
    /// RFC 8445 foundation (1-32 ice-chars).
    public var foundation: String
    /// Component ID (1 = RTP, 2 = RTCP).
    public var component: Int
    public var transport: CandidateTransport
    public var type: CandidateType
    /// IP address literal (IPv6 without brackets).
    public var address: String
    public var port: UInt16
    /// RFC 8445 priority.
    public var priority: UInt32
    /// The related address (`raddr`): for srflx and relay candidates, the base they came from.
    public var relatedAddress: String?
    public var relatedPort: UInt16?
    /// The server (as the user wrote it, canonical form) that produced this candidate, `nil` for
    /// host candidates.
    public var server: String?
    /// Milliseconds from the start of gathering until libnice reported this candidate.
    public var elapsedMs: Double

    public init(foundation: String, component: Int, transport: CandidateTransport, type: CandidateType,
                address: String, port: UInt16, priority: UInt32, relatedAddress: String? = nil,
                relatedPort: UInt16? = nil, server: String? = nil, elapsedMs: Double = 0) {
        self.foundation = foundation
        self.component = component
        self.transport = transport
        self.type = type
        self.address = address
        self.port = port
        self.priority = priority
        self.relatedAddress = relatedAddress
        self.relatedPort = relatedPort
        self.server = server
        self.elapsedMs = elapsedMs
    }

    /// Builds a candidate from the fields libnice reported. Total: unknown enum values, an empty or
    /// over-long foundation, a missing address or a component outside 1-256 give a
    /// ``CandidateMappingError`` naming the field.
    public init(nice fields: NiceCandidateFields, server: String?, elapsedMs: Double)
        throws(CandidateMappingError) {
        guard let type = CandidateType(niceValue: fields.typeValue) else {
            throw CandidateMappingError(field: "type", detail: "unknown libnice candidate type \(fields.typeValue)")
        }
        guard let transport = CandidateTransport(niceValue: fields.transportValue) else {
            throw CandidateMappingError(field: "transport",
                                        detail: "unknown libnice candidate transport \(fields.transportValue)")
        }
        let foundationBytes = fields.foundation.prefix { $0 != 0 }
        guard !foundationBytes.isEmpty else {
            throw CandidateMappingError(field: "foundation", detail: "empty foundation")
        }
        guard foundationBytes.count <= 32 else {
            throw CandidateMappingError(field: "foundation",
                                        detail: "foundation of \(foundationBytes.count) bytes (at most 32)")
        }
        guard foundationBytes.allSatisfy(CandidateAttribute.isIceChar) else {
            throw CandidateMappingError(field: "foundation", detail: "foundation has characters outside ice-char")
        }
        guard let address = fields.address, !address.isEmpty else {
            throw CandidateMappingError(field: "address", detail: "candidate has no valid address")
        }
        guard fields.componentID >= 1, fields.componentID <= 256 else {
            throw CandidateMappingError(field: "component", detail: "component \(fields.componentID) outside 1-256")
        }
        self.foundation = String(decoding: foundationBytes, as: UTF8.self)
        self.component = Int(fields.componentID)
        self.transport = transport
        self.type = type
        self.address = address
        self.port = fields.port
        self.priority = fields.priority
        if type != .host, let base = fields.baseAddress, !base.isEmpty {
            self.relatedAddress = base
            self.relatedPort = fields.basePort
        } else {
            self.relatedAddress = nil
            self.relatedPort = nil
        }
        self.server = server
        self.elapsedMs = elapsedMs
    }
}
