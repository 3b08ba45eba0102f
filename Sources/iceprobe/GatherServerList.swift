import ArgumentParser
import IceAgent
import ProbeTransport
import Credentials

/// Turns `iceprobe gather`'s server flags (`--stun`, `--turn`, `--user`, `--credential-file`,
/// `ICEPROBE_TURN_CREDENTIAL`, `--ice-servers`) into IceAgent servers. Every problem is a
/// `ValidationError` (exit 2) that names the flag or JSON path; credentials never appear in one.
enum GatherServerList {
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
                                      + "list, --credential-file FILE, or the environment variable \(TurnPassword.environmentVariable)")
            }
            let relay: IceServer.RelayTransport
            if uri.scheme == .turns { relay = .tls } else { relay = uri.transportParameter == .tcp ? .tcp : .udp }
            return IceServer(label: label, host: uri.host, port: uri.port,
                             kind: .turn(relay, username: username, credential: credential))
        }
    }

    /// Servers from an ICE server list file (``IceServerList``: the WebRTC `RTCIceServer` array,
    /// also wrapped in `{"iceServers": [...]}`). An entry without `username`/`credential` falls
    /// back to `--user` and `--credential-file`/`ICEPROBE_TURN_CREDENTIAL`.
    static func iceServers(path: String, fallbackUser: String?, fallbackCredential: RedactedSecret?) throws -> [IceServer] {
        let entries: [IceServerEntry]
        do {
            entries = try IceServerList.read(path: path)
        } catch {
            throw ValidationError("--ice-servers \(path): \(error)")
        }
        var servers: [IceServer] = []
        for (index, entry) in entries.enumerated() {
            let credential = entry.credential.flatMap { $0.isEmpty ? nil : $0 } ?? fallbackCredential
            for (urlIndex, url) in entry.urls.enumerated() {
                servers.append(try server(uri: url, flag: "--ice-servers \(path): [\(index)].urls[\(urlIndex)]",
                                          expectTURN: nil, username: entry.username ?? fallbackUser,
                                          credential: credential))
            }
        }
        return servers
    }
}
