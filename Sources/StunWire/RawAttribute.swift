/// One attribute as found on the wire: its type and unpadded value.
///
/// `padding` keeps the 0...3 padding bytes exactly as received so that a decoded message
/// re-encodes to identical bytes (RFC 5769's vectors pad with 0x20, and integrity covers padding).
/// Padding content carries no meaning (RFC 8489 section 14), so it is ignored by `==` and `hash`.
/// When building attributes leave it empty: missing padding bytes are written as zero.
public struct RawAttribute: Hashable, Sendable {
    public var type: StunAttributeType
    public var value: [UInt8]
    public var padding: [UInt8]

    public init(type: StunAttributeType, value: [UInt8], padding: [UInt8] = []) {
        self.type = type
        self.value = value
        self.padding = padding
    }

    public static func == (lhs: RawAttribute, rhs: RawAttribute) -> Bool {
        lhs.type == rhs.type && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(value)
    }

    /// Bytes this attribute occupies on the wire: 4-byte header, value, padding.
    public var encodedLength: Int { 4 + value.count + WireBytes.paddingCount(value.count) }

    func encode(into bytes: inout [UInt8]) {
        WireBytes.append(type.rawValue, to: &bytes)
        WireBytes.append(UInt16(truncatingIfNeeded: value.count), to: &bytes)
        bytes.append(contentsOf: value)
        let padCount = WireBytes.paddingCount(value.count)
        for index in 0..<padCount {
            bytes.append(index < padding.count ? padding[index] : 0)
        }
    }
}
