/// Whether an IPv4 address lies in a profile address range (`a.b.c.d`, `a.b.c.d/n` or
/// `a.b.c.d-e.f.g.h`). Total: anything unreadable (IPv6, malformed) matches nothing.
public enum IPv4RangeMatcher {
    public static func contains(_ range: String, _ address: String) -> Bool {
        guard let ip = value(Substring(address)) else { return false }
        if let dash = range.firstIndex(of: "-") {
            guard let low = value(range[..<dash]), let high = value(range[range.index(after: dash)...]) else { return false }
            return low <= ip && ip <= high
        }
        let parts = range.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let network = value(parts[0]) else { return false }
        guard parts.count == 2 else { return network == ip }
        guard let bits = UInt8(parts[1]), bits <= 32 else { return false }
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - UInt32(bits))
        return network & mask == ip & mask
    }

    static func value(_ text: Substring) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var result: UInt32 = 0
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, let byte = UInt8(octet) else { return nil }
            result = result << 8 | UInt32(byte)
        }
        return result
    }
}
