/// Which NAT-discovery standard a STUN server speaks, judged from the alternate address its
/// Binding answer announced: `rfc5780` (OTHER-ADDRESS), `rfc3489` (only the classic
/// CHANGED-ADDRESS), `none` (no alternate address: it cannot answer from another address, so the
/// RFC 5780 tests cannot run against it).
public enum StunServerStandard: String, Sendable, Codable, CaseIterable {
    case rfc5780
    case rfc3489
    case none
}
