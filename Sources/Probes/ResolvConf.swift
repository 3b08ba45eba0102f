import Foundation

/// The resolvers this computer asks, from `/etc/resolv.conf` (inside a lab namespace, the file
/// `ip netns exec` mounts there). Reading is local and total: an unreadable file gives `nil`.
public enum ResolvConf {
    public static let path = "/etc/resolv.conf"

    /// systemd-resolved's list of the servers its local stub (127.0.0.53) forwards to.
    public static let stubUpstreamPath = "/run/systemd/resolve/resolv.conf"

    /// The resolvers of `path`; when they are all local stubs (loopback), followed by the stub's
    /// upstream servers from `upstreamPath` (systemd-resolved), which are the ones GeoDNS sees.
    public static func read(path: String = ResolvConf.path, upstreamPath: String = ResolvConf.stubUpstreamPath) -> [String]? {
        guard let servers = file(path) else { return nil }
        guard !servers.isEmpty, servers.allSatisfy(isLoopback), let upstream = file(upstreamPath) else { return servers }
        return servers + upstream.filter { !servers.contains($0) && !isLoopback($0) }
    }

    static func file(_ path: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: path), data.count <= 65_536 else { return nil }
        return parse(String(decoding: data, as: UTF8.self))
    }

    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1"
    }

    /// The address of every `nameserver` line, in order (comments and other options ignored).
    public static func parse(_ text: String) -> [String] {
        var out: [String] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, fields[0] == "nameserver" else { continue }
            let address = String(fields[1].prefix(64))
            if !out.contains(address) { out.append(address) }
        }
        return out
    }
}
