/// MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT (RFC 8489 sections 14.5-14.7).
extension StunMessage {
    /// XOR constant applied to the CRC-32 in FINGERPRINT ("STUN").
    public static let fingerprintXOR: UInt32 = 0x5354_554E

    /// Appends MESSAGE-INTEGRITY: HMAC-SHA1 over the message so far, its header length covering the
    /// new attribute. Add attributes that must be covered first; FINGERPRINT after.
    public mutating func appendMessageIntegrity(key: [UInt8]) {
        var bytes = encode()
        WireBytes.store(UInt16(truncatingIfNeeded: bytes.count - StunMessage.headerLength + 24), into: &bytes, at: 2)
        attributes.append(RawAttribute(type: .messageIntegrity, value: Digest.hmac(.sha1, key: key, data: bytes)))
    }

    /// Appends MESSAGE-INTEGRITY-SHA256 (full 32-byte HMAC-SHA256).
    public mutating func appendMessageIntegritySHA256(key: [UInt8]) {
        var bytes = encode()
        WireBytes.store(UInt16(truncatingIfNeeded: bytes.count - StunMessage.headerLength + 36), into: &bytes, at: 2)
        attributes.append(RawAttribute(type: .messageIntegritySHA256,
                                       value: Digest.hmac(.sha256, key: key, data: bytes)))
    }

    /// Appends FINGERPRINT: CRC-32 of the message so far (length covering it) xor 0x5354554E.
    public mutating func appendFingerprint() {
        let value = StunMessage.fingerprintValue(encode(), upTo: encodedLength)
        var bytes: [UInt8] = []
        WireBytes.append(value, to: &bytes)
        attributes.append(RawAttribute(type: .fingerprint, value: bytes))
    }

    /// Checks MESSAGE-INTEGRITY (HMAC-SHA1) against the received bytes (or `encode()` for a locally
    /// built or changed message). `.absent` when there is no MESSAGE-INTEGRITY attribute
    /// (MESSAGE-INTEGRITY-SHA256 is checked by `checkMessageIntegritySHA256(key:)`).
    public func checkMessageIntegrity(key: [UInt8]) -> IntegrityCheck {
        check(.messageIntegrity, algorithm: .sha1, key: key)
    }

    /// Checks MESSAGE-INTEGRITY-SHA256 (possibly truncated to 16...32 bytes) the same way.
    public func checkMessageIntegritySHA256(key: [UInt8]) -> IntegrityCheck {
        check(.messageIntegritySHA256, algorithm: .sha256, key: key)
    }

    /// Checks FINGERPRINT against the received bytes (or `encode()`).
    public func checkFingerprint() -> IntegrityCheck {
        let bytes = receivedBytes ?? encode()
        guard let (offset, length) = StunMessage.locate(.fingerprint, in: bytes) else { return .absent }
        guard length == 4, let found = WireBytes.uint32(bytes, at: offset + 4) else { return .invalid }
        return StunMessage.fingerprintValue(bytes, upTo: offset) == found ? .valid : .invalid
    }

    private func check(_ type: StunAttributeType, algorithm: Digest.Algorithm, key: [UInt8]) -> IntegrityCheck {
        let bytes = receivedBytes ?? encode()
        guard let (offset, length) = StunMessage.locate(type, in: bytes) else { return .absent }
        guard length <= algorithm.outputLength, offset + 4 + length <= bytes.count else { return .invalid }
        var covered = Array(bytes[0..<offset])
        WireBytes.store(UInt16(truncatingIfNeeded: offset - StunMessage.headerLength + 4 + length + WireBytes.paddingCount(length)),
                        into: &covered, at: 2)
        let mac = Digest.hmac(algorithm, key: key, data: covered)
        guard mac.count == algorithm.outputLength, length > 0 else { return .invalid }
        return WireBytes.constantTimeEqual(Array(mac.prefix(length)), bytes[(offset + 4)..<(offset + 4 + length)])
            ? .valid : .invalid
    }

    /// Offset and value length of the first attribute of `type` in well-formed message bytes.
    /// Total: stops at the first structural problem.
    static func locate(_ type: StunAttributeType, in bytes: [UInt8]) -> (Int, Int)? {
        var position = StunMessage.headerLength
        while position + 4 <= bytes.count {
            guard let rawType = WireBytes.uint16(bytes, at: position),
                  let rawLength = WireBytes.uint16(bytes, at: position + 2) else { return nil }
            let length = Int(rawLength)
            if rawType == type.rawValue { return (position, length) }
            position += 4 + length + WireBytes.paddingCount(length)
        }
        return nil
    }

    /// CRC-32 xor "STUN" over `bytes[0..<end]` with the header length field set to end at a
    /// FINGERPRINT attribute placed at `end`.
    static func fingerprintValue(_ bytes: [UInt8], upTo end: Int) -> UInt32 {
        guard end >= StunMessage.headerLength, end <= bytes.count else { return 0 }
        let length = UInt16(truncatingIfNeeded: end - StunMessage.headerLength + 8)
        var crc = CRC32.checksum(bytes[0..<2])
        crc = CRC32.checksum([UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length)], initial: crc)
        crc = CRC32.checksum(bytes[4..<end], initial: crc)
        return crc ^ fingerprintXOR
    }
}
