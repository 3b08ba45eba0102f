@testable import StunWire

/// Builders for hand-made wire bytes in tests.
enum TestMessages {
    static let transactionID = TransactionID(bytes: Array(1...12))!

    /// Header for `body` with a correct length field, Binding request, magic cookie.
    static func header(type: UInt16 = 0x0001, bodyLength: Int, cookie: [UInt8] = [0x21, 0x12, 0xA4, 0x42]) -> [UInt8] {
        [UInt8(type >> 8), UInt8(type & 0xFF), UInt8(bodyLength >> 8), UInt8(bodyLength & 0xFF)] + cookie
            + transactionID.bytes
    }

    /// One attribute: type, the given length field (defaults to the value size), value, zero padding.
    static func attribute(_ type: UInt16, _ value: [UInt8], lengthField: Int? = nil, pad: Bool = true) -> [UInt8] {
        let length = lengthField ?? value.count
        var bytes = [UInt8(type >> 8), UInt8(type & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + value
        if pad { bytes += [UInt8](repeating: 0, count: (4 - value.count % 4) % 4) }
        return bytes
    }

    /// A whole message from attribute byte blocks.
    static func message(_ attributes: [[UInt8]], type: UInt16 = 0x0001) -> [UInt8] {
        let body = attributes.flatMap { $0 }
        return header(type: type, bodyLength: body.count) + body
    }
}
