/// Length checks shared by the fixed-size attributes.
enum ValueLength {
    /// Throws `.invalidAttributeLength` at offset 0 unless the value is exactly `count` bytes.
    static func require(_ value: ArraySlice<UInt8>, _ count: Int, _ type: StunAttributeType) throws(StunDecodeError) {
        guard value.count == count else {
            throw StunDecodeError(.invalidAttributeLength, offset: 0, attribute: type,
                                  detail: "\(value.count) bytes, expected \(count)")
        }
    }

    /// The big-endian UInt32 of a value that must be exactly 4 bytes (else `.invalidAttributeLength`).
    static func uint32(_ value: ArraySlice<UInt8>, _ type: StunAttributeType) throws(StunDecodeError) -> UInt32 {
        try require(value, 4, type)
        return WireBytes.uint32(value, at: value.startIndex) ?? 0
    }

    /// The big-endian UInt64 of a value that must be exactly 8 bytes (else `.invalidAttributeLength`).
    static func uint64(_ value: ArraySlice<UInt8>, _ type: StunAttributeType) throws(StunDecodeError) -> UInt64 {
        try require(value, 8, type)
        return WireBytes.uint64(value, at: value.startIndex) ?? 0
    }
}
