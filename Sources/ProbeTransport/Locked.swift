import Foundation

/// A value guarded by a lock, shareable across threads and tasks.
/// Used for the small pieces of state shared between I/O threads and async callers.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try lock.withLock { try body(&value) }
    }

    /// A copy of the current value.
    public var current: Value {
        withLock { $0 }
    }
}
