import ArgumentParser
import Diagnosis
import Foundation
import IceAgent
import Probes

/// The TURN credential of a check, resolved from the profile's `credentials` and the flags
/// (`--user`, `--credential-file`, `ICEPROBE_TURN_CREDENTIAL`). Holds the secret twice, both
/// redacting: for the TURN probe and for libnice gathering. Problems are usage errors (exit 2)
/// that never contain the secret.
struct CheckCredentials: Sendable {
    var probe: TurnCredential?
    /// For gathering (static credentials only; a REST credential's derived password stays inside Probes).
    var gather: (username: String, secret: RedactedSecret)?
    /// Where the credential came from, for the report's text (`profile static`, `--user`, ...).
    var origin: String

    static let environmentVariable = "ICEPROBE_TURN_CREDENTIAL"

    static func resolve(profile: ProfileCredentials, user: String?, credentialFile: String?,
                        environment: [String: String]) throws -> CheckCredentials {
        // Flags win over the profile.
        if user != nil || credentialFile != nil {
            guard let user, !user.isEmpty else { throw ValidationError("--credential-file needs --user NAME") }
            let secret: String
            if let credentialFile {
                secret = try read(file: credentialFile, what: "--credential-file")
            } else if let value = environment[environmentVariable], !value.isEmpty {
                secret = value
            } else {
                throw ValidationError("--user \(user): no TURN password: use --credential-file FILE or the environment variable \(environmentVariable)")
            }
            return CheckCredentials(probe: TurnCredential(username: user, password: TurnSecret(secret)),
                                    gather: (user, RedactedSecret(secret)), origin: "--user")
        }
        switch profile.source {
        case .none, .options:
            return CheckCredentials(probe: nil, gather: nil, origin: "none")
        case .static, .rest:
            let username = profile.username ?? ""
            let secret: String
            if let file = profile.secretFile {
                secret = try read(file: file, what: "profile credentials.secretFile")
            } else if let name = profile.secretEnv {
                guard let value = environment[name], !value.isEmpty else {
                    throw ValidationError("profile credentials.secretEnv: the environment variable \(name) is not set")
                }
                secret = value
            } else if let inline = profile.secret {
                secret = inline
            } else {
                throw ValidationError("profile credentials: no secret source")
            }
            if profile.source == .static {
                return CheckCredentials(probe: TurnCredential(username: username, password: TurnSecret(secret)),
                                        gather: (username, RedactedSecret(secret)), origin: "profile (static)")
            }
            return CheckCredentials(probe: TurnCredential.restAPI(sharedSecret: TurnSecret(secret), user: username),
                                    gather: nil, origin: "profile (TURN REST, 1 h)")
        }
    }

    private static func read(file: String, what: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("\(what) \(file): cannot read the file (missing or not permitted)")
        }
        guard data.count <= 64 * 1024 else { throw ValidationError("\(what) \(file): larger than 64 KiB; expected one line") }
        var line = Array(data.prefix { $0 != UInt8(ascii: "\n") })
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        guard let text = String(validating: line, as: UTF8.self), !text.isEmpty, !text.utf8.contains(0) else {
            throw ValidationError("\(what) \(file): the first line is empty or not UTF-8 text")
        }
        return text
    }
}
