/// Findings only a browser can produce, from `BrowserObservations` (pure). `ReadinessEvaluator`
/// adds them to the findings of the facts every report shares, so a browser report is judged by
/// the same rules as the CLI's plus these:
///
/// | id | severity | when |
/// |---|---|---|
/// | `browser-turn-rejected` | info (evidence; the shared rules judge the relay) | a TURN server answered the browser with an error code 400-699 (`icecandidateerror`), e.g. 401 Unauthorized |
/// | `browser-gathering-slow` | info | vanilla gathering (waiting for complete) took over 5 s or did not complete |
/// | `media-failed` | failure | the loopback call could not run although a relay of the home region worked, or no packet came through |
/// | `media-failed` | info (not judged) | the call sent no audio at all (a browser keeping generated audio silent) |
/// | `media-loss`, `media-jitter`, `media-high-rtt` | warning | the call's figures against `MediaThresholds` (Teams/Twilio targets) |
///
/// A call through two relays on one computer crosses this computer's link twice each way, so its
/// loss and jitter are those of the uplink and the downlink together, as for `check --media`.
public enum BrowserAssessment {
    /// Vanilla gathering slower than this is worth saying (a softphone waiting for complete waits that long).
    public static let slowGatheringMs: Double = 5000

    public static func findings(_ browser: BrowserObservations, thresholds: MediaThresholds = .defaults) -> [Finding] {
        var findings: [Finding] = []
        // TURN errors, once per URL and code, in the order the browser fired them.
        var seen: Set<String> = []
        var rejected: [String] = []
        for error in browser.allErrors {
            guard let code = error.code, (400..<700).contains(code), let url = error.url else { continue }
            let key = "\(url) \(code)"
            guard seen.insert(key).inserted else { continue }
            let text = error.text.trimmingCharacters(in: .whitespacesAndNewlines)
            rejected.append("\(url) answered \(code)" + (text.isEmpty ? "" : " (\(text))"))
        }
        if !rejected.isEmpty {
            let auth = browser.allErrors.contains { $0.code == 401 || $0.code == 441 }
            findings.append(Finding(severity: .info, id: .browserTurnRejected, check: .turn,
                message: "The browser's own TURN requests were refused: " + rejected.joined(separator: "; ") + ".",
                action: auth ? "Check the TURN credentials the collector hands to the page (serve --user/--credential-file, or the profile's TURN REST secret and the servers' clocks)." : nil))
        }
        if let vanilla = browser.gathering.first(where: { $0.mode == "vanilla" }) {
            if vanilla.timedOut || (vanilla.completeMs ?? 0) > slowGatheringMs {
                let took = vanilla.completeMs.map { "took \(NumberText.ms($0))" } ?? "did not complete within the page's bound"
                findings.append(Finding(severity: .info, id: .browserGatheringSlow, check: .udp,
                    message: "Gathering every candidate in the browser \(took): a softphone that waits for all candidates before calling (vanilla ICE) waits that long; trickle ICE does not.",
                    action: nil))
            }
        }
        guard let call = browser.call else { return findings }
        let subject = "browser call" + (call.region.map { " via \($0)" } ?? "")
        let relayWorked = browser.relays.contains { $0.relay && $0.region == call.region }
        if let error = call.error {
            if relayWorked {
                findings.append(Finding(severity: .failure, id: .mediaFailed, check: .media, subject: subject,
                    message: "The browser's test call through the relay could not run: \(error).",
                    action: "Check that the browser may use WebRTC (no policy or extension blocking it) and that UDP or TCP to the relay's ports is allowed."))
            }
            return findings
        }
        if (call.packetsSent ?? 0) == 0 {
            // Nothing to judge: the browser produced no audio (WebAudio kept silent without a click).
            findings.append(Finding(severity: .info, id: .mediaFailed, check: nil, subject: subject,
                message: "The browser's test call sent no audio packets, so call quality was not measured (a browser may keep generated audio silent until the page is clicked).",
                action: nil))
            return findings
        }
        if let sent = call.packetsSent, sent > 0, call.packetsReceived == 0 {
            findings.append(Finding(severity: .failure, id: .mediaFailed, check: .media, subject: subject,
                message: "None of the \(sent) audio packets of the browser's test call came through the relay.",
                action: "Allow UDP to the relay's ports (or TURN over TCP/TLS), then run the check again."))
            return findings
        }
        let network = "Prefer a wired connection; look for Wi-Fi interference, a saturated uplink or a VPN on the path."
        if let loss = call.lossPercent, loss > thresholds.lossPercent {
            let counts = call.packetsLost.map { lost in " (\(lost) of \(lost + (call.packetsReceived ?? 0)))" } ?? ""
            findings.append(Finding(severity: .warning, id: .mediaLoss, check: .media, subject: subject,
                message: "The browser's test call lost \(NumberText.decimal(loss, 1)) % of its audio packets\(counts), above \(NumberText.decimal(thresholds.lossPercent, 1)) % (Teams target, Twilio warning): audio will drop out.",
                action: network))
        }
        if let jitter = call.jitterMs, jitter > thresholds.jitterMs {
            findings.append(Finding(severity: .warning, id: .mediaJitter, check: .media, subject: subject,
                message: "The browser's test call had \(NumberText.ms(jitter)) jitter, above \(NumberText.ms(thresholds.jitterMs)) (Teams target, Twilio warning).",
                action: network))
        }
        if let rtt = call.rtcpRttMs ?? call.pairRttMs, rtt > thresholds.rttMs {
            findings.append(Finding(severity: .warning, id: .mediaHighRtt, check: .media, subject: subject,
                message: "The browser's test call had a round trip of \(NumberText.ms(rtt)), above \(NumberText.ms(thresholds.rttMs)) (Twilio warning): conversations will lag.",
                action: "Look for a VPN, proxy or distant route on the path; use a closer region if there is one."))
        }
        return findings
    }

    /// Whether the call ran far enough to be judged (the `media` check is listed then).
    public static func callMeasured(_ browser: BrowserObservations) -> Bool {
        guard let call = browser.call else { return false }
        if call.error == nil { return (call.packetsSent ?? 0) > 0 }
        return browser.relays.contains { $0.relay && $0.region == call.region }
    }
}
