import Foundation

/// How `iceprobe serve` runs: where it listens, TLS, the tokens it accepts and its time bounds.
public struct CollectorConfiguration: Sendable {
    /// Address to bind (an IP literal or `localhost`) and port (0 picks a free port; the bound
    /// port is passed to `onListening`).
    public var host: String
    public var port: Int
    /// PEM certificate chain and private key for HTTPS; nil serves plain HTTP.
    public var tls: (certificate: String, key: String)?
    public var tokens: TokenSet
    /// The whole of a request (headers and body) must arrive within this bound once a connection
    /// waits for one; slower clients are disconnected (default 10 s).
    public var requestDeadline: Duration
    /// Profiles `serve --profile` loaded, listed at `/api/v1/profiles` (names and regions only).
    public var profiles: [CollectorProfile]
    /// The profiles the browser check page (`/check?profile=NAME`) can run, with the TURN
    /// credential each page is handed (issue 18).
    public var checkProfiles: [CheckPageProfile]
    /// Length of the check page's loopback call, seconds (10-60).
    public var checkCallSeconds: Int

    public init(host: String, port: Int, tls: (certificate: String, key: String)? = nil, tokens: TokenSet,
                requestDeadline: Duration = .seconds(10), profiles: [CollectorProfile] = [],
                checkProfiles: [CheckPageProfile] = [], checkCallSeconds: Int = 10) {
        self.host = host
        self.port = port
        self.tls = tls
        self.tokens = tokens
        self.requestDeadline = requestDeadline
        self.profiles = profiles
        self.checkProfiles = checkProfiles
        self.checkCallSeconds = checkCallSeconds
    }
}
