import Foundation
import Testing
@testable import Collector

/// The check page's sessions: one report each, bounded in time and number.
@Suite struct CheckSessionsTests {
    @Test func aSessionTakesOneReportAndCanBeGivenBack() async {
        let sessions = CheckSessions()
        let session = await sessions.open(profile: "lab", site: "home", agent: "a1")
        #expect(session.id.count == 32)
        guard case .ok(let claimed) = await sessions.claim(session.id) else { Issue.record("first claim refused"); return }
        #expect(claimed.agent == "a1")
        guard case .alreadyReported = await sessions.claim(session.id) else { Issue.record("second claim accepted"); return }
        await sessions.release(session.id)
        guard case .ok = await sessions.claim(session.id) else { Issue.record("released session refused"); return }
        guard case .unknown = await sessions.claim("00") else { Issue.record("unknown id accepted"); return }
    }

    @Test func sessionsExpireAndTheOldestGiveWayAtCapacity() async {
        let sessions = CheckSessions(lifetime: 60, capacity: 3)
        let start = Date(timeIntervalSince1970: 1_000_000)
        let old = await sessions.open(profile: "lab", site: nil, agent: nil, now: start)
        guard case .unknown = await sessions.claim(old.id, now: start.addingTimeInterval(61)) else {
            Issue.record("an expired session was accepted"); return
        }
        var ids: [String] = []
        for offset in 0..<4 {
            ids.append(await sessions.open(profile: "lab", site: nil, agent: nil, now: start.addingTimeInterval(100 + Double(offset))).id)
        }
        #expect(await sessions.count == 3)
        guard case .unknown = await sessions.claim(ids[0], now: start.addingTimeInterval(110)) else {
            Issue.record("the oldest session survived past capacity"); return
        }
        guard case .ok = await sessions.claim(ids[3], now: start.addingTimeInterval(110)) else {
            Issue.record("the newest session was dropped"); return
        }
        #expect(Set(ids).count == 4)
    }
}
