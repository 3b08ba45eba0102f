/// Pure rules for a media stream: its figures, the largest-datagram test and a setup failure ->
/// findings (check `media`). Every finding names the published target it was held against.
///
/// Severities: the stream could not run, or nothing came through: `media-failed` (failure); an
/// MTU black hole at 1200 bytes (DTLS handshakes would fail): `mtu-black-hole` (failure);
/// everything else degrades calls without stopping them: warnings. The stream crosses both
/// directions of this computer's link, so each figure is that of both directions together.
public enum MediaAssessment {
    public static func findings(stream: MediaStreamReport?, datagrams: [MediaDatagramResult], failure: String?,
                                subject: String?, thresholds: MediaThresholds = .defaults) -> [Finding] {
        var findings: [Finding] = []
        func add(_ severity: Severity, _ id: FindingID, _ message: String, _ action: String?) {
            findings.append(Finding(severity: severity, id: id, check: .media, subject: subject, message: message, action: action))
        }
        let network = "Prefer a wired connection; look for Wi-Fi interference, a saturated uplink or a VPN on the path."
        if let failure {
            add(.failure, .mediaFailed, "The media stream through the relay could not run: \(failure)",
                "Check the TURN server, its credentials and the firewall (UDP 3478, TCP 3478, TCP 443).")
        }
        if let stream, stream.sent > 0 {
            if stream.received == 0 {
                add(.failure, .mediaFailed, "None of the \(stream.sent) media packets came through the relay.",
                    "Allow UDP to the relay's ports (or use TURN over TCP/TLS), then run again.")
            } else {
                if let loss = stream.lossPercent, loss > thresholds.lossPercent {
                    add(.warning, .mediaLoss,
                        "Media packets lost: \(NumberText.decimal(loss, 1)) % (\(stream.lost) of \(stream.sent)), above \(NumberText.decimal(thresholds.lossPercent, 1)) % (Teams target, Twilio warning): audio will drop out.",
                        network)
                }
                if let worst = stream.worstWindowLossPercent, worst > thresholds.burstLossPercent {
                    let ratio = stream.burstRatio.map { ", burst ratio \(NumberText.decimal($0, 2))" } ?? ""
                    add(.warning, .mediaBurstLoss,
                        "Up to \(NumberText.decimal(worst, 0)) % of media packets lost in one 200 ms window\(ratio), above \(NumberText.decimal(thresholds.burstLossPercent, 0)) % (Teams burst-loss target): audio will break up.",
                        network)
                }
                if let jitter = stream.jitterMs, jitter > thresholds.jitterMs {
                    add(.warning, .mediaJitter,
                        "Media jitter (RFC 3550) is \(NumberText.ms(jitter)), above \(NumberText.ms(thresholds.jitterMs)) (Teams target, Twilio warning).",
                        network)
                }
                if let late = stream.latePercent?.buffer60Ms, late > thresholds.latePercent {
                    add(.warning, .mediaLate,
                        "\(NumberText.decimal(late, 1)) % of media packets arrived more than 60 ms after the fastest: a 60 ms playout buffer would discard them.",
                        network)
                }
                if let reordered = stream.reorderedPercent, reordered > thresholds.reorderedPercent {
                    add(.warning, .mediaReordering,
                        "\(NumberText.decimal(reordered, 2)) % of media packets arrived out of order, above \(NumberText.decimal(thresholds.reorderedPercent, 2)) % (Teams target).",
                        "Look for load balancing over several links (bonded lines, SD-WAN, VPN) on the path.")
                }
                if let rtt = stream.rttMs?.median, rtt > thresholds.rttMs {
                    add(.warning, .mediaHighRtt,
                        "Round trip to the relay is \(NumberText.ms(rtt)) (median), above \(NumberText.ms(thresholds.rttMs)) (Twilio warning): conversations will lag.",
                        "Look for a VPN, proxy or distant route on the path; use a closer region if there is one.")
                }
                if let mos = stream.mos, mos < thresholds.mos {
                    add(.warning, .mediaLowMos,
                        "Estimated MOS of the stream is \(NumberText.decimal(mos, 2)), below \(NumberText.decimal(thresholds.mos, 1)).",
                        "Reduce loss, late packets and delay on this computer's path.")
                }
            }
        }
        if MediaDatagramResult.blackHole(datagrams, at: thresholds.blackHoleBytes) == true {
            let largest = MediaDatagramResult.largest(datagrams).map { "\($0) bytes" } ?? "none"
            add(.failure, .mtuBlackHole,
                "Datagrams of \(thresholds.blackHoleBytes) bytes or more do not get through the relay path, smaller ones do (largest: \(largest)): an MTU black hole. WebRTC's DTLS handshake needs about 1200 bytes, so calls may fail to connect.",
                "Look for a VPN or tunnel with a small MTU on the path; lower its MTU consistently or allow ICMP 'fragmentation needed'.")
        }
        return findings
    }
}
