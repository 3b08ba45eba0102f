/// A typed decoding failure: what went wrong, where (byte offset) and in which attribute.
///
/// Offsets are counted from the first byte of the message (or ChannelData frame) being decoded.
/// When the error is thrown directly by `StunAttribute.init(stunValue:transactionID:)` the offset is
/// relative to the first byte of the attribute VALUE; `StunMessage.attribute(_:)` and
/// `StunMessage.validateAttributes()` rebase it to an offset in the whole message.
public struct StunDecodeError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Fewer than 20 bytes (STUN) or 4 bytes (ChannelData): offset is the byte count seen.
        case truncatedHeader
        /// The first two bits are not 00 (STUN) / 01 (ChannelData): offset 0.
        case notStun
        /// The header length field is not a multiple of 4: offset 2.
        case lengthNotMultipleOf4
        /// The header length field disagrees with the number of bytes: offset 2.
        case lengthMismatch
        /// The magic cookie is absent where it is required (`decode(_:allowClassic:)` with false,
        /// `looksLikeStun`): offset 4.
        case badMagicCookie
        /// An attribute header or value (with its padding) runs past the end: offset of the attribute.
        case attributeOverrun
        /// The attribute value is malformed in a way no more specific kind describes.
        case malformedAttribute
        /// The attribute value has a length this attribute never has.
        case invalidAttributeLength
        /// An address attribute carries a family other than 0x01 (IPv4) / 0x02 (IPv6).
        case badAddressFamily
        /// ERROR-CODE class outside 3...6 or number above 99.
        case invalidErrorCode
        /// Text attribute (SOFTWARE, REALM, ...) that is not valid UTF-8.
        case invalidUTF8
        /// Text attribute longer than the RFC permits.
        case valueTooLong
        /// An attribute that must not repeat appears twice: offset of the second one.
        case duplicateAttribute
        /// An attribute other than MESSAGE-INTEGRITY-SHA256/FINGERPRINT follows MESSAGE-INTEGRITY
        /// (or anything but FINGERPRINT follows MESSAGE-INTEGRITY-SHA256).
        case attributeAfterIntegrity
        /// Anything follows FINGERPRINT.
        case attributeAfterFingerprint
        /// FINGERPRINT present but its CRC does not match: offset of the FINGERPRINT attribute.
        case badFingerprint
        /// ChannelData channel number outside 0x4000...0x4FFF: offset 0.
        case invalidChannelNumber
        /// A stream frame longer than the decoder's cap: offset 2 (the length field).
        case frameTooLong
    }

    public var kind: Kind
    public var offset: Int
    public var attribute: StunAttributeType?
    /// A short human explanation (never contains secrets; may quote sizes and numbers).
    public var detail: String

    public init(_ kind: Kind, offset: Int, attribute: StunAttributeType? = nil, detail: String = "") {
        self.kind = kind
        self.offset = offset
        self.attribute = attribute
        self.detail = detail
    }

    /// The same error with its offset moved by `delta` (used to turn a value-relative offset into
    /// a message offset).
    public func shifted(by delta: Int) -> StunDecodeError {
        var copy = self
        copy.offset = offset &+ delta
        return copy
    }

    public var description: String {
        var text = ""
        if let attribute { text += "attribute \(attribute.name) " }
        text += "at offset \(offset): \(kind.rawValue)"
        if !detail.isEmpty { text += " (\(detail))" }
        return text
    }
}
