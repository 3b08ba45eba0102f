import COpenSSL
import Foundation

/// Sessions of the browser check page, kept in memory only. A page opens one (`POST
/// /check/api/sessions`) and may send one report with it. Bounds: a session lives `lifetime`
/// (default 15 minutes: the page needs under a minute); at most `capacity` (10,000) live at once,
/// the oldest dropped first. A restart of the collector forgets them (the page then says to open
/// the link again).
actor CheckSessions {
    struct Session: Sendable {
        let id: String
        let profile: String
        let site: String?
        let agent: String?
        let createdAt: Date
        var reported: Bool
    }

    enum Claim: Sendable {
        case ok(Session)
        case unknown
        case alreadyReported
    }

    let lifetime: TimeInterval
    let capacity: Int
    private var sessions: [String: Session] = [:]
    private var order: [String] = []

    init(lifetime: TimeInterval = 15 * 60, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func open(profile: String, site: String?, agent: String?, now: Date = Date()) -> Session {
        prune(now)
        while order.count >= capacity, let oldest = order.first {
            order.removeFirst()
            sessions[oldest] = nil
        }
        let session = Session(id: Self.randomID(), profile: profile, site: site, agent: agent, createdAt: now, reported: false)
        sessions[session.id] = session
        order.append(session.id)
        return session
    }

    /// Marks the session as reported; a second report with it is refused.
    func claim(_ id: String, now: Date = Date()) -> Claim {
        prune(now)
        guard var session = sessions[id] else { return .unknown }
        if session.reported { return .alreadyReported }
        session.reported = true
        sessions[id] = session
        return .ok(session)
    }

    /// Gives the session back when its report could not be stored (the page may send it again).
    func release(_ id: String) {
        sessions[id]?.reported = false
    }

    var count: Int { sessions.count }

    private func prune(_ now: Date) {
        while let first = order.first, let session = sessions[first], now.timeIntervalSince(session.createdAt) > lifetime {
            order.removeFirst()
            sessions[first] = nil
        }
        while let first = order.first, sessions[first] == nil { order.removeFirst() }
    }

    /// 16 random bytes from OpenSSL as hex (unguessable: a session carries no secret of its own,
    /// but it lets a page post one report).
    static func randomID() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        if RAND_bytes(&bytes, 16) != 1 {
            var generator = SystemRandomNumberGenerator()
            bytes = bytes.map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }
}
