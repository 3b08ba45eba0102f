/// Quality bands for a MOS, after Twilio's preflight bands but contiguous: every MOS falls in
/// exactly one band (Twilio's own code leaves 4.0-4.1 and 3.6-3.7 unbanded; these do not).
///
/// | band      | MOS               |
/// |-----------|-------------------|
/// | excellent | > 4.2             |
/// | great     | 4.1 ... 4.2       |
/// | good      | 3.7 ..< 4.1       |
/// | fair      | 3.1 ..< 3.7       |
/// | degraded  | < 3.1             |
public enum MosBand: String, Sendable, Codable, CaseIterable {
    case excellent, great, good, fair, degraded

    /// The band of `mos`; `nil` when it is not finite.
    public init?(mos: Double) {
        guard mos.isFinite else { return nil }
        switch mos {
        case let m where m > 4.2: self = .excellent
        case let m where m >= 4.1: self = .great
        case let m where m >= 3.7: self = .good
        case let m where m >= 3.1: self = .fair
        default: self = .degraded
        }
    }
}
