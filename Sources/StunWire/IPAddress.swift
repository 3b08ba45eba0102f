/// An IPv4 (4 bytes) or IPv6 (16 bytes) address in network byte order.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let bytes: [UInt8]

    /// Nil unless exactly 4 or 16 bytes.
    public init?(bytes: some Collection<UInt8>) {
        let array = Array(bytes)
        guard array.count == 4 || array.count == 16 else { return nil }
        self.bytes = array
    }

    /// Parses "192.0.2.1" or "2001:db8::1" (no brackets, no zone). Total: nil for anything else.
    /// IPv4 parts must be decimal 0...255 without leading zeros; IPv6 accepts "::" once and an
    /// embedded dotted IPv4 tail ("::ffff:192.0.2.1").
    public init?(_ text: String) {
        let utf8 = Array(text.utf8)
        if utf8.contains(UInt8(ascii: ":")) {
            guard let parsed = IPAddress.parseIPv6(utf8) else { return nil }
            bytes = parsed
        } else {
            guard let parsed = IPAddress.parseIPv4(utf8[...]) else { return nil }
            bytes = parsed
        }
    }

    public var isIPv4: Bool { bytes.count == 4 }

    /// IPv4 loopback 127.0.0.1.
    public static let loopbackV4 = IPAddress(unchecked: [127, 0, 0, 1])
    /// IPv6 loopback ::1.
    public static let loopbackV6 = IPAddress(unchecked: [UInt8](repeating: 0, count: 15) + [1])
    /// 0.0.0.0
    public static let anyV4 = IPAddress(unchecked: [0, 0, 0, 0])
    /// ::
    public static let anyV6 = IPAddress(unchecked: [UInt8](repeating: 0, count: 16))

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// Dotted quad, or RFC 5952 canonical IPv6 (lower case, longest zero run compressed,
    /// IPv4-mapped addresses shown as "::ffff:a.b.c.d").
    public var description: String {
        if isIPv4 { return IPAddress.dotted(bytes[...]) }
        guard bytes.count == 16 else { return "invalid" }
        var groups = [UInt16](repeating: 0, count: 8)
        for index in 0..<8 { groups[index] = UInt16(bytes[2 * index]) << 8 | UInt16(bytes[2 * index + 1]) }
        if groups[0...4].allSatisfy({ $0 == 0 }) && groups[5] == 0xFFFF {
            return "::ffff:" + IPAddress.dotted(bytes[12...])
        }
        // Longest run of at least two zero groups; the first one wins a tie.
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...8 {
            if index < 8 && groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                let length = index - runStart
                if length > bestLength { bestStart = runStart; bestLength = length }
                runStart = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        var text = ""
        var index = 0
        while index < 8 {
            if index == bestStart {
                text += "::"
                index += bestLength
                continue
            }
            if !text.isEmpty && !text.hasSuffix(":") { text += ":" }
            text += String(groups[index], radix: 16)
            index += 1
        }
        return text
    }

    /// IPv4 sorts before IPv6; then byte-wise.
    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        if lhs.bytes.count != rhs.bytes.count { return lhs.bytes.count < rhs.bytes.count }
        return lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    private static func dotted(_ four: ArraySlice<UInt8>) -> String {
        four.map { String($0) }.joined(separator: ".")
    }

    static func parseIPv4(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var result: [UInt8] = []
        var value = 0, digits = 0
        for character in text {
            if character == UInt8(ascii: ".") {
                guard digits > 0, result.count < 3 else { return nil }
                result.append(UInt8(value))
                value = 0
                digits = 0
            } else if character >= UInt8(ascii: "0") && character <= UInt8(ascii: "9") {
                if digits > 0 && value == 0 { return nil }       // leading zero
                guard digits < 3 else { return nil }
                value = value * 10 + Int(character - UInt8(ascii: "0"))
                guard value <= 255 else { return nil }
                digits += 1
            } else {
                return nil
            }
        }
        guard digits > 0, result.count == 3 else { return nil }
        result.append(UInt8(value))
        return result
    }

    private static func hexValue(_ character: UInt8) -> UInt16? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt16(character - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt16(character - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt16(character - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    static func parseIPv6(_ text: [UInt8]) -> [UInt8]? {
        guard text.count >= 2, text.count <= 45 else { return nil }
        // Split around a single "::".
        var doubleColon: Int? = nil
        var index = 0
        while index + 1 < text.count {
            if text[index] == UInt8(ascii: ":") && text[index + 1] == UInt8(ascii: ":") {
                guard doubleColon == nil else { return nil }
                doubleColon = index
                index += 2
                continue
            }
            index += 1
        }
        func parsePart(_ part: ArraySlice<UInt8>, allowIPv4Tail: Bool) -> [UInt8]? {
            if part.isEmpty { return [] }
            var out: [UInt8] = []
            let pieces = part.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            for (position, piece) in pieces.enumerated() {
                if allowIPv4Tail && position == pieces.count - 1 && piece.contains(UInt8(ascii: ".")) {
                    guard let four = parseIPv4(piece) else { return nil }
                    out += four
                    continue
                }
                guard !piece.isEmpty, piece.count <= 4 else { return nil }
                var value: UInt16 = 0
                for character in piece {
                    guard let digit = hexValue(character) else { return nil }
                    value = value << 4 | digit
                }
                out.append(UInt8(value >> 8))
                out.append(UInt8(value & 0xFF))
            }
            return out
        }
        if let doubleColon {
            guard let head = parsePart(text[..<doubleColon], allowIPv4Tail: false),
                  let tail = parsePart(text[(doubleColon + 2)...], allowIPv4Tail: true),
                  head.count + tail.count <= 14 else { return nil }
            return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
        }
        guard let all = parsePart(text[...], allowIPv4Tail: true), all.count == 16 else { return nil }
        return all
    }
}
