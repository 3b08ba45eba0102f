/// The MOS estimate of Twilio's Voice SDK (its network-quality warnings and preflight report),
/// from RTT and jitter in milliseconds and loss in percent:
///
///     EL = RTT + 2 * jitter + 10
///     R  = 94.768 - EL / 40          if EL < 160
///          94.768 - (EL - 120) / 10  if EL < 1000
///          0                         otherwise
///     if loss <= R / 2.5: R = max(R - 2.5 * loss, 6.52) else R = 0
///     MOS = MosScale.mos(R)
///
/// Note: RTT 160 ms, jitter 5 ms and no loss still give MOS 4.3, so a MOS alone does not reveal
/// media detouring through a distant region; report the G.114 delay budget beside it.
public enum TwilioMos {
    /// R for the given figures; `nil` when any input is negative or not finite.
    public static func rFactor(rttMs: Double, jitterMs: Double, lossPercent: Double) -> Double? {
        guard rttMs.isFinite, jitterMs.isFinite, lossPercent.isFinite,
              rttMs >= 0, jitterMs >= 0, lossPercent >= 0 else { return nil }
        let effectiveLatency = rttMs + 2 * jitterMs + 10
        var r: Double
        if effectiveLatency < 160 {
            r = 94.768 - effectiveLatency / 40
        } else if effectiveLatency < 1000 {
            r = 94.768 - (effectiveLatency - 120) / 10
        } else {
            r = 0
        }
        if lossPercent <= r / 2.5 {
            r = max(r - 2.5 * lossPercent, 6.52)
        } else {
            r = 0
        }
        return r
    }

    /// MOS for the given figures; `nil` when any input is negative or not finite.
    public static func mos(rttMs: Double, jitterMs: Double, lossPercent: Double) -> Double? {
        rFactor(rttMs: rttMs, jitterMs: jitterMs, lossPercent: lossPercent).flatMap(MosScale.mos(rFactor:))
    }
}
