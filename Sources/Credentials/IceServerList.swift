import Foundation

/// Parses the ICE server list JSON: an array of `{"urls": ..., "username": ..., "credential": ...}`
/// where `urls` is a string or an array of strings (the WebRTC `RTCIceServer` shape). Also accepts
/// the common wrappers `{"iceServers": [...]}` and `{"ice_servers": [...]}` and the legacy `url`
/// key. Unknown keys are ignored. Total: any input gives servers or a typed error with a path.
public enum IceServerList {
    /// Files larger than this are refused.
    public static let maximumBytes = 1024 * 1024

    public static func read(path: String) throws(IceServerListError) -> [IceServerEntry] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw IceServerListError(.unreadable, path: "$", detail: "cannot read \(path) (missing or not permitted)")
        }
        guard data.count <= maximumBytes else {
            throw IceServerListError(.unreadable, path: "$", detail: "\(path) is larger than \(maximumBytes) bytes")
        }
        return try parse(data)
    }

    public static func parse(_ data: Data) throws(IceServerListError) -> [IceServerEntry] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw IceServerListError(.notJSON, path: "$", detail: "not valid JSON")
        }
        var prefix = ""
        var list: [Any]
        if let array = root as? [Any] {
            list = array
        } else if let object = root as? [String: Any] {
            let key = object["iceServers"] != nil ? "iceServers" : "ice_servers"
            guard let wrapped = object[key] else {
                throw IceServerListError(.wrongType, path: "$",
                                         detail: "expected an array of ICE servers (or an object with \"iceServers\")")
            }
            guard let array = wrapped as? [Any] else {
                throw IceServerListError(.wrongType, path: "$.\(key)", detail: "expected an array")
            }
            list = array
            prefix = "$.\(key)"
        } else {
            throw IceServerListError(.wrongType, path: "$", detail: "expected an array of ICE servers")
        }
        if prefix.isEmpty { prefix = "$" }
        guard !list.isEmpty else {
            throw IceServerListError(.empty, path: prefix, detail: "the list has no servers")
        }
        var servers: [IceServerEntry] = []
        for (index, element) in list.enumerated() {
            let path = "\(prefix)[\(index)]"
            guard let entry = element as? [String: Any] else {
                throw IceServerListError(.wrongType, path: path, detail: "expected an object with \"urls\"")
            }
            let urlKey = entry["urls"] != nil ? "urls" : "url"
            guard let rawURLs = entry[urlKey] else {
                throw IceServerListError(.missingField, path: path, detail: "no \"urls\"")
            }
            var urls: [String] = []
            if let single = rawURLs as? String {
                urls = [single]
            } else if let many = rawURLs as? [Any] {
                for (urlIndex, value) in many.enumerated() {
                    guard let text = value as? String else {
                        throw IceServerListError(.wrongType, path: "\(path).\(urlKey)[\(urlIndex)]", detail: "expected a string")
                    }
                    urls.append(text)
                }
            } else {
                throw IceServerListError(.wrongType, path: "\(path).\(urlKey)", detail: "expected a string or an array of strings")
            }
            guard !urls.isEmpty else {
                throw IceServerListError(.empty, path: "\(path).\(urlKey)", detail: "no URLs")
            }
            let username = try optionalString(entry, "username", path: path)
            let credential = try optionalString(entry, "credential", path: path, secret: true)
            servers.append(IceServerEntry(urls: urls, username: username, credential: credential.map(RedactedSecret.init)))
        }
        return servers
    }

    private static func optionalString(_ entry: [String: Any], _ key: String, path: String,
                                       secret: Bool = false) throws(IceServerListError) -> String? {
        guard let value = entry[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else {
            throw IceServerListError(.wrongType, path: "\(path).\(key)",
                                     detail: secret ? "expected a string (value not shown)" : "expected a string")
        }
        return text
    }
}
