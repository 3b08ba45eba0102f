import Diagnosis
import ProbeTransport
import StunWire

/// Times a host:port without STUN: `samples` fresh TCP connections, one started every `spacing`
/// (they overlap, like ping), each timed from `connect()` to the moment the blocking wait sees
/// the connection established (SYN to SYN-ACK: one round trip). For a `tls:` target each connection then runs the TLS handshake
/// (certificate verified against the host name, or `--ca-file`/`--insecure`), timed from the
/// ClientHello to the end of the handshake and divided by its round trips (1 for TLS 1.3, 2 for
/// older versions); the connection is closed at once, no application data is sent.
///
/// A connect slower than TCP's initial retransmission timeout (1 s, RFC 6298 2.1) went through
/// a retransmitted SYN, so the time is not one round trip (Karn): it counts as lost, as does
/// every attempt not finished by `deadline` (a connect is abandoned at that bound). Returns by `deadline` (monotonic, `SystemClock`);
/// attempts not started by then are not counted as sent. Never throws.
public enum StreamLatencyProbe {
    /// The Karn bound: a connect that took longer included a SYN retransmission.
    public static let initialRetransmissionTimeout = Nanoseconds.milliseconds(1000)
    /// At most this many connections per target, whatever `samples` says (`--samples 200` paces
    /// STUN like a media stream; 200 fresh TLS handshakes per region would be a burden on the
    /// provider's edge and say nothing more).
    public static let maximumConnections = 10

    public static func run(target: LatencyTarget, destination: TransportAddress, samples: Int, spacing: UInt64,
                           deadline: UInt64, caFile: String?, insecure: Bool) async -> [LatencyMethodSamples] {
        let clock = SystemClock()
        let start = clock.now
        let count = max(1, min(samples, maximumConnections))
        struct Attempt: Sendable {
            var index: Int
            var connectNs: UInt64?
            var handshakeNs: UInt64?
            var connectError: String?
            var handshakeError: String?
        }
        let attempts: [Attempt] = await withTaskGroup(of: Attempt.self) { group in
            for index in 0..<count {
                let startAt = start.addingSaturating(spacing.multipliedSaturating(by: UInt64(index)))
                guard startAt < deadline else { break }
                group.addTask {
                    var attempt = Attempt(index: index)
                    if startAt > clock.now { try? await clock.sleep(until: startAt) }
                    if Task.isCancelled || clock.now >= deadline { attempt.connectError = "timeout"; return attempt }
                    let began = clock.now
                    let tcp: TCPConnection
                    do throws(TransportError) {
                        // Past the Karn bound the attempt is lost anyway: stop waiting then.
                        let giveUp = min(deadline, began.addingSaturating(initialRetransmissionTimeout))
                        tcp = try await TCPConnection.connect(to: destination, deadline: giveUp)
                    } catch {
                        attempt.connectError = error.name
                        return attempt
                    }
                    // Timed inside the blocking wait: the async hand-back's delay is not the network's.
                    let took = tcp.connectDuration > 0 ? tcp.connectDuration : clock.now.subtractingSaturating(began)
                    if took < initialRetransmissionTimeout { attempt.connectNs = took } else { attempt.connectError = "timeout" }
                    guard target.kind == .tls else { tcp.close(); return attempt }
                    do throws(TransportError) {
                        let options = TLSOptions(serverName: target.host, caFile: caFile, insecure: insecure)
                        let tls = try await TLSConnection.handshake(over: tcp, options: options, deadline: deadline)
                        let roundTrips: UInt64 = tls.protocolVersion == "TLSv1.3" ? 1 : 2
                        attempt.handshakeNs = tls.handshakeDuration / roundTrips
                        tls.close()
                    } catch {
                        attempt.handshakeError = error.name
                    }
                    return attempt
                }
            }
            var all: [Attempt] = []
            for await attempt in group { all.append(attempt) }
            return all.sorted { $0.index < $1.index }
        }
        let spacingMs = Nanoseconds.toMilliseconds(spacing)
        func collect(_ method: RegionLatencyMethod, _ time: (Attempt) -> UInt64?, _ error: (Attempt) -> String?) -> LatencyMethodSamples {
            var result = LatencyMethodSamples(method: method, target: target.description, sent: attempts.count, spacingMs: spacingMs)
            for attempt in attempts {
                if let ns = time(attempt) {
                    result.rttSamplesMs.append(Nanoseconds.toMilliseconds(ns))
                    result.answered.append(true)
                } else {
                    result.answered.append(false)
                    if result.error == nil { result.error = error(attempt) }
                }
            }
            if result.received > 0 { result.error = nil }
            return result
        }
        var out = [collect(.tcpConnect, { $0.connectNs }, { $0.connectError ?? "timeout" })]
        if target.kind == .tls {
            out.append(collect(.tlsHandshake, { $0.handshakeNs }, { $0.connectError ?? $0.handshakeError ?? "timeout" }))
        }
        return out
    }
}
