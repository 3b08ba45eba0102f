/// The turnserver configuration of one region (written to a 0600 file: it holds the secrets,
/// which therefore never appear on a command line or in a process title).
///
/// Ports: UDP/TCP 3478 on both addresses (RFC 5780: the second address and port 3479 form
/// OTHER-ADDRESS), TLS on 5349 (TCP 443 is redirected there by the server's nft rule).
public struct CoturnConfig: Sendable {
    public var region: RegionSpec
    public var primary: String
    public var secondary: String
    public var certificate: String
    public var privateKey: String
    public var runDirectory: String

    public static let listeningPort = 3478
    public static let tlsPort = 5349

    public init(region: RegionSpec, primary: String, secondary: String, certificate: String,
                privateKey: String, runDirectory: String) {
        self.region = region
        self.primary = primary
        self.secondary = secondary
        self.certificate = certificate
        self.privateKey = privateKey
        self.runDirectory = runDirectory
    }

    public var text: String {
        var lines = [
            "listening-ip=\(primary)",
            "listening-ip=\(secondary)",
            "relay-ip=\(primary)",
            "listening-port=\(CoturnConfig.listeningPort)",
            "tls-listening-port=\(CoturnConfig.tlsPort)",
            "realm=\(region.turn.realm)",
            "fingerprint",
            "no-cli",
            "no-dtls",
            "min-port=49152",
            "max-port=49999",
            "cert=\(certificate)",
            "pkey=\(privateKey)",
            "pidfile=\(runDirectory)/coturn-\(region.name).pid",
            "userdb=\(runDirectory)/coturn-\(region.name).db",
            "log-file=stdout",
            "simple-log",
            "software-name=iceprobe-lab-\(region.name)",
        ]
        if let secret = region.turn.restSecret {
            lines += ["use-auth-secret", "static-auth-secret=\(secret)"]
        } else if !region.turn.users.isEmpty {
            lines.append("lt-cred-mech")
        }
        for user in region.turn.users where region.turn.restSecret == nil {
            lines.append("user=\(user.name):\(user.password)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
