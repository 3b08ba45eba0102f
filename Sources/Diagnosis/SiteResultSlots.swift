import Foundation

/// Result slots filled from `concurrentPerform` workers (each index written once, under a lock).
final class SiteResultSlots: @unchecked Sendable {
    private var storage: [Result<SiteReportView, SiteInputError>?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<SiteReportView, SiteInputError>) {
        lock.lock()
        defer { lock.unlock() }
        if storage.indices.contains(index) { storage[index] = result }
    }

    func results() -> [Result<SiteReportView, SiteInputError>] {
        lock.lock()
        defer { lock.unlock() }
        return storage.enumerated().map { $0.element ?? .failure(SiteInputError(source: "input \($0.offset + 1)", reason: "not read")) }
    }
}
