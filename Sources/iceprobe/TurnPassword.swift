import ArgumentParser
import Credentials

/// Secrets given on the command line, for `turn`, `check` and `gather`: a TURN password is the
/// first line of `--credential-file`, else the environment variable `ICEPROBE_TURN_CREDENTIAL`
/// (never a flag value, so it stays out of process titles). Problems are `ValidationError`s
/// (exit 2) that name the file, never the secret.
enum TurnPassword {
    static let environmentVariable = "ICEPROBE_TURN_CREDENTIAL"

    /// The password from `file`, else from the environment; nil when neither gives one.
    static func read(file: String?, environment: [String: String]) throws -> RedactedSecret? {
        if let file { return try readFile(file, flag: "--credential-file") }
        if let value = environment[environmentVariable], !value.isEmpty { return RedactedSecret(value) }
        return nil
    }

    /// A secret file (`--credential-file`, `--shared-secret-file`, a profile's `secretFile`);
    /// `flag` names it in the error.
    static func readFile(_ path: String, flag: String) throws -> RedactedSecret {
        do {
            return try CredentialFile.read(path: path)
        } catch {
            throw ValidationError("\(flag) \(error)")
        }
    }
}
