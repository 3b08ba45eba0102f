/// Reads a profile from JSON bytes. Total: any malformed input gives a `ProfileError` naming the
/// source, the key path (`regions[1].addressRanges[0]`) and, for syntax errors, the line.
/// Unknown keys are errors too (a typo must not silently drop a setting).
///
/// Format (schemaVersion 1):
///
///     { "schemaVersion": 1, "name": "...", "description": "...", "notes": ["..."],
///       "homeRegion": "jp1", "queueRegion": "us1",
///       "regions": [ { "id": "jp1", "name": "...", "stun": ["stun:..."], "turn": ["turn:...", "turns:..."],
///                      "latency": ["tls:edge.example:443", "tcp:host:port"], "edge": "tokyo",
///                      "addressRanges": ["a.b.c.d-e.f.g.h", "a.b.c.d/n"], "verified": false, "note": "..." } ],
///       "interRegionRttMs": { "jp1": { "us1": 150 } },
///       "thresholds": { "rttWarningMs": 400, ... any subset of `Thresholds` },
///       "credentials": { "source": "none|options|static|rest", "username": "...",
///                        "secretFile": "...", "secretEnv": "...", "secret": "..." },
///       "mediaRanges": ["168.86.128.0/18"], "mediaPorts": "10000-60000",
///       "steering": ["tls:voice-js.roaming.example:443", "stun:global.stun.example:3478"],
///       "mediaTopology": "peer-to-peer|client-to-server" }
public enum ProfileParser {
    /// Largest profile accepted.
    public static let maximumBytes = 1024 * 1024

    static let topKeys: Set<String> = ["schemaVersion", "name", "description", "notes", "homeRegion", "queueRegion",
                                       "regions", "interRegionRttMs", "thresholds", "credentials", "mediaRanges", "mediaPorts", "steering",
                                       "mediaTopology"]
    static let regionKeys: Set<String> = ["id", "name", "stun", "turn", "latency", "edge", "addressRanges", "verified", "note"]
    static let credentialKeys: Set<String> = ["source", "username", "secretFile", "secretEnv", "secret"]
    static let thresholdKeys: Set<String> = ["rttWarningMs", "rttTargetMs", "jitterWarningMs", "lossWarningPercent",
                                             "mosWarning", "oneWayPreferredMs", "oneWayAcceptableMs", "negligibleDetourMs",
                                             "burstLossWarningPercent", "steeringExtraOneWayMs", "lossFailurePercent"]

    public static func parse(_ data: [UInt8], source: String) throws(ProfileError) -> Profile {
        guard data.count <= maximumBytes else {
            throw ProfileError(source: source, path: "", message: "larger than \(maximumBytes / 1024) KiB")
        }
        guard String(validating: data, as: UTF8.self) != nil else {
            throw ProfileError(source: source, path: "", message: "not valid UTF-8 text")
        }
        var json = ProfileJSONReader(data)
        let root: ProfileValue
        do {
            root = try json.read()
        } catch {
            throw ProfileError(source: source, path: "", line: error.line,
                               message: "not valid JSON: \(error.message) (line \(error.line), column \(error.column))")
        }
        var reader = Reader(source: source, lines: json.lines)
        return try reader.profile(root)
    }

    struct Reader {
        let source: String
        /// Line of each value by key path (from the JSON reader).
        let lines: [String: Int]

        /// An error at `path`, with the line of that value (or of its nearest parent that has one).
        func fail(_ path: String, _ message: String) -> ProfileError {
            var probe = path
            while lines[probe] == nil, let cut = probe.lastIndex(where: { $0 == "." || $0 == "[" }) {
                probe = String(probe[..<cut])
            }
            return ProfileError(source: source, path: path, line: lines[probe] ?? lines[""], message: message)
        }

        func object(_ value: ProfileValue, _ path: String, allowed: Set<String>) throws(ProfileError) -> [String: ProfileValue] {
            guard case .object(let map) = value else { throw fail(path, "expected an object, found \(value.typeName)") }
            for key in map.keys.sorted() where !allowed.contains(key) {
                throw fail(join(path, key), "unknown key; expected one of: \(allowed.sorted().joined(separator: ", "))")
            }
            return map
        }

        func string(_ value: ProfileValue?, _ path: String, required: Bool = false) throws(ProfileError) -> String? {
            guard let value, value != .null else {
                if required { throw fail(path, "missing (a string is required)") }
                return nil
            }
            guard case .string(let text) = value else { throw fail(path, "expected a string, found \(value.typeName)") }
            guard !text.isEmpty else { throw fail(path, "must not be empty") }
            guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else {
                throw fail(path, "must not contain control characters")
            }
            return text
        }

        func strings(_ value: ProfileValue?, _ path: String) throws(ProfileError) -> [String] {
            guard let value, value != .null else { return [] }
            if case .string = value { return [try string(value, path, required: true) ?? ""] }
            guard case .array(let items) = value else { throw fail(path, "expected an array of strings, found \(value.typeName)") }
            var out: [String] = []
            for (index, item) in items.enumerated() {
                if let text = try string(item, "\(path)[\(index)]", required: true) { out.append(text) }
            }
            return out
        }

        func number(_ value: ProfileValue, _ path: String) throws(ProfileError) -> Double {
            guard case .number(let number) = value else { throw fail(path, "expected a number, found \(value.typeName)") }
            guard number.isFinite, number >= 0 else { throw fail(path, "must be a finite number >= 0") }
            return number
        }

        func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

        mutating func profile(_ root: ProfileValue) throws(ProfileError) -> Profile {
            let map = try object(root, "", allowed: ProfileParser.topKeys)
            guard let versionValue = map["schemaVersion"] else { throw fail("schemaVersion", "missing (must be 1)") }
            let version = try number(versionValue, "schemaVersion")
            guard version == Double(Profile.currentSchemaVersion) else {
                throw fail("schemaVersion", "\(NumberText.decimal(version, 0)) is not supported (this iceprobe reads 1)")
            }
            let name = try string(map["name"], "name", required: true) ?? ""
            let description = try string(map["description"], "description") ?? ""
            _ = try strings(map["notes"], "notes")

            guard let regionsValue = map["regions"] else { throw fail("regions", "missing (at least one region is required)") }
            guard case .array(let regionItems) = regionsValue else {
                throw fail("regions", "expected an array, found \(regionsValue.typeName)")
            }
            guard !regionItems.isEmpty else { throw fail("regions", "must list at least one region") }
            var regions: [ProfileRegion] = []
            for (index, item) in regionItems.enumerated() {
                let region = try self.region(item, "regions[\(index)]")
                if regions.contains(where: { $0.id == region.id }) {
                    throw fail("regions[\(index)].id", "duplicate region id '\(region.id)'")
                }
                regions.append(region)
            }
            let ids = Set(regions.map(\.id))
            let home = try string(map["homeRegion"], "homeRegion")
            if let home, !ids.contains(home) {
                throw fail("homeRegion", "'\(home)' is not a region of this profile (\(regions.map(\.id).joined(separator: ", ")))")
            }
            let queue = try string(map["queueRegion"], "queueRegion")
            if let queue, !ids.contains(queue) {
                throw fail("queueRegion", "'\(queue)' is not a region of this profile (\(regions.map(\.id).joined(separator: ", ")))")
            }

            var inter: [String: [String: Double]] = [:]
            if let value = map["interRegionRttMs"], value != .null {
                let outer = try object(value, "interRegionRttMs", allowed: ids)
                for (a, innerValue) in outer {
                    let inner = try object(innerValue, "interRegionRttMs.\(a)", allowed: ids)
                    for (b, rtt) in inner {
                        guard a != b else { throw fail("interRegionRttMs.\(a).\(b)", "a region's RTT to itself is not needed") }
                        inter[a, default: [:]][b] = try number(rtt, "interRegionRttMs.\(a).\(b)")
                    }
                }
            }

            var thresholds = Thresholds.defaults
            if let value = map["thresholds"], value != .null {
                thresholds = try self.thresholds(value)
            }

            var credentials = ProfileCredentials()
            if let value = map["credentials"], value != .null {
                credentials = try self.credentials(value)
            }

            let mediaRanges = try strings(map["mediaRanges"], "mediaRanges")
            for (index, range) in mediaRanges.enumerated() {
                try checkRange(range, "mediaRanges[\(index)]")
            }
            var mediaPorts = "10000-60000"
            if let ports = try string(map["mediaPorts"], "mediaPorts") {
                try checkPortRange(ports, "mediaPorts")
                mediaPorts = ports
            }
            let steering = try strings(map["steering"], "steering")
            for (index, text) in steering.enumerated() {
                if text.hasPrefix("stun:") { continue }
                if case .failure(let error) = LatencyTarget.parse(text) {
                    throw fail("steering[\(index)]", error.message + " (steering names are timed with tls:, tcp: or stun: targets)")
                }
            }
            var topology = MediaTopology.peerToPeer
            if let text = try string(map["mediaTopology"], "mediaTopology") {
                guard let value = MediaTopology(rawValue: text) else {
                    throw fail("mediaTopology", "'\(text)' is not one of " + MediaTopology.allCases.map(\.rawValue).joined(separator: ", "))
                }
                topology = value
            }
            return Profile(name: name, description: description, regions: regions, homeRegion: home, queueRegion: queue,
                           thresholds: thresholds, interRegionRttMs: inter, credentials: credentials,
                           mediaRanges: mediaRanges, mediaPorts: mediaPorts, steering: steering, mediaTopology: topology)
        }

        func region(_ value: ProfileValue, _ path: String) throws(ProfileError) -> ProfileRegion {
            let map = try object(value, path, allowed: ProfileParser.regionKeys)
            let id = try string(map["id"], join(path, "id"), required: true) ?? ""
            guard id.utf8.count <= 32, id.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2d }) else {
                throw fail(join(path, "id"), "'\(id)' must be 1-32 characters of a-z, 0-9 and -")
            }
            let name = try string(map["name"], join(path, "name")) ?? id
            let stun = try strings(map["stun"], join(path, "stun"))
            for (index, uri) in stun.enumerated() where !(uri.hasPrefix("stun:") || uri.hasPrefix("stuns:")) {
                throw fail("\(join(path, "stun"))[\(index)]", "'\(uri)' is not a stun: or stuns: URI")
            }
            let turn = try strings(map["turn"], join(path, "turn"))
            for (index, uri) in turn.enumerated() where !(uri.hasPrefix("turn:") || uri.hasPrefix("turns:")) {
                throw fail("\(join(path, "turn"))[\(index)]", "'\(uri)' is not a turn: or turns: URI")
            }
            let latency = try strings(map["latency"], join(path, "latency"))
            for (index, text) in latency.enumerated() {
                if case .failure(let error) = LatencyTarget.parse(text) {
                    throw fail("\(join(path, "latency"))[\(index)]", error.message)
                }
            }
            let edge = try string(map["edge"], join(path, "edge"))
            let ranges = try strings(map["addressRanges"], join(path, "addressRanges"))
            for (index, range) in ranges.enumerated() {
                try checkRange(range, "\(join(path, "addressRanges"))[\(index)]")
            }
            var verified: Bool?
            if let value = map["verified"], value != .null {
                guard case .bool(let flag) = value else { throw fail(join(path, "verified"), "expected true or false, found \(value.typeName)") }
                verified = flag
            }
            let note = try string(map["note"], join(path, "note"))
            return ProfileRegion(id: id, name: name, stun: stun, turn: turn, addressRanges: ranges, verified: verified, note: note,
                                 latency: latency, edge: edge)
        }

        func thresholds(_ value: ProfileValue) throws(ProfileError) -> Thresholds {
            let map = try object(value, "thresholds", allowed: ProfileParser.thresholdKeys)
            var numbers: [String: Double] = [:]
            for (key, item) in map { numbers[key] = try number(item, "thresholds.\(key)") }
            let d = Thresholds.defaults
            let result = Thresholds(rttWarningMs: numbers["rttWarningMs"] ?? d.rttWarningMs,
                                    rttTargetMs: numbers["rttTargetMs"] ?? d.rttTargetMs,
                                    jitterWarningMs: numbers["jitterWarningMs"] ?? d.jitterWarningMs,
                                    lossWarningPercent: numbers["lossWarningPercent"] ?? d.lossWarningPercent,
                                    mosWarning: numbers["mosWarning"] ?? d.mosWarning,
                                    oneWayPreferredMs: numbers["oneWayPreferredMs"] ?? d.oneWayPreferredMs,
                                    oneWayAcceptableMs: numbers["oneWayAcceptableMs"] ?? d.oneWayAcceptableMs,
                                    negligibleDetourMs: numbers["negligibleDetourMs"] ?? d.negligibleDetourMs,
                                    burstLossWarningPercent: numbers["burstLossWarningPercent"] ?? d.burstLossWarningPercent,
                                    steeringExtraOneWayMs: numbers["steeringExtraOneWayMs"] ?? d.steeringExtraOneWayMs,
                                    lossFailurePercent: numbers["lossFailurePercent"] ?? d.lossFailurePercent)
            guard result.lossWarningPercent <= 100 else { throw fail("thresholds.lossWarningPercent", "must be at most 100") }
            guard result.lossFailurePercent <= 100 else { throw fail("thresholds.lossFailurePercent", "must be at most 100") }
            guard result.burstLossWarningPercent <= 100 else {
                throw fail("thresholds.burstLossWarningPercent", "must be at most 100")
            }
            guard result.mosWarning <= 5 else { throw fail("thresholds.mosWarning", "must be at most 5 (the MOS scale is 1-5)") }
            guard result.oneWayPreferredMs <= result.oneWayAcceptableMs else {
                throw fail("thresholds.oneWayAcceptableMs", "must not be below oneWayPreferredMs (\(NumberText.ms(result.oneWayPreferredMs)))")
            }
            return result
        }

        func credentials(_ value: ProfileValue) throws(ProfileError) -> ProfileCredentials {
            let map = try object(value, "credentials", allowed: ProfileParser.credentialKeys)
            let sourceText = try string(map["source"], "credentials.source") ?? "options"
            guard let source = ProfileCredentials.Source(rawValue: sourceText) else {
                throw fail("credentials.source", "'\(sourceText)' is not one of: \(ProfileCredentials.Source.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let username = try string(map["username"], "credentials.username")
            let file = try string(map["secretFile"], "credentials.secretFile")
            let env = try string(map["secretEnv"], "credentials.secretEnv")
            // Never echo the secret itself in an error.
            var secret: String?
            if let value = map["secret"], value != .null {
                guard case .string(let text) = value, !text.isEmpty else {
                    throw fail("credentials.secret", "expected a non-empty string")
                }
                secret = text
            }
            switch source {
            case .none, .options:
                if username != nil || file != nil || env != nil || secret != nil {
                    throw fail("credentials", "source '\(source.rawValue)' takes no username or secret; use 'static' or 'rest'")
                }
            case .static, .rest:
                guard username != nil else { throw fail("credentials.username", "missing (required for source '\(source.rawValue)')") }
                let given = [file != nil, env != nil, secret != nil].filter { $0 }.count
                guard given == 1 else {
                    throw fail("credentials", "source '\(source.rawValue)' needs exactly one of secretFile, secretEnv or secret")
                }
            }
            return ProfileCredentials(source: source, username: username, secretFile: file, secretEnv: env, secret: secret)
        }

        func checkPortRange(_ text: String, _ path: String) throws(ProfileError) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count),
                  let low = UInt16(parts[0]), let high = UInt16(parts[parts.count - 1]), low >= 1, low <= high else {
                throw fail(path, "'\(text)' is not a port or port range like 10000-60000")
            }
        }

        /// Accepts `a.b.c.d`, `a.b.c.d/n`, `a.b.c.d-e.f.g.h` (ascending) and IPv6 `x::y/n`.
        func checkRange(_ text: String, _ path: String) throws(ProfileError) {
            if text.contains(":") {
                let parts = text.split(separator: "/", omittingEmptySubsequences: false)
                let hex = parts[0].unicodeScalars.allSatisfy { $0 == ":" || $0.properties.isASCIIHexDigit }
                guard parts.count <= 2, hex, parts[0].contains("::") || parts[0].split(separator: ":").count == 8,
                      parts.count == 1 || (UInt8(parts[1]).map { $0 <= 128 } ?? false) else {
                    throw fail(path, "'\(text)' is not an IPv6 address or prefix")
                }
                return
            }
            if let dash = text.firstIndex(of: "-") {
                guard let low = ipv4(text[..<dash]), let high = ipv4(text[text.index(after: dash)...]), low <= high else {
                    throw fail(path, "'\(text)' is not an ascending IPv4 range like 13.115.244.0-13.115.244.31")
                }
                return
            }
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2, ipv4(parts[0]) != nil,
                  parts.count == 1 || (UInt8(parts[1]).map { $0 <= 32 } ?? false) else {
                throw fail(path, "'\(text)' is not an IPv4 address, prefix (a.b.c.d/n) or range (a-b)")
            }
        }

        func ipv4(_ text: Substring) -> UInt32? {
            let octets = text.split(separator: ".", omittingEmptySubsequences: false)
            guard octets.count == 4 else { return nil }
            var value: UInt32 = 0
            for octet in octets {
                guard !octet.isEmpty, octet.count <= 3, let byte = UInt8(octet) else { return nil }
                value = value << 8 | UInt32(byte)
            }
            return value
        }
    }
}
