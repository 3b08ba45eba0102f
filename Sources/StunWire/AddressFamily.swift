/// The address family byte used by STUN address attributes and REQUESTED-ADDRESS-FAMILY.
public enum AddressFamily: UInt8, Sendable, Hashable {
    case ipv4 = 0x01
    case ipv6 = 0x02

    /// The family of an address.
    public init(of address: IPAddress) { self = address.isIPv4 ? .ipv4 : .ipv6 }
}
