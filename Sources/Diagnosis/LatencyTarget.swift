/// A host and port a region's latency can be timed against without STUN, written `tcp:HOST:PORT`
/// (the TCP connect handshake) or `tls:HOST:PORT` (TCP connect, then the TLS handshake; the
/// certificate is verified against HOST). HOST is a DNS name, an IPv4 address or an IPv6 address
/// in brackets; PORT is 1-65535 and may be left out for `tls:` (443). Parsing is total.
public struct LatencyTarget: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case tcp, tls
    }

    public var kind: Kind
    public var host: String
    public var port: UInt16

    public init(kind: Kind, host: String, port: UInt16) {
        self.kind = kind
        self.host = host
        self.port = port
    }

    public var description: String {
        "\(kind.rawValue):\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// Parses `tcp:HOST:PORT` / `tls:HOST[:PORT]`; the error says what is wrong, in plain words.
    public static func parse(_ text: String) -> Result<LatencyTarget, LatencyTargetError> {
        let kind: Kind
        let rest: Substring
        if text.hasPrefix("tcp:") {
            kind = .tcp; rest = text.dropFirst(4)
        } else if text.hasPrefix("tls:") {
            kind = .tls; rest = text.dropFirst(4)
        } else {
            return .failure(LatencyTargetError("'\(text)' is not a tcp:HOST:PORT or tls:HOST:PORT target"))
        }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                return .failure(LatencyTargetError("'\(text)': an IPv6 address needs a closing ']'"))
            }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return .failure(LatencyTargetError("'\(text)': expected ':PORT' after ']'")) }
                portText = after.dropFirst()
            }
            guard !host.isEmpty, host.contains(":"),
                  host.unicodeScalars.allSatisfy({ $0 == ":" || $0 == "." || $0.properties.isASCIIHexDigit }) else {
                return .failure(LatencyTargetError("'\(text)': '\(host)' is not an IPv6 address"))
            }
        } else {
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else {
                return .failure(LatencyTargetError("'\(text)': too many ':' (write an IPv6 address in brackets)"))
            }
            host = parts[0]
            if parts.count == 2 { portText = parts[1] }
            let allowed = host.unicodeScalars.allSatisfy { scalar in
                (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                    || scalar == "-" || scalar == "." || scalar == "_"
            }
            guard !host.isEmpty, host.utf8.count <= 253, allowed, !host.hasPrefix("."), !host.contains("..") else {
                return .failure(LatencyTargetError("'\(text)': '\(host)' is not a host name or IPv4 address"))
            }
        }
        let port: UInt16
        if let portText {
            guard let value = UInt16(portText), value >= 1 else {
                return .failure(LatencyTargetError("'\(text)': port '\(portText)' must be 1-65535"))
            }
            port = value
        } else if kind == .tls {
            port = 443
        } else {
            return .failure(LatencyTargetError("'\(text)': a tcp: target needs a port (tcp:HOST:PORT)"))
        }
        return .success(LatencyTarget(kind: kind, host: String(host), port: port))
    }
}
