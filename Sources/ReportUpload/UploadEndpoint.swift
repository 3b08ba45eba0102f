import Foundation
import StunWire

/// Where `check --upload URL` sends reports: `http://` or `https://`, a host, an optional port,
/// and the path `/api/v1/reports` (appended when the URL names only the collector).
public struct UploadEndpoint: Sendable, Equatable, CustomStringConvertible {
    public var secure: Bool
    public var host: String
    public var port: UInt16
    public var path: String

    public static let reportsPath = "/api/v1/reports"

    public init(secure: Bool, host: String, port: UInt16, path: String) {
        self.secure = secure
        self.host = host
        self.port = port
        self.path = path
    }

    /// Parses the URL. Plain `http://` is refused for anything but a loopback address unless
    /// `allowInsecureHTTP` (the token would cross the network in clear).
    public static func parse(_ text: String, allowInsecureHTTP: Bool) throws(UploadError) -> UploadEndpoint {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https" else {
            throw .badURL("\(text.prefix(200)) is not an http:// or https:// URL")
        }
        guard components.user == nil, components.password == nil else {
            throw .badURL("put no user or password in the URL; the token comes from --token-file")
        }
        guard var host = components.host, !host.isEmpty else { throw .badURL("the URL has no host") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let secure = scheme == "https"
        let port = components.port ?? (secure ? 443 : 80)
        guard let port16 = UInt16(exactly: port), port16 > 0 else { throw .badURL("port \(port) is out of range") }
        guard components.query == nil, components.fragment == nil else { throw .badURL("the URL must not have a query or fragment") }
        var path = components.percentEncodedPath
        if path.isEmpty || path == "/" {
            path = reportsPath
        } else if !path.hasSuffix(reportsPath) {
            path = (path.hasSuffix("/") ? String(path.dropLast()) : path) + reportsPath
        }
        if !secure && !allowInsecureHTTP && !isLoopback(host) {
            throw .badURL("plain http:// sends the token in clear; use https:// (or --insecure-http on a trusted network)")
        }
        return UploadEndpoint(secure: secure, host: host, port: port16, path: path)
    }

    /// `localhost`, 127.0.0.0/8 or ::1.
    public static func isLoopback(_ host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        guard let address = IPAddress(host) else { return false }
        return address.isIPv4 ? address.bytes[0] == 127 : address == IPAddress.loopbackV6
    }

    /// The Host header value (IPv6 literals in brackets, port when not the default).
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (secure ? 443 : 80) ? name : "\(name):\(port)"
    }

    public var description: String { "\(secure ? "https" : "http")://\(hostHeader)\(path)" }
}
