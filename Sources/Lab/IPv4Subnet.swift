/// An IPv4 network in CIDR form (`10.1.0.0/24`), as used for site LANs and lab links.
public struct IPv4Subnet: Hashable, Sendable, CustomStringConvertible {
    /// The network address, host bits cleared.
    public let network: UInt32
    public let prefixLength: Int

    /// Parses `A.B.C.D/N`; nil for anything else, or when host bits are set.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPv4Subnet.parseAddress(String(parts[0])),
              let length = Int(parts[1]), (0...32).contains(length), parts[1].count <= 2
        else { return nil }
        let mask = IPv4Subnet.mask(length)
        guard address & mask == address else { return nil }
        self.network = address
        self.prefixLength = length
    }

    public init(network: UInt32, prefixLength: Int) {
        let length = min(max(prefixLength, 0), 32)
        self.prefixLength = length
        self.network = network & IPv4Subnet.mask(length)
    }

    /// Netmask for a prefix length (0...32).
    static func mask(_ length: Int) -> UInt32 {
        length <= 0 ? 0 : (length >= 32 ? UInt32.max : ~(UInt32.max >> UInt32(length)))
    }

    public var mask: UInt32 { IPv4Subnet.mask(prefixLength) }

    /// Last address of the network (the broadcast address for prefixes below 31).
    public var lastAddress: UInt32 { network | ~mask }

    /// Number of usable host addresses (network and broadcast excluded for prefixes below 31).
    public var usableHosts: Int {
        let size = Int(UInt64(~mask) + 1)
        return prefixLength >= 31 ? size : size - 2
    }

    public func contains(_ address: UInt32) -> Bool { address & mask == network }

    public func overlaps(_ other: IPv4Subnet) -> Bool {
        contains(other.network) || other.contains(network)
    }

    /// The address `offset` hosts into the network (offset 1 = first host), nil outside it.
    public func host(_ offset: Int) -> UInt32? {
        guard offset >= 0, UInt64(offset) <= UInt64(~mask) else { return nil }
        return network | UInt32(offset)
    }

    public var description: String { "\(IPv4Subnet.format(network))/\(prefixLength)" }

    /// Parses a dotted quad; total.
    public static func parseAddress(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isASCII),
                  let byte = UInt8(octet) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }

    public static func format(_ address: UInt32) -> String {
        "\(address >> 24).\(address >> 16 & 0xff).\(address >> 8 & 0xff).\(address & 0xff)"
    }
}
