/// Limits the readiness evaluator holds measurements against. Every default names its source
/// (see `../shared/reference/field-facts.md`). A profile may set any subset; missing keys keep
/// their defaults, and a negative or non-finite value is a decoding error naming its key.
public struct Thresholds: Sendable, Equatable, Codable {
    /// RTT above which the home region gets `high-rtt` (warning). Default 400 ms: Twilio Voice
    /// SDK network warning.
    public var rttWarningMs: Double
    /// RTT above which the home region gets `rtt-above-target` (info). Default 100 ms: Microsoft
    /// Teams client-to-edge target.
    public var rttTargetMs: Double
    /// Jitter above which `high-jitter` (warning). Default 30 ms: Twilio SDK warning and Teams target.
    public var jitterWarningMs: Double
    /// Loss above which `high-loss` (warning). Default 1 %: Twilio SDK warning and Teams target.
    public var lossWarningPercent: Double
    /// Loss above which `high-loss` is a failure (not-ready). Default 10 %: the Microsoft Teams
    /// call-quality dashboard rates an audio stream losing more than 10 % as poor.
    public var lossFailurePercent: Double
    /// Loss in the worst 200 ms window above which `bursty-loss` (warning). Default 10 %:
    /// Microsoft Teams' burst packet loss target (under 10 % in any 200 ms). With requests 20 ms
    /// apart (`check --spacing 20`; needed for the measure, see `LossBursts`) one lost request is
    /// 10 %, so it takes two in one window: a single loss is `high-loss`'s business.
    public var burstLossWarningPercent: Double
    /// MOS below which `low-mos` (warning). Default 3.0: Twilio SDK warning.
    public var mosWarning: Double
    /// One-way mouth-to-ear delay from which `delay-exceeds-g114` (warning). Default 150 ms: ITU-T G.114.
    public var oneWayPreferredMs: Double
    /// One-way mouth-to-ear delay above which `delay-unacceptable` (failure). Default 400 ms: ITU-T G.114.
    public var oneWayAcceptableMs: Double
    /// Queue detours up to this many ms one way are negligible. Default 10 ms (iceprobe's choice:
    /// below what a listener notices).
    public var negligibleDetourMs: Double
    /// Extra one-way delay, ms, from which a DNS answer that steers this computer to a region
    /// farther than the nearest gives `dns-steers-to-far-region` (warning). Default 20 ms
    /// (iceprobe's choice: twice `negligibleDetourMs`; a neighbouring edge a few ms away stays quiet).
    public var steeringExtraOneWayMs: Double

    public static let defaults = Thresholds()

    public init(rttWarningMs: Double = 400, rttTargetMs: Double = 100, jitterWarningMs: Double = 30,
                lossWarningPercent: Double = 1, mosWarning: Double = 3.0, oneWayPreferredMs: Double = 150,
                oneWayAcceptableMs: Double = 400, negligibleDetourMs: Double = 10, burstLossWarningPercent: Double = 10,
                steeringExtraOneWayMs: Double = 20,
                lossFailurePercent: Double = 10) {
        self.rttWarningMs = rttWarningMs
        self.rttTargetMs = rttTargetMs
        self.jitterWarningMs = jitterWarningMs
        self.lossWarningPercent = lossWarningPercent
        self.lossFailurePercent = lossFailurePercent
        self.burstLossWarningPercent = burstLossWarningPercent
        self.mosWarning = mosWarning
        self.oneWayPreferredMs = oneWayPreferredMs
        self.oneWayAcceptableMs = oneWayAcceptableMs
        self.negligibleDetourMs = negligibleDetourMs
        self.steeringExtraOneWayMs = steeringExtraOneWayMs
    }

    private enum CodingKeys: String, CodingKey {
        case rttWarningMs, rttTargetMs, jitterWarningMs, lossWarningPercent, mosWarning
        case oneWayPreferredMs, oneWayAcceptableMs, negligibleDetourMs, burstLossWarningPercent, steeringExtraOneWayMs,
             lossFailurePercent
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let d = Thresholds()
        func value(_ key: CodingKeys, _ fallback: Double) throws -> Double {
            guard let v = try container.decodeIfPresent(Double.self, forKey: key) else { return fallback }
            guard v.isFinite, v >= 0 else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container,
                    debugDescription: "\(key.stringValue) must be a finite number >= 0, got \(v)")
            }
            return v
        }
        rttWarningMs = try value(.rttWarningMs, d.rttWarningMs)
        rttTargetMs = try value(.rttTargetMs, d.rttTargetMs)
        jitterWarningMs = try value(.jitterWarningMs, d.jitterWarningMs)
        lossWarningPercent = try value(.lossWarningPercent, d.lossWarningPercent)
        mosWarning = try value(.mosWarning, d.mosWarning)
        oneWayPreferredMs = try value(.oneWayPreferredMs, d.oneWayPreferredMs)
        oneWayAcceptableMs = try value(.oneWayAcceptableMs, d.oneWayAcceptableMs)
        negligibleDetourMs = try value(.negligibleDetourMs, d.negligibleDetourMs)
        burstLossWarningPercent = try value(.burstLossWarningPercent, d.burstLossWarningPercent)
        steeringExtraOneWayMs = try value(.steeringExtraOneWayMs, d.steeringExtraOneWayMs)
        lossFailurePercent = try value(.lossFailurePercent, d.lossFailurePercent)
        guard oneWayPreferredMs <= oneWayAcceptableMs else {
            throw DecodingError.dataCorruptedError(forKey: .oneWayAcceptableMs, in: container,
                debugDescription: "oneWayAcceptableMs (\(oneWayAcceptableMs)) must not be below oneWayPreferredMs (\(oneWayPreferredMs))")
        }
    }
}
