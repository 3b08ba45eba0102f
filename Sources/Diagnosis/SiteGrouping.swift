/// What a site report's `site` key came from.
public enum SiteGrouping: String, Sendable, Codable, CaseIterable {
    /// The `site` field of the check reports (`--site NAME`).
    case site
    /// No site was given: the public (mapped) address seen by STUN.
    case publicAddress = "public-address"
    /// Neither a site nor a public address: everything such is grouped under `unknown`.
    case unknown
}
