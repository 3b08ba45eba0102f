/// The outcome of checking MESSAGE-INTEGRITY(-SHA256) or FINGERPRINT.
public enum IntegrityCheck: Sendable, Hashable {
    case valid, invalid, absent
}
