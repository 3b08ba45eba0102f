import Diagnosis
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The local facts a check reads: the report's `LocalFacts` (Diagnosis), filled in here from the
/// system. Sources: getifaddrs, `/sys/class/net/NAME/mtu`, `/proc/net/route`,
/// `/proc/net/ipv6_route`. Reading is bounded (small local files, no network, no waits).
public typealias CheckLocalFacts = LocalFacts

extension LocalFacts {
    /// Reads the facts of the current network namespace.
    public static func read() -> LocalFacts {
        var byName: [String: Interface] = [:]
        var order: [String] = []
        var list: UnsafeMutablePointer<ifaddrs>?
        if getifaddrs(&list) == 0, let first = list {
            var cursor: UnsafeMutablePointer<ifaddrs>? = first
            while let entry = cursor {
                defer { cursor = entry.pointee.ifa_next }
                guard let namePointer = entry.pointee.ifa_name else { continue }
                let name = String(cString: namePointer)
                let flags = entry.pointee.ifa_flags
                if flags & UInt32(IFF_LOOPBACK) != 0 { continue }
                if byName[name] == nil {
                    byName[name] = Interface(name: name, up: flags & UInt32(IFF_UP) != 0, mtu: mtu(of: name), ipv4: [], ipv6: [])
                    order.append(name)
                }
                guard let address = entry.pointee.ifa_addr else { continue }
                if let text = numericAddress(address) {
                    if Int32(address.pointee.sa_family) == AF_INET { byName[name]?.ipv4.append(text) } else { byName[name]?.ipv6.append(text) }
                }
            }
            freeifaddrs(first)
        }
        let route = (try? String(contentsOfFile: "/proc/net/route", encoding: .utf8)).flatMap(defaultRouteInterface(procNetRoute:))
        let v6 = (try? String(contentsOfFile: "/proc/net/ipv6_route", encoding: .utf8)).map(hasIPv6DefaultRoute(procNetIPv6Route:)) ?? false
        return LocalFacts(interfaces: order.compactMap { byName[$0] }, defaultRouteInterface: route, ipv6DefaultRoute: v6)
    }

    static func mtu(of name: String) -> Int? {
        guard !name.contains("/"), !name.contains(".."),
              let text = try? String(contentsOfFile: "/sys/class/net/\(name)/mtu", encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func numericAddress(_ address: UnsafeMutablePointer<sockaddr>) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer -> String? in
                var value = pointer.pointee.sin_addr
                guard inet_ntop(AF_INET, &value, &buffer, socklen_t(buffer.count)) != nil else { return nil }
                return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer -> String? in
                var value = pointer.pointee.sin6_addr
                guard inet_ntop(AF_INET6, &value, &buffer, socklen_t(buffer.count)) != nil else { return nil }
                return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        default:
            return nil
        }
    }

    /// The interface of the IPv4 default route in `/proc/net/route` text (destination 00000000,
    /// mask 00000000, flag RTF_UP), the lowest metric winning; nil when there is none. Total.
    public static func defaultRouteInterface(procNetRoute text: String) -> String? {
        var best: (name: String, metric: Int)?
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 8, fields[1] == "00000000", fields[7] == "00000000",
                  let flags = Int(fields[3], radix: 16), flags & 0x1 != 0, let metric = Int(fields[6]) else { continue }
            if let current = best, current.metric <= metric { continue }
            best = (String(fields[0]), metric)
        }
        return best?.name
    }

    /// Whether `/proc/net/ipv6_route` text has a default route (destination ::/0) that is up and
    /// not through loopback. Total.
    public static func hasIPv6DefaultRoute(procNetIPv6Route text: String) -> Bool {
        for line in text.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 10, fields[0] == String(repeating: "0", count: 32), fields[1] == "00",
                  let flags = Int(fields[8], radix: 16), flags & 0x1 != 0, fields[9] != "lo" else { continue }
            // RTF_REJECT (0x200) marks the kernel's "unreachable" placeholder default route.
            if flags & 0x200 != 0 { continue }
            return true
        }
        return false
    }
}
