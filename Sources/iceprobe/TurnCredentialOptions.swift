import ArgumentParser
import Credentials
import Foundation
import Probes
import ProbeTransport

/// The TURN credential options shared by `turn` and `media`: `--user` with the password from
/// `--credential-file` or `ICEPROBE_TURN_CREDENTIAL`, or `--shared-secret-file` (TURN REST API),
/// and `--ice-servers FILE` (a JSON list whose TURN URLs carry their own credentials).
struct TurnCredentialOptions: ParsableArguments {
    @Option(help: ArgumentHelp("TURN user name (password from --credential-file or $ICEPROBE_TURN_CREDENTIAL; "
                               + "with --shared-secret-file the user part of the REST user name).", valueName: "name"))
    var user: String?

    @Option(name: .customLong("credential-file"), help: ArgumentHelp(
        "File whose first line is the TURN password.", valueName: "path"))
    var credentialFile: String?

    @Option(name: .customLong("shared-secret-file"), help: ArgumentHelp(
        "File whose first line is the TURN REST API shared secret (ephemeral credentials).", valueName: "path"))
    var sharedSecretFile: String?

    @Option(name: .customLong("credential-lifetime"), help: ArgumentHelp(
        "Validity of TURN REST credentials made from the shared secret, seconds.", valueName: "seconds"))
    var credentialLifetime = 3_600

    @Option(name: .customLong("ice-servers"), help: ArgumentHelp(
        "JSON ICE server list ([{\"urls\": ..., \"username\": ..., \"credential\": ...}]); its TURN URLs are probed.",
        valueName: "path"))
    var iceServers: String?

    func validate() throws {
        guard (1...31_536_000).contains(credentialLifetime) else {
            throw ValidationError("--credential-lifetime must be between 1 and 31536000 seconds")
        }
    }

    /// The credential given on the command line, if any. Never echoes a secret.
    func commandLineCredential() throws -> TurnCredential? {
        if credentialFile != nil && sharedSecretFile != nil {
            throw ValidationError("--credential-file and --shared-secret-file are alternatives; use one")
        }
        if let sharedSecretFile {
            let secret = try TurnPassword.readFile(sharedSecretFile, flag: "--shared-secret-file")
            return TurnCredential.restAPI(sharedSecret: secret, user: user ?? "", lifetime: Int64(credentialLifetime))
        }
        if credentialFile != nil, user == nil { throw ValidationError("--credential-file needs --user") }
        guard let user else { return nil }
        guard let password = try TurnPassword.read(file: credentialFile, environment: ProcessInfo.processInfo.environment) else {
            throw ValidationError("--user needs a password: --credential-file FILE or \(TurnPassword.environmentVariable)")
        }
        return TurnCredential(username: user, password: password)
    }

    /// The TURN servers to probe: each URI given with the command-line credential, then the TURN
    /// URLs of `--ice-servers` with their own credential (else the command-line one).
    func servers(uris: [String]) throws -> [(uri: ServerURI, credential: TurnCredential?)] {
        let cliCredential = try commandLineCredential()
        var sources: [(uri: ServerURI, credential: TurnCredential?)] = []
        for text in uris {
            let uri: ServerURI
            do { uri = try ServerURI(parsing: text) } catch {
                throw ValidationError(error.description)
            }
            guard uri.scheme.isTURN else {
                throw ValidationError("'\(text)' is not a TURN URI (use turn: or turns:)")
            }
            sources.append((uri, cliCredential))
        }
        if let iceServers {
            let servers: [IceServerEntry]
            do { servers = try IceServerList.read(path: iceServers) } catch {
                throw ValidationError("--ice-servers \(iceServers): \(error.description)")
            }
            for (index, server) in servers.enumerated() {
                for text in server.urls {
                    let uri: ServerURI
                    do { uri = try ServerURI(parsing: text) } catch {
                        throw ValidationError("--ice-servers entry \(index): \(error.description)")
                    }
                    guard uri.scheme.isTURN else { continue }   // stun: entries are not TURN servers
                    sources.append((uri, server.turnCredential ?? cliCredential))
                }
            }
        }
        return sources
    }
}
