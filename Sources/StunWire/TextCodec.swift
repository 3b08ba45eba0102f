/// Shared value codec for UTF-8 text attributes (USERNAME, REALM, NONCE, SOFTWARE, ...).
enum TextCodec {
    /// Decodes UTF-8 of at most `maximumBytes` bytes. Errors: `.valueTooLong` at offset
    /// `maximumBytes`, `.invalidUTF8` at the first bad byte.
    static func decode(_ value: ArraySlice<UInt8>, type: StunAttributeType,
                       maximumBytes: Int) throws(StunDecodeError) -> String {
        guard value.count <= maximumBytes else {
            throw StunDecodeError(.valueTooLong, offset: maximumBytes, attribute: type,
                                  detail: "\(value.count) bytes, at most \(maximumBytes) allowed")
        }
        if let text = String(validating: value, as: UTF8.self) { return text }
        throw StunDecodeError(.invalidUTF8, offset: firstInvalidOffset(value), attribute: type)
    }

    /// Offset (relative to the slice start) of the first byte that is not part of valid UTF-8.
    static func firstInvalidOffset(_ value: ArraySlice<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = value.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}
