import ArgumentParser
import Diagnosis
import Probes
import Credentials

/// The TURN credential of a check, resolved from the profile's `credentials` and the flags
/// (`--user`, `--credential-file`, `ICEPROBE_TURN_CREDENTIAL`). The same redacting credential
/// serves the TURN probe and libnice gathering (a TURN REST credential too: its derived password
/// is an ordinary long-term password). Problems are usage errors (exit 2) that never contain the
/// secret.
struct CheckCredentials: Sendable {
    var probe: TurnCredential?
    /// Where the credential came from, for the report's text (`profile static`, `--user`, ...).
    var origin: String

    /// For gathering: the same username and password as the probe.
    var gather: (username: String, secret: RedactedSecret)? {
        probe.map { ($0.username, $0.password) }
    }

    static func resolve(profile: ProfileCredentials, user: String?, credentialFile: String?,
                        environment: [String: String]) throws -> CheckCredentials {
        // Flags win over the profile.
        if user != nil || credentialFile != nil {
            guard let user, !user.isEmpty else { throw ValidationError("--credential-file needs --user NAME") }
            guard let secret = try TurnPassword.read(file: credentialFile, environment: environment) else {
                throw ValidationError("--user \(user): no TURN password: use --credential-file FILE or the environment variable \(TurnPassword.environmentVariable)")
            }
            return CheckCredentials(probe: TurnCredential(username: user, password: secret), origin: "--user")
        }
        switch profile.source {
        case .none, .options:
            return CheckCredentials(probe: nil, origin: "none")
        case .static, .rest:
            let username = profile.username ?? ""
            let secret: RedactedSecret
            if let file = profile.secretFile {
                secret = try TurnPassword.readFile(file, flag: "profile credentials.secretFile")
            } else if let name = profile.secretEnv {
                guard let value = environment[name], !value.isEmpty else {
                    throw ValidationError("profile credentials.secretEnv: the environment variable \(name) is not set")
                }
                secret = RedactedSecret(value)
            } else if let inline = profile.secret {
                secret = RedactedSecret(inline)
            } else {
                throw ValidationError("profile credentials: no secret source")
            }
            if profile.source == .static {
                return CheckCredentials(probe: TurnCredential(username: username, password: secret),
                                        origin: "profile (static)")
            }
            return CheckCredentials(probe: TurnCredential.restAPI(sharedSecret: secret, user: username),
                                    origin: "profile (TURN REST, 1 h)")
        }
    }
}
