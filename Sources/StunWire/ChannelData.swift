/// A TURN ChannelData message (RFC 8656 12.4): channel number, length, payload.
public struct ChannelData: Hashable, Sendable {
    /// Valid channel numbers (RFC 8656 12).
    public static let channelRange: ClosedRange<UInt16> = 0x4000...0x4FFF

    public var channel: UInt16
    public var payload: [UInt8]

    public init(channel: UInt16, payload: [UInt8]) {
        self.channel = channel
        self.payload = payload
    }

    /// The wire bytes; `padToFour` adds zero padding to a multiple of 4 (required over TCP/TLS).
    /// A payload longer than 65,535 bytes cannot be represented; its length field is truncated.
    public func encode(padToFour: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4 + payload.count + 3)
        WireBytes.append(channel, to: &bytes)
        WireBytes.append(UInt16(truncatingIfNeeded: payload.count), to: &bytes)
        bytes += payload
        if padToFour {
            bytes += [UInt8](repeating: 0, count: WireBytes.paddingCount(payload.count))
        }
        return bytes
    }

    /// Decodes one whole ChannelData message (a datagram or a framed stream message), with or
    /// without padding. Errors: `.truncatedHeader` (offset = byte count), `.notStun` (first bits
    /// not 01, offset 0), `.invalidChannelNumber` (offset 0), `.lengthMismatch` (offset 2).
    public static func decode(_ bytes: some Collection<UInt8>) throws(StunDecodeError) -> ChannelData {
        let data = Array(bytes)
        guard data.count >= 4 else {
            throw StunDecodeError(.truncatedHeader, offset: data.count, detail: "\(data.count) of 4 header bytes")
        }
        guard data[0] & 0xC0 == 0x40 else {
            throw StunDecodeError(.notStun, offset: 0, detail: "first two bits are not 01")
        }
        let channel = UInt16(data[0]) << 8 | UInt16(data[1])
        guard channelRange.contains(channel) else {
            throw StunDecodeError(.invalidChannelNumber, offset: 0, detail: "channel 0x" + String(channel, radix: 16))
        }
        let length = Int(data[2]) << 8 | Int(data[3])
        let available = data.count - 4
        guard available == length || available == length + WireBytes.paddingCount(length) else {
            throw StunDecodeError(.lengthMismatch, offset: 2,
                                  detail: "length field \(length), \(available) bytes follow")
        }
        return ChannelData(channel: channel, payload: Array(data[4..<(4 + length)]))
    }

    /// Cheap demultiplexing check: first two bits 01 and at least 4 bytes.
    public static func looksLikeChannelData(_ bytes: some Collection<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        return bytes.count >= 4 && first & 0xC0 == 0x40
    }
}
