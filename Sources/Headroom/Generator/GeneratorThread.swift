import Foundation

/// The generator's own threads: its send and receive loops block in system calls and
/// sleeps, which must never sit on the two-thread concurrency pool.
enum GeneratorThread {
    /// Runs `body` on a thread of its own named `name` and hands its result to async code.
    static func run<Result: Sendable>(named name: String, _ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = name
            thread.start()
        }
    }

    /// Starts `body` on a thread named `name`; calling the result waits until it has ended.
    static func start(named name: String, _ body: @escaping @Sendable () -> Void) -> () -> Void {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.name = name
        thread.start()
        return { done.wait() }
    }
}
