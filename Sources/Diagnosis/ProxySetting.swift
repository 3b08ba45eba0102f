/// An HTTP proxy this computer is configured to use (from `--proxy` or the environment's
/// `HTTPS_PROXY`/`https_proxy`/`ALL_PROXY`/`all_proxy`). Only host and port are kept: user
/// names and passwords in the URL are never stored or printed.
public struct ProxySetting: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Where it came from: `--proxy` or the environment variable's name.
    public var source: String
    public var host: String
    public var port: Int

    public init(source: String, host: String, port: Int) {
        self.source = source
        self.host = host
        self.port = port
    }

    public var description: String {
        (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }

    /// Parses `http://[user[:password]@]host[:port][/]` (or without a scheme); the port defaults
    /// to 80 for `http` and 443 for `https`. Anything else is an error with a reason that never
    /// quotes the value (it may hold credentials). Total.
    public static func parse(_ text: String, source: String) -> Result<ProxySetting, ProxySettingError> {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var scheme = "http"
        if let range = rest.range(of: "://") {
            scheme = rest[rest.startIndex..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        }
        guard scheme == "http" || scheme == "https" else {
            return .failure(ProxySettingError(source: source, reason: "scheme '\(scheme)' is not supported (use http://HOST:PORT)"))
        }
        if let slash = rest.firstIndex(of: "/") { rest = rest[rest.startIndex..<slash] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                return .failure(ProxySettingError(source: source, reason: "unclosed '[' in the host"))
            }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                return .failure(ProxySettingError(source: source, reason: "unexpected text after the host"))
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[rest.startIndex..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || ".-_:".contains($0) }) else {
            return .failure(ProxySettingError(source: source, reason: "no valid host"))
        }
        let port: Int
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                return .failure(ProxySettingError(source: source, reason: "the port must be 1-65535"))
            }
            port = value
        } else {
            port = scheme == "https" ? 443 : 80
        }
        return .success(ProxySetting(source: source, host: String(host), port: port))
    }

    /// The proxy named by the environment for HTTPS traffic, if any (first of `HTTPS_PROXY`,
    /// `https_proxy`, `ALL_PROXY`, `all_proxy` that is set and not empty).
    public static func fromEnvironment(_ environment: [String: String]) -> Result<ProxySetting, ProxySettingError>? {
        for name in ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
            if let value = environment[name], !value.trimmingCharacters(in: .whitespaces).isEmpty {
                return parse(value, source: name)
            }
        }
        return nil
    }
}

/// Why a proxy setting could not be used (the value itself is never quoted: it may hold a password).
public struct ProxySettingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var reason: String
    public var description: String { "\(source): \(reason)" }
}
