/// The status line of an HTTP proxy's answer to CONNECT, parsed from the bytes up to the blank
/// line that ends the header. Total: any input gives a value or a typed failure.
public struct HTTPConnectResponse: Sendable, Equatable {
    public var status: Int
    public var reason: String

    /// Longest header accepted from a proxy.
    public static let maximumHeaderBytes = 8192

    /// The end of the header (index just past `\r\n\r\n`) in `bytes`, or nil when not there yet.
    public static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 3..<bytes.count where bytes[index - 3] == 13 && bytes[index - 2] == 10 && bytes[index - 1] == 13 && bytes[index] == 10 {
            return index + 1
        }
        return nil
    }

    /// Parses `HTTP/1.x NNN reason` from the header bytes.
    public static func parse(_ header: [UInt8]) -> Result<HTTPConnectResponse, TransportError> {
        let lineEnd = header.firstIndex(of: 13) ?? header.count
        guard let line = String(bytes: header[..<lineEnd], encoding: .utf8) else {
            return .failure(TransportError(.proxy(.protocolError), "the proxy's answer is not text"))
        }
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let status = Int(parts[1]),
              (100...599).contains(status) else {
            return .failure(TransportError(.proxy(.protocolError),
                                           "the proxy did not answer with an HTTP status line (got '\(String(line.prefix(60)))')"))
        }
        return .success(HTTPConnectResponse(status: status, reason: parts.count > 2 ? String(parts[2]) : ""))
    }

    /// The failure a non-2xx status means, naming the proxy and the target.
    public func failure(proxy: String, target: String) -> TransportError? {
        let said = "the proxy \(proxy) answered CONNECT \(target) with \(status)" + (reason.isEmpty ? "" : " \(reason)")
        switch status {
        case 200...299: return nil
        case 407: return TransportError(.proxy(.authenticationRequired), said + ": it wants credentials")
        case 502, 503, 504: return TransportError(.proxy(.badGateway), said + ": it could not reach the server")
        case 400...499: return TransportError(.proxy(.refused), said + ": refused by its policy")
        default: return TransportError(.proxy(.protocolError), said)
        }
    }
}
