import Foundation
import Testing
@testable import ProbeTransport
import StunWire

/// DNSResolver's retransmission inside its bound, with an injected lookup standing in for
/// getaddrinfo: a lost query (a lookup that hangs) or a temporary failure is covered by the next
/// attempt; a definite "no such host" ends the lookup at once.
@Suite struct DNSRetransmissionTests {
    static let answer = [TransportAddress("203.0.113.2:3478")!]

    /// Counts lookups; the first `hang` of them block for `hangMs` (a query whose datagram was
    /// lost: getaddrinfo waits its own timeout), the next `fail` fail with EAI_AGAIN.
    final class Script: Sendable {
        let calls = Locked(0)
        let hang: Int, fail: Int, hangMs: UInt32
        init(hang: Int = 0, fail: Int = 0, hangMs: UInt32 = 3_000) { self.hang = hang; self.fail = fail; self.hangMs = hangMs }
        var lookup: DNSResolver.Lookup {
            { _, _ in
                let call = self.calls.withLock { count -> Int in count += 1; return count }
                if call <= self.hang { usleep(self.hangMs * 1000); return .failure(TransportError(.dns, "timed out", code: EAI_AGAIN)) }
                if call <= self.hang + self.fail { return .failure(TransportError(.dns, "temporary", code: EAI_AGAIN)) }
                return .success(DNSRetransmissionTests.answer)
            }
        }
    }

    static func deadline(ms: UInt64) -> UInt64 { SystemClock().now + Nanoseconds.milliseconds(ms) }

    @Test func aLostFirstQueryIsCoveredByTheSecondAttempt() async throws {
        let script = Script(hang: 1)
        let clock = SystemClock()
        let start = clock.now
        let addresses = try await DNSResolver.resolve(host: "jp1.iceprobe.test", port: 3478, deadline: Self.deadline(ms: 1_500),
                                                      lookup: script.lookup)
        let ms = Nanoseconds.toMilliseconds(clock.elapsed(since: start))
        #expect(addresses == Self.answer)
        #expect(script.calls.current == 2)
        #expect(ms >= 240, "the second attempt starts 250 ms in: \(ms) ms")
    }

    @Test func twoLostQueriesAreCoveredByTheThird() async throws {
        let script = Script(hang: 2)
        let addresses = try await DNSResolver.resolve(host: "jp1.iceprobe.test", port: 3478, deadline: Self.deadline(ms: 1_500),
                                                      lookup: script.lookup)
        #expect(addresses == Self.answer)
        #expect(script.calls.current == 3)
    }

    @Test func temporaryFailuresWaitForTheNextAttempt() async throws {
        let script = Script(fail: 2)
        let addresses = try await DNSResolver.resolve(host: "jp1.iceprobe.test", port: 3478, deadline: Self.deadline(ms: 1_500),
                                                      lookup: script.lookup)
        #expect(addresses == Self.answer)
        #expect(script.calls.current == 3)
    }

    @Test func everyAttemptFailingReportsTheLastFailure() async throws {
        let script = Script(fail: 10)
        await #expect {
            _ = try await DNSResolver.resolve(host: "jp1.iceprobe.test", port: 3478, deadline: Self.deadline(ms: 1_500),
                                              lookup: script.lookup)
        } throws: { ($0 as? TransportError)?.message == "temporary" }
        #expect(script.calls.current == 3)
    }

    @Test func onlyAttemptsBeforeTheDeadlineStart() async throws {
        let script = Script(hang: 10)
        await #expect {
            _ = try await DNSResolver.resolve(host: "jp1.iceprobe.test", port: 3478, deadline: Self.deadline(ms: 500),
                                              lookup: script.lookup)
        } throws: { error in
            guard let error = error as? TransportError else { return false }
            return error.kind == .dns && error.message.contains("timed out") && error.message.contains("(2 attempts)")
        }
        #expect(script.calls.current == 2, "0 and 250 ms fit a 500 ms bound, 750 ms does not")
    }

    @Test func noSuchHostEndsTheLookupAtOnce() async throws {
        let calls = Locked(0)
        await #expect {
            _ = try await DNSResolver.resolve(host: "nowhere.invalid", port: 3478, deadline: Self.deadline(ms: 1_500)) { _, _ in
                calls.withLock { $0 += 1 }
                return .failure(TransportError(.dns, "no such host", code: EAI_NONAME))
            }
        } throws: { ($0 as? TransportError)?.message == "no such host" }
        try await Task.sleep(for: .milliseconds(300))
        #expect(calls.current == 1, "no second attempt after a definite answer")
    }
}
