/// How findings name the provider's address ranges: inline when there are few, otherwise a
/// pointer to `iceprobe check --profile NAME --firewall-rules FORMAT`, which prints them all.
enum FirewallWording {
    /// At most this many ranges are written inline.
    static let inlineLimit = 4

    static func ranges(_ facts: ReadinessFacts) -> String {
        ranges(facts.firewallRanges, profile: facts.profileName, fallback: "the provider's media and relay address ranges")
    }

    static func ranges(_ list: [String], profile: String?, fallback: String) -> String {
        if list.isEmpty { return fallback }
        if list.count <= inlineLimit { return list.joined(separator: ", ") }
        let command = "iceprobe check --profile \(profile ?? "PROFILE") --firewall-rules csv"
        return "the provider's \(list.count) address ranges (listed by `\(command)`)"
    }
}
