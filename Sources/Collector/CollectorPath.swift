import Foundation

/// URL paths of the collector's site routes.
public enum CollectorPath {
    /// A site name as one path segment: everything but ASCII letters, digits and `-._~`
    /// percent-encoded (the routes decode it).
    public static func segment(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
