import ArgumentParser
import Collector
import Credentials
import Diagnosis
import Foundation

/// `iceprobe serve` options of the browser check page (`/check?profile=NAME&site=SITE&agent=AGENT`):
/// which TURN credential the page is handed and how long its loopback call lasts. Secrets come
/// from files only (never a flag value) and are never logged.
struct ServeCheckPageOptions: ParsableArguments {
    @Option(name: .customLong("user"), help: ArgumentHelp(
        "TURN user name handed to the check page (with --credential-file: a static credential; with --turn-secret-file: the REST user part).",
        valueName: "name"))
    var user: String?

    @Option(name: .customLong("credential-file"), help: ArgumentHelp(
        "File whose first line is the TURN password handed to the check page with --user.", valueName: "file"))
    var credentialFile: String?

    @Option(name: .customLong("turn-secret-file"), help: ArgumentHelp(
        "File whose first line is a TURN REST shared secret: the check page gets a credential minted per session.", valueName: "file"))
    var turnSecretFile: String?

    @Option(name: .customLong("credential-lifetime"), help: ArgumentHelp(
        "Seconds a minted TURN REST credential stays valid (60-86400).", valueName: "seconds"))
    var credentialLifetime = CheckPageCredential.defaultRestLifetime

    @Option(name: .customLong("check-call-seconds"), help: ArgumentHelp(
        "Length of the check page's loopback call (10-60 seconds).", valueName: "seconds"))
    var checkCallSeconds = 10

    func validate() throws {
        guard (60...86_400).contains(credentialLifetime) else { throw ValidationError("--credential-lifetime must be 60-86400 seconds") }
        guard (10...60).contains(checkCallSeconds) else { throw ValidationError("--check-call-seconds must be 10-60") }
        if credentialFile != nil && turnSecretFile != nil {
            throw ValidationError("give --credential-file (static) or --turn-secret-file (TURN REST), not both")
        }
        if credentialFile != nil && (user ?? "").isEmpty { throw ValidationError("--credential-file needs --user NAME") }
    }

    /// The credential for one profile's page: the flags win; else the profile's own credentials
    /// (static as they are; TURN REST minted per session with --credential-lifetime); else none.
    func credential(for profile: Profile, environment: [String: String]) throws -> CheckPageCredential {
        if let turnSecretFile {
            return .rest(user: user ?? "", sharedSecret: try TurnPassword.readFile(turnSecretFile, flag: "--turn-secret-file"),
                         lifetime: credentialLifetime)
        }
        if let credentialFile, let user {
            return .static(username: user, password: try TurnPassword.readFile(credentialFile, flag: "--credential-file"))
        }
        let credentials = profile.credentials
        guard credentials.source == .static || credentials.source == .rest else { return .none }
        let secret: RedactedSecret
        if let file = credentials.secretFile {
            secret = try TurnPassword.readFile(file, flag: "profile credentials.secretFile")
        } else if let name = credentials.secretEnv {
            guard let value = environment[name], !value.isEmpty else {
                throw ValidationError("profile \(profile.name) credentials.secretEnv: the environment variable \(name) is not set")
            }
            secret = RedactedSecret(value)
        } else if let inline = credentials.secret {
            secret = RedactedSecret(inline)
        } else {
            return .none
        }
        if credentials.source == .static { return .static(username: credentials.username ?? "", password: secret) }
        return .rest(user: credentials.username ?? "", sharedSecret: secret, lifetime: credentialLifetime)
    }
}
