/// Published targets a media stream is held against (see `../shared/reference/field-facts.md`):
///
/// | limit | default | source |
/// |---|---|---|
/// | `lossPercent` | 1 % | Microsoft Teams (loss under 1 % in any 15 s), Twilio Voice SDK warning (over 1 %) |
/// | `burstLossPercent` | 10 % in the worst 200 ms | Microsoft Teams burst packet loss |
/// | `jitterMs` | 30 ms | Microsoft Teams, Twilio Voice SDK warning |
/// | `reorderedPercent` | 0.05 % | Microsoft Teams |
/// | `rttMs` | 400 ms (median) | Twilio Voice SDK warning |
/// | `mos` | 3.5 | the Twilio-derived floor (Twilio's SDK warns below 3.0 ... 3.5 by version) |
/// | `latePercent` | 1 % late for a 60 ms playout buffer | iceprobe: as harmful as loss |
/// | `blackHoleBytes` | 1200 | WebRTC DTLS handshakes and SCTP use datagrams of about 1200 bytes |
public struct MediaThresholds: Sendable, Equatable {
    public var lossPercent: Double = 1
    public var burstLossPercent: Double = 10
    public var jitterMs: Double = 30
    public var reorderedPercent: Double = 0.05
    public var rttMs: Double = 400
    public var mos: Double = 3.5
    public var latePercent: Double = 1
    public var blackHoleBytes: Int = 1200

    public static let defaults = MediaThresholds()

    public init() {}
}
