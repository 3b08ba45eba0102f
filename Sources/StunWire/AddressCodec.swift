/// Shared value codec for the (XOR-)address attributes: 1 reserved byte, family, port, address.
enum AddressCodec {
    /// Decodes a plain or XOR'd address value. Errors: `.invalidAttributeLength` at 0 for a short
    /// or mis-sized value, `.badAddressFamily` at 1.
    static func decode(_ value: ArraySlice<UInt8>, type: StunAttributeType,
                       xorWith transactionID: TransactionID?) throws(StunDecodeError) -> TransportAddress {
        let base = value.startIndex
        guard value.count >= 4 else {
            throw StunDecodeError(.invalidAttributeLength, offset: 0, attribute: type,
                                  detail: "\(value.count) bytes, an address needs at least 8")
        }
        let expected: Int
        switch value[base + 1] {
        case AddressFamily.ipv4.rawValue: expected = 8
        case AddressFamily.ipv6.rawValue: expected = 20
        default:
            throw StunDecodeError(.badAddressFamily, offset: 1, attribute: type,
                                  detail: "family 0x" + String(value[base + 1], radix: 16))
        }
        guard value.count == expected else {
            throw StunDecodeError(.invalidAttributeLength, offset: 0, attribute: type,
                                  detail: "\(value.count) bytes, expected \(expected)")
        }
        var port = UInt16(value[base + 2]) << 8 | UInt16(value[base + 3])
        var address = Array(value[(base + 4)..<(base + expected)])
        if let transactionID {
            port ^= UInt16(StunMessage.magicCookie >> 16)
            let mask = xorMask(transactionID)
            for index in address.indices { address[index] ^= mask[index] }
        }
        return TransportAddress(ip: IPAddress(unchecked: address), port: port)
    }

    static func encode(_ address: TransportAddress, xorWith transactionID: TransactionID?) -> [UInt8] {
        var bytes: [UInt8] = [0, address.ip.isIPv4 ? AddressFamily.ipv4.rawValue : AddressFamily.ipv6.rawValue]
        var port = address.port
        var ip = address.ip.bytes
        if let transactionID {
            port ^= UInt16(StunMessage.magicCookie >> 16)
            let mask = xorMask(transactionID)
            for index in ip.indices { ip[index] ^= mask[index] }
        }
        WireBytes.append(port, to: &bytes)
        bytes.append(contentsOf: ip)
        return bytes
    }

    /// Magic cookie followed by the transaction ID (16 bytes).
    private static func xorMask(_ transactionID: TransactionID) -> [UInt8] {
        [0x21, 0x12, 0xA4, 0x42] + transactionID.bytes
    }
}
