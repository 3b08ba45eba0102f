import Diagnosis
import Foundation
import ProbeTransport
import StunWire

/// The path probe: direct TCP connections to the media servers' TURN ports, and TLS handshakes
/// where the server speaks TLS, recording what happened and which issuer signed the certificate
/// presented. No credentials, no verdicts: `RootCauseAnalyzer` reads the attempts.
///
/// Time bound: each attempt ends by `deadline` (connect and handshake share it); attempts run
/// concurrently.
public enum EgressProbe {
    public static func run(_ target: CheckEgressTarget, address: TransportAddress, caFile: String?, insecure: Bool,
                           deadline: UInt64, clock: SystemClock = SystemClock()) async -> EgressAttempt {
        let start = clock.now
        func elapsed() -> Double { Nanoseconds.toMilliseconds(clock.elapsed(since: start)) }
        let tcp: TCPConnection
        do throws(TransportError) {
            tcp = try await TCPConnection.connect(to: address, deadline: deadline)
        } catch {
            return EgressAttempt(host: target.host, port: Int(target.port), tls: target.tls, result: error.name,
                                 tcpConnected: false, durationMs: elapsed())
        }
        guard target.tls else {
            tcp.close()
            return EgressAttempt(host: target.host, port: Int(target.port), tls: false, result: "ok", tcpConnected: true,
                                 durationMs: elapsed())
        }
        do throws(TransportError) {
            let tls = try await TLSConnection.handshake(over: tcp, options: TLSOptions(serverName: target.host, caFile: caFile, insecure: insecure),
                                                        deadline: deadline)
            let issuer = tls.peerIssuer
            tls.close()
            return EgressAttempt(host: target.host, port: Int(target.port), tls: true, result: "ok", tcpConnected: true,
                                 certificateIssuer: issuer, durationMs: elapsed())
        } catch {
            return EgressAttempt(host: target.host, port: Int(target.port), tls: true, result: error.name, tcpConnected: true,
                                 certificateIssuer: error.certificateIssuer, durationMs: elapsed())
        }
    }

    /// A failed lookup, as an attempt (so the report says why the port was not tried).
    public static func unresolved(_ target: CheckEgressTarget) -> EgressAttempt {
        EgressAttempt(host: target.host, port: Int(target.port), tls: target.tls, result: "dns", tcpConnected: false, durationMs: 0)
    }
}
