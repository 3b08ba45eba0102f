import Foundation

/// Runs blocking (but deadline-bounded) work on a dedicated thread and hands the result to an
/// async caller. Every body passed here must itself be bounded in time: the sockets poll in slices
/// of at most 100 ms against their deadline and the ``CancellationFlag``.
enum BlockingIO {
    /// Set when the awaiting task is cancelled; bodies check it between poll slices.
    typealias CancellationFlag = Locked<Bool>

    static func run<T: Sendable>(
        _ body: @escaping @Sendable (CancellationFlag) -> Result<T, TransportError>
    ) async -> Result<T, TransportError> {
        let flag = CancellationFlag(false)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, TransportError>, Never>) in
                let thread = Thread {
                    continuation.resume(returning: body(flag))
                }
                thread.name = "iceprobe-io"
                thread.start()
            }
        } onCancel: {
            flag.withLock { $0 = true }
        }
    }
}
