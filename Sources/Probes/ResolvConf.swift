import Foundation

/// The resolvers this computer asks, from `/etc/resolv.conf` (inside a lab namespace, the file
/// `ip netns exec` mounts there). Reading is local and total: an unreadable file gives `nil`.
public enum ResolvConf {
    public static let path = "/etc/resolv.conf"

    public static func read(path: String = ResolvConf.path) -> [String]? {
        guard let data = FileManager.default.contents(atPath: path), data.count <= 65_536 else { return nil }
        return parse(String(decoding: data, as: UTF8.self))
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
