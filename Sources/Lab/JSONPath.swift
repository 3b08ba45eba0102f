/// A path into a probe's JSON output: keys separated by dots, array indexes in brackets
/// (`rttMs.median`, `candidates[0].type`); output that is a list starts with an index
/// (`[0].addr_info[0].local`, for commands such as `ip -j`). Paths starting with `$` name facts
/// about the probe run itself (`$exitCode`, `$durationMs`, `$stdout`, `$stderr`), not its JSON.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public let components: [Component]
    public let text: String

    /// Parses a path; nil when empty or malformed (empty key, bad index, stray bracket).
    public init?(_ text: String) {
        guard !text.isEmpty else { return nil }
        var components: [Component] = []
        for (number, segment) in text.split(separator: ".", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(segment)
            guard let keyEnd = rest.firstIndex(of: "[") ?? Optional(rest.endIndex) else { return nil }
            let key = rest[rest.startIndex..<keyEnd]
            guard !key.contains("]") else { return nil }
            // Only the first segment may start with an index (a list at the top level).
            if key.isEmpty {
                guard number == 0, keyEnd != rest.endIndex else { return nil }
            } else {
                components.append(.key(String(key)))
            }
            rest = rest[keyEnd...]
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
                let digits = rest[rest.index(after: rest.startIndex)..<close]
                guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy(\.isASCII),
                      let index = Int(digits) else { return nil }
                components.append(.index(index))
                rest = rest[rest.index(after: close)...]
            }
        }
        self.components = components
        self.text = text
    }

    /// True for `$...` paths (facts about the run, not the JSON).
    public var isRunFact: Bool { text.hasPrefix("$") }

    public var description: String { text }
}
