import CNice
import ProbeTransport
#if canImport(Glibc)
import Glibc
#endif

/// A GLib main loop with its own `GMainContext`, running on its own (GLib) thread. Every libnice
/// agent of one run is created on this context, so all libnice callbacks fire on this thread.
///
/// Lifecycle: ``start(onExit:)`` spawns the thread; work is queued with ``invoke(_:)``;
/// ``quit()`` makes `g_main_loop_run` return, after which the thread releases the loop and the
/// context and calls `onExit` as its very last action. State owned by the loop must only be touched
/// from closures running on it.
final class MainLoopThread: @unchecked Sendable {
    /// `GMainContext *`, owned; released by the loop thread after the loop stops.
    let context: OpaquePointer
    private let loop: OpaquePointer
    /// False once the loop thread is about to release the context; ``invoke(_:)`` then drops work.
    private let alive = Locked<Bool>(true)

    /// The name every loop thread carries (visible in /proc/self/task/*/comm), so tests and
    /// operators can count them.
    static let threadName = "iceprobe-gloop"

    /// Network namespace (a name under /var/run/netns, as `ip netns` makes) the thread enters
    /// before any socket is created; `nil` stays in the process's namespace.
    private let networkNamespace: String?
    /// Set on the loop thread when entering ``networkNamespace`` failed; read on the loop thread.
    private(set) var namespaceError: String?

    init(networkNamespace: String? = nil) {
        self.networkNamespace = networkNamespace
        context = g_main_context_new()
        loop = g_main_loop_new(context, 0)
    }

    /// Runs on the new thread before the loop: enters the namespace, recording a failure.
    private func enterNamespace() {
        guard let name = networkNamespace else { return }
        let path = "/var/run/netns/" + name
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            namespaceError = "cannot open network namespace \(path): \(String(cString: strerror(errno)))"
            return
        }
        defer { close(fd) }
        if cnice_enter_network_namespace(fd) != 0 {
            namespaceError = "cannot enter network namespace \(name): \(String(cString: strerror(errno)))"
        }
    }

    /// Spawns the loop thread. Returns false (and releases the loop and context) when the thread
    /// could not be created.
    func start(onExit: @escaping @Sendable () -> Void) -> Bool {
        let body = ThreadBody { [self, context, loop] in
            enterNamespace()
            g_main_context_push_thread_default(context)
            g_main_loop_run(loop)
            // Let sources freed by the agents' disposal run their destroy notifications.
            while g_main_context_iteration(context, 0) != 0 {}
            g_main_context_pop_thread_default(context)
            self.alive.withLock { $0 = false }
            g_main_loop_unref(loop)
            g_main_context_unref(context)
            onExit()
        }
        let argument = Unmanaged.passRetained(body).toOpaque()
        var error: UnsafeMutablePointer<GError>? = nil
        // GLib threads carry a name (visible in /proc/self/task/*/comm).
        let thread = g_thread_try_new(MainLoopThread.threadName, { raw in
            guard let raw else { return nil }
            let body = Unmanaged<ThreadBody>.fromOpaque(raw).takeRetainedValue()
            body.run()
            return nil
        }, argument, &error)
        guard let thread else {
            if let error { g_error_free(error) }
            Unmanaged<ThreadBody>.fromOpaque(argument).release()
            g_main_loop_unref(loop)
            g_main_context_unref(context)
            return false
        }
        g_thread_unref(thread)   // detached: the thread frees itself when it returns
        return true
    }

    /// Queues `work` to run on the loop thread, always later (never synchronously, even when
    /// called from the loop thread itself), in the order of the calls. Thread-safe: it attaches an
    /// idle source at default priority. Dropped when the loop has already stopped.
    /// (`g_main_context_invoke` is not used: it runs the work at once when the caller owns the
    /// context, which would re-enter the caller.)
    func invoke(_ work: @escaping () -> Void) {
        alive.withLock { isAlive in
            guard isAlive else { return }
            let source = g_idle_source_new()
            g_source_set_priority(source, 0)   // G_PRIORITY_DEFAULT, like the agents' own sources
            let box = Unmanaged.passRetained(Work(work)).toOpaque()
            g_source_set_callback(source, { raw in
                if let raw { Unmanaged<Work>.fromOpaque(raw).takeUnretainedValue().body() }
                return 0   // G_SOURCE_REMOVE
            }, box, { raw in
                if let raw { Unmanaged<Work>.fromOpaque(raw).release() }
            })
            g_source_attach(source, context)
            g_source_unref(source)
        }
    }

    /// Runs `work` once on the loop thread after `milliseconds`; returns the source so it can be
    /// cancelled with ``cancelTimeout(_:)``. Call from the loop thread.
    func addTimeout(milliseconds: Int, _ work: @escaping () -> Void) -> UInt32 {
        let source = g_timeout_source_new(UInt32(clamping: milliseconds))
        let box = Unmanaged.passRetained(Work(work)).toOpaque()
        g_source_set_callback(source, { raw in
            if let raw { Unmanaged<Work>.fromOpaque(raw).takeUnretainedValue().body() }
            return 0   // G_SOURCE_REMOVE
        }, box, { raw in
            if let raw { Unmanaged<Work>.fromOpaque(raw).release() }
        })
        let id = g_source_attach(source, context)
        g_source_unref(source)
        return id
    }

    /// Removes a pending timeout added by ``addTimeout(milliseconds:_:)``. Call from the loop thread.
    func cancelTimeout(_ id: UInt32) {
        guard id != 0, let source = g_main_context_find_source_by_id(context, id) else { return }
        g_source_destroy(source)
    }

    /// Makes `g_main_loop_run` return (thread-safe).
    func quit() {
        g_main_loop_quit(loop)
    }

    /// Monotonic time in microseconds (`g_get_monotonic_time`, CLOCK_MONOTONIC).
    static func nowMicroseconds() -> Int64 {
        Int64(g_get_monotonic_time())
    }
}

/// A closure queued on the loop.
private final class Work {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

/// The thread's entry closure.
private final class ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
