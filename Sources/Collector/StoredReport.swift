import Foundation

/// One accepted report as the store keeps it: the canonical JSON body (re-encoded from the
/// decoded report, so fields iceprobe does not know, secrets included, are never stored) and the
/// keys the store indexes.
public struct StoredReport: Sendable, Equatable {
    /// The trimmed agent name, or for an unnamed agent `unnamed:` and the SHA-256 of the body.
    public var agentKey: String
    /// `startedAt` in milliseconds since 1970 (reports carry whole seconds).
    public var startedAtMs: Int64
    public var site: SiteRef
    public var verdict: String
    public var receivedAtMs: Int64
    public var body: String

    public init(agentKey: String, startedAtMs: Int64, site: SiteRef, verdict: String, receivedAtMs: Int64, body: String) {
        self.agentKey = agentKey
        self.startedAtMs = startedAtMs
        self.site = site
        self.verdict = verdict
        self.receivedAtMs = receivedAtMs
        self.body = body
    }
}
