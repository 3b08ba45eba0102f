/// A STUN or TURN server address as users write it (RFC 7064 `stun:`/`stuns:`, RFC 7065
/// `turn:`/`turns:` with `?transport=udp|tcp`), or plain `host`, `host:port`, `[v6]:port`
/// (taken as `stun:`).
///
/// Parsing is total: any input either yields a value or a ``ServerURIError`` naming the problem
/// and where it is.
public struct ServerURI: Hashable, Sendable, CustomStringConvertible {
    public enum Scheme: String, Hashable, Sendable, Codable, CaseIterable {
        case stun, stuns, turn, turns

        /// True for `stuns:` and `turns:` (TLS).
        public var isSecure: Bool { self == .stuns || self == .turns }
        /// True for `turn:` and `turns:`.
        public var isTURN: Bool { self == .turn || self == .turns }
        /// 5349 for the secure schemes, else 3478 (RFC 7064/7065).
        public var defaultPort: UInt16 { isSecure ? 5349 : 3478 }
    }

    public var scheme: Scheme
    /// Host name or IP literal, without brackets for IPv6.
    public var host: String
    /// True when ``host`` was written as a bracketed IPv6 literal.
    public var isIPv6Literal: Bool
    public var port: UInt16
    /// False when the port came from the scheme's default.
    public var hasExplicitPort: Bool
    /// The `?transport=` parameter (TURN only), when present.
    public var transportParameter: TransportProtocol?

    public init(scheme: Scheme, host: String, port: UInt16? = nil,
                transportParameter: TransportProtocol? = nil) {
        self.scheme = scheme
        self.host = host
        self.isIPv6Literal = host.contains(":")
        self.port = port ?? scheme.defaultPort
        self.hasExplicitPort = port != nil
        self.transportParameter = transportParameter
    }

    /// The transport the URI implies: `stuns:`/`turns:` -> TLS, `turn:?transport=tcp` -> TCP,
    /// otherwise UDP.
    public var impliedTransport: TransportProtocol {
        if scheme.isSecure { return .tls }
        return transportParameter ?? .udp
    }

    /// The host as it appears in a URI (IPv6 literals in brackets).
    public var hostForDisplay: String {
        isIPv6Literal ? "[\(host)]" : host
    }

    /// Canonical form with the port always written, e.g. `stun:example.org:3478`,
    /// `turn:[2001:db8::1]:3478?transport=tcp`.
    public var description: String {
        var text = "\(scheme.rawValue):\(hostForDisplay):\(port)"
        if let transportParameter { text += "?transport=\(transportParameter.rawValue)" }
        return text
    }

    /// Parses `text`; see the type's documentation for accepted forms.
    public init(parsing text: String) throws(ServerURIError) {
        let input = text.trimmingWhitespace()
        let characters = Array(input)
        func fail(_ kind: ServerURIError.Kind, at position: Int, _ detail: String) -> ServerURIError {
            ServerURIError(kind: kind, input: input, position: position, detail: detail)
        }
        if characters.isEmpty {
            throw fail(.empty, at: 0, "the server address is empty")
        }

        // Scheme: letters before the first ':' when they name a known scheme. "host:port" also has
        // a colon, so an unknown word followed by digits is a host, not a scheme.
        var scheme = Scheme.stun
        var index = 0
        var schemeWritten = false
        if let colon = characters.firstIndex(of: ":"), colon > 0,
           characters[0..<colon].allSatisfy({ $0.isASCII && $0.isLetter }) {
            let word = String(characters[0..<colon]).lowercased()
            let rest = characters[(colon + 1)...]
            let restIsPort = !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
            if let known = Scheme(rawValue: word) {
                scheme = known
                index = colon + 1
                schemeWritten = true
            } else if !restIsPort {
                throw fail(.unknownScheme, at: 0,
                           "unknown scheme '\(word)': use stun:, stuns:, turn: or turns:")
            }
        }
        if characters.count >= index + 2, characters[index] == "/", characters[index + 1] == "/" {
            throw fail(.unexpectedAuthority, at: index,
                       "STUN/TURN URIs have no '//': write \(scheme.rawValue):host[:port]")
        }

        // Split off the query.
        var end = characters.count
        var query: ArraySlice<Character> = []
        if let questionMark = characters[index...].firstIndex(of: "?") {
            end = questionMark
            query = characters[(questionMark + 1)...]
        }
        let authority = characters[index..<end]
        if authority.isEmpty {
            throw fail(.missingHost, at: index, "no host after '\(scheme.rawValue):'")
        }
        if let at = authority.firstIndex(of: "@") {
            throw fail(.unexpectedUserInfo, at: at,
                       "credentials do not belong in the URI; pass them separately")
        }
        if let slash = authority.firstIndex(of: "/") {
            throw fail(.unexpectedPath, at: slash, "STUN/TURN URIs have no path")
        }

        // Host.
        var host: String
        var ipv6 = false
        var portStart: Int? = nil
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else {
                throw fail(.unclosedBracket, at: authority.startIndex, "'[' without a matching ']'")
            }
            let literal = authority[(authority.startIndex + 1)..<close]
            guard !literal.isEmpty,
                  literal.contains(":"),
                  literal.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == ":" || $0 == ".") })
            else {
                throw fail(.invalidIPv6Literal, at: authority.startIndex + 1,
                           "'\(String(literal))' is not an IPv6 address")
            }
            host = String(literal).lowercased()
            ipv6 = true
            let after = close + 1
            if after < end {
                guard characters[after] == ":" else {
                    throw fail(.invalidHost, at: after, "unexpected '\(characters[after])' after ']'")
                }
                portStart = after + 1
            }
        } else {
            let colons = authority.indices.filter { characters[$0] == ":" }
            if colons.count > 1 {
                throw fail(.invalidHost, at: colons[0],
                           "IPv6 addresses must be written in brackets, e.g. [2001:db8::1]:3478")
            }
            let hostEnd = colons.first ?? end
            let name = characters[authority.startIndex..<hostEnd]
            if name.isEmpty {
                throw fail(.missingHost, at: authority.startIndex, "the host is empty")
            }
            if let bad = name.firstIndex(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_")) }) {
                throw fail(.invalidHost, at: bad, "invalid character '\(characters[bad])' in host name")
            }
            if name.count > 253 {
                throw fail(.invalidHost, at: authority.startIndex, "host name longer than 253 characters")
            }
            if let first = name.first, first == "." || first == "-" {
                throw fail(.invalidHost, at: authority.startIndex, "host name cannot start with '\(first)'")
            }
            host = String(name).lowercased()
            if let colon = colons.first { portStart = colon + 1 }
        }

        // Port.
        var port: UInt16? = nil
        if let portStart {
            let digits = characters[portStart..<end]
            if digits.isEmpty {
                throw fail(.invalidPort, at: portStart, "':' without a port number")
            }
            if let bad = digits.firstIndex(where: { !($0.isASCII && $0.isNumber) }) {
                throw fail(.invalidPort, at: bad, "port must be digits, found '\(characters[bad])'")
            }
            guard digits.count <= 5, let value = Int(String(digits)), value >= 1, value <= 65_535 else {
                throw fail(.portOutOfRange, at: portStart, "port \(String(digits)) is outside 1-65535")
            }
            port = UInt16(value)
        }

        // Query: only `transport=udp|tcp`, only for turn:/turns: (RFC 7065).
        var transport: TransportProtocol? = nil
        if end < characters.count {
            let queryStart = end + 1
            if !scheme.isTURN {
                throw fail(.queryNotAllowed, at: end,
                           schemeWritten ? "\(scheme.rawValue): URIs take no '?' parameters"
                                         : "only turn:/turns: URIs take '?transport='")
            }
            let text = String(query)
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].lowercased() == "transport" else {
                throw fail(.unknownQueryParameter, at: queryStart,
                           "unknown parameter '\(text)': only transport=udp or transport=tcp")
            }
            switch parts[1].lowercased() {
            case "udp":
                if scheme == .turns {
                    throw fail(.unsupportedTransport, at: queryStart,
                               "turns: with transport=udp means DTLS, which iceprobe does not support")
                }
                transport = .udp
            case "tcp":
                transport = .tcp
            default:
                throw fail(.invalidTransport, at: queryStart + 10,
                           "transport must be udp or tcp, found '\(parts[1])'")
            }
        }

        self.scheme = scheme
        self.host = host
        self.isIPv6Literal = ipv6
        self.port = port ?? scheme.defaultPort
        self.hasExplicitPort = port != nil
        self.transportParameter = transport
    }
}

/// Why a server address could not be parsed.
public struct ServerURIError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable {
        case empty, unknownScheme, unexpectedAuthority, missingHost, unexpectedUserInfo,
             unexpectedPath, unclosedBracket, invalidIPv6Literal, invalidHost, invalidPort,
             portOutOfRange, queryNotAllowed, unknownQueryParameter, invalidTransport,
             unsupportedTransport
    }
    public var kind: Kind
    /// The text that was parsed (trimmed).
    public var input: String
    /// Character offset in ``input`` where the problem is.
    public var position: Int
    public var detail: String

    public var description: String {
        "invalid server address '\(input)' at character \(position + 1): \(detail)"
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
