import ArgumentParser
import Foundation
import IceAgent
import ProbeTransport

/// Turns `iceprobe gather`'s server flags (`--stun`, `--turn`, `--user`, `--credential-file`,
/// `ICEPROBE_TURN_CREDENTIAL`, `--ice-servers`) into IceAgent servers. Every problem is a
/// `ValidationError` (exit 2) that names the flag or JSON path; credentials never appear in one.
enum GatherServerList {
    /// Environment variable holding the TURN password when `--credential-file` is not given.
    static let credentialVariable = "ICEPROBE_TURN_CREDENTIAL"

    /// The TURN password: first line of `--credential-file`, else `ICEPROBE_TURN_CREDENTIAL`.
    static func credential(file: String?, environment: [String: String]) throws -> RedactedSecret? {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("--credential-file \(file): cannot read the file (missing or not permitted)")
            }
            guard data.count <= 64 * 1024 else {
                throw ValidationError("--credential-file \(file): larger than 64 KiB; expected one line")
            }
            var line = Array(data.prefix { $0 != UInt8(ascii: "\n") })
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            guard let text = String(validating: line, as: UTF8.self) else {
                throw ValidationError("--credential-file \(file): the first line is not valid UTF-8")
            }
            guard !text.isEmpty, !text.utf8.contains(0) else {
                throw ValidationError("--credential-file \(file): the first line is empty or contains NUL")
            }
            return RedactedSecret(text)
        }
        if let value = environment[credentialVariable], !value.isEmpty {
            return RedactedSecret(value)
        }
        return nil
    }

    /// One server from a URI. `flag` names where it came from, for error messages.
    static func server(uri text: String, flag: String, expectTURN: Bool?,
                       username: String?, credential: RedactedSecret?) throws -> IceServer {
        let uri: ServerURI
        do {
            uri = try ServerURI(parsing: text)
        } catch {
            throw ValidationError("\(flag): \(error)")
        }
        if expectTURN == true, !uri.scheme.isTURN {
            throw ValidationError("\(flag) '\(text)': expected a turn: or turns: URI")
        }
        if expectTURN == false, uri.scheme.isTURN {
            throw ValidationError("\(flag) '\(text)': a TURN URI; pass it with --turn")
        }
        let label = uri.description
        switch uri.scheme {
        case .stun:
            return IceServer(label: label, host: uri.host, port: uri.port, kind: .stun)
        case .stuns:
            return IceServer(label: label, host: uri.host, port: uri.port, kind: .unsupported(reason:
                "libnice has no STUN over TLS; `iceprobe stun \(label)` tests it"))
        case .turn, .turns:
            guard let username, !username.isEmpty else {
                throw ValidationError("\(flag) '\(text)': a TURN server needs a username (--user NAME)")
            }
            guard let credential else {
                throw ValidationError("\(flag) '\(text)': no TURN credential: give \"credential\" in the ICE server "
                                      + "list, --credential-file FILE, or the environment variable \(credentialVariable)")
            }
            let relay: IceServer.RelayTransport
            if uri.scheme == .turns { relay = .tls } else { relay = uri.transportParameter == .tcp ? .tcp : .udp }
            return IceServer(label: label, host: uri.host, port: uri.port,
                             kind: .turn(relay, username: username, credential: credential))
        }
    }

    /// Servers from an ICE server list file: a JSON array of `{"urls": string | [string],
    /// "username": string?, "credential": string?}` (also `{"iceServers": [...]}`), as WebRTC
    /// applications receive it from their platform. An entry without `username`/`credential`
    /// falls back to `--user` and `--credential-file`/`ICEPROBE_TURN_CREDENTIAL`.
    static func iceServers(path: String, fallbackUser: String?, fallbackCredential: RedactedSecret?) throws -> [IceServer] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("--ice-servers \(path): cannot read the file (missing or not permitted)")
        }
        guard data.count <= 1024 * 1024 else {
            throw ValidationError("--ice-servers \(path): larger than 1 MiB")
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ValidationError("--ice-servers \(path): not valid JSON")
        }
        var base = "$"
        var list: [Any]
        if let array = root as? [Any] {
            list = array
        } else if let object = root as? [String: Any], let array = object["iceServers"] as? [Any] {
            list = array
            base = "$.iceServers"
        } else {
            throw ValidationError("--ice-servers \(path): $: expected an array of {\"urls\", \"username\", \"credential\"}")
        }
        var servers: [IceServer] = []
        for (index, element) in list.enumerated() {
            let where_ = "--ice-servers \(path): \(base)[\(index)]"
            guard let entry = element as? [String: Any] else {
                throw ValidationError("\(where_): expected an object")
            }
            var urls: [String] = []
            if let one = entry["urls"] as? String {
                urls = [one]
            } else if let many = entry["urls"] as? [Any] {
                for (urlIndex, value) in many.enumerated() {
                    guard let text = value as? String else {
                        throw ValidationError("\(where_).urls[\(urlIndex)]: expected a string")
                    }
                    urls.append(text)
                }
            } else {
                throw ValidationError("\(where_).urls: expected a string or an array of strings")
            }
            if entry["username"] != nil, !(entry["username"] is String) {
                throw ValidationError("\(where_).username: expected a string")
            }
            if entry["credential"] != nil, !(entry["credential"] is String) {
                throw ValidationError("\(where_).credential: expected a string (value not shown)")
            }
            let username = (entry["username"] as? String) ?? fallbackUser
            let credential = (entry["credential"] as? String).flatMap { $0.isEmpty ? nil : RedactedSecret($0) }
                ?? fallbackCredential
            for (urlIndex, url) in urls.enumerated() {
                servers.append(try server(uri: url, flag: "\(where_).urls[\(urlIndex)]", expectTURN: nil,
                                          username: username, credential: credential))
            }
        }
        return servers
    }
}
