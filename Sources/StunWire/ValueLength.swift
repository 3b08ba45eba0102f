/// Length checks shared by the fixed-size attributes.
enum ValueLength {
    /// Throws `.invalidAttributeLength` at offset 0 unless the value is exactly `count` bytes.
    static func require(_ value: ArraySlice<UInt8>, _ count: Int, _ type: StunAttributeType) throws(StunDecodeError) {
        guard value.count == count else {
            throw StunDecodeError(.invalidAttributeLength, offset: 0, attribute: type,
                                  detail: "\(value.count) bytes, expected \(count)")
        }
    }
}
