/// A one-line summary for logs. Lists attribute types only, never values (no credentials leak).
extension StunMessage: CustomStringConvertible {
    public var description: String {
        let kind: String
        switch messageClass {
        case .request: kind = "request"
        case .indication: kind = "indication"
        case .successResponse: kind = "success response"
        case .errorResponse: kind = "error response"
        }
        let cookie = hasMagicCookie ? "" : " (RFC 3489)"
        return "\(method) \(kind)\(cookie) \(transactionID) [" + attributes.map(\.type.name).joined(separator: ", ") + "]"
    }
}
