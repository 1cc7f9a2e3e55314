import Foundation
import Glibc
import Synchronization

/// The thread-safe face of the reactor: callers drop commands into a locked
/// inbox and the reactor thread picks them up. Jobs of tasks that prefer the
/// reactor as their executor (`Reactor+TaskExecutor.swift`) go through the same inbox.
///
/// All socket state lives in `ReactorLoop`, which only the reactor thread
/// ever touches, so this type needs no locking beyond the inbox.
final class Reactor: Sendable {
    enum Command: Sendable {
        case submit(QuerySubmission)
        case cancel(token: UInt64)
    }

    private struct Inbox {
        var commands: [Command] = []
        var jobs: [UnownedJob] = []
        /// The reactor is in (or about to enter) a blocking epoll_wait and
        /// has seen every command so far: the next submitter must wake it.
        var sleeping = false
        var stopRequested = false
        /// Set by the reactor once it has failed everything and will take no
        /// more commands; later submissions fail on the caller's side.
        var stopped = false
    }

    let epollFD: Int32
    let wakeFD: Int32
    /// Why the reactor could not be set up, if it could not.
    let setupErrno: Int32?
    let counters = TransportCounters()
    private let inbox = Mutex(Inbox())
    private let nextToken = Atomic<UInt64>(1)
    private let exited = Mutex(false)
    private let exitSignal = DispatchSemaphore(value: 0)
    /// The reactor thread, once it runs; `stop(wait:)` called on it must not wait for itself.
    private let thread = Mutex<pthread_t?>(nil)

    init() {
        epollFD = Epoll.create()
        wakeFD = epollFD < 0 ? -1 : Epoll.makeEventFD()
        if epollFD < 0 || wakeFD < 0
            || Epoll.control(epollFD, Epoll.add, wakeFD, events: Epoll.readable, key: ReactorLoop.wakeKey) != 0 {
            // Without these nothing can work; every query will report it.
            setupErrno = errno
            inbox.withLock { $0.stopped = true }
            return
        }
        setupErrno = nil
        let thread = Thread { [self] in
            // Named from inside: on Linux a name given before start never reaches the
            // kernel, and the thread would go by its creator's name in top -H, perf and
            // /proc. The kernel keeps 15 bytes.
            Thread.current.name = "dnsward-reactor"
            self.thread.withLock { $0 = pthread_self() }
            ReactorLoop(reactor: self).run()
            exitSignal.signal()
        }
        thread.start()
    }

    deinit {
        // Closed only here, never by the loop: a submitter may still be about
        // to write to wakeFD, and a recycled descriptor number must not
        // receive that write.
        if wakeFD >= 0 { close(wakeFD) }
        if epollFD >= 0 { close(epollFD) }
    }

    func makeToken() -> UInt64 {
        nextToken.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// False when the reactor no longer takes work.
    func send(_ command: Command) -> Bool {
        put { inbox in
            guard !inbox.stopped, !inbox.stopRequested else { return false }
            inbox.commands.append(command)
            return true
        }
    }

    /// Queues a job for the reactor thread. False once the reactor takes no
    /// more work; the job is then the caller's to run elsewhere.
    func enqueue(job: UnownedJob) -> Bool {
        put { inbox in
            guard !inbox.stopped else { return false }
            inbox.jobs.append(job)
            return true
        }
    }

    /// Puts work into the inbox with `add` (false: not taken) and wakes the reactor when it
    /// sleeps, deciding both under one lock so no work waits behind a sleeping loop.
    private func put(_ add: (inout Inbox) -> Bool) -> Bool {
        let (accepted, wake): (Bool, Bool) = inbox.withLock { inbox in
            guard add(&inbox) else { return (false, false) }
            let wake = inbox.sleeping
            inbox.sleeping = false
            return (true, wake)
        }
        if wake { signalWake() }
        return accepted
    }

    /// True on the reactor thread, where waiting for the reactor to exit would wait forever.
    var isReactorThread: Bool {
        thread.withLock { $0.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
    }

    /// Asks the loop to fail everything and exit; waits for it when asked to,
    /// unless called from the reactor thread (a job of a task that prefers the
    /// reactor), which can only return and let the loop see the request.
    func stop(wait: Bool) {
        let shouldWait: Bool = inbox.withLock { inbox in
            if inbox.stopped && !inbox.stopRequested { return false } // never started
            inbox.stopRequested = true
            return true
        }
        signalWake()
        guard wait, shouldWait, !isReactorThread else { return }
        let alreadyExited = exited.withLock { $0 }
        if alreadyExited { return }
        exitSignal.wait()
        exited.withLock { $0 = true }
        // Let any other concurrent waiter through as well.
        exitSignal.signal()
    }

    private func signalWake() {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { write(wakeFD, $0.baseAddress, 8) }
    }

    // MARK: - Reactor side

    /// Moves pending commands and jobs into `commands` and `jobs` (which must be empty).
    func take(commands: inout [Command], jobs: inout [UnownedJob]) -> (stopRequested: Bool, gotWork: Bool) {
        inbox.withLock { inbox in
            let gotWork = !inbox.commands.isEmpty || !inbox.jobs.isEmpty
            if !inbox.commands.isEmpty { swap(&commands, &inbox.commands) }
            if !inbox.jobs.isEmpty { swap(&jobs, &inbox.jobs) }
            return (inbox.stopRequested, gotWork)
        }
    }

    /// Marks the reactor as about to block, so the next submitter wakes it; false (and
    /// not marked) when work arrived meanwhile. Under the inbox lock, so nothing
    /// slips in unnoticed.
    func prepareToSleep() -> Bool {
        inbox.withLock { inbox in
            guard inbox.commands.isEmpty, inbox.jobs.isEmpty, !inbox.stopRequested else { return false }
            inbox.sleeping = true
            return true
        }
    }

    /// After a blocking wait: the reactor is running again, so what its own
    /// answers enqueue (jobs resumed, queries they send) needs no wake-up write.
    func markAwake() {
        inbox.withLock { $0.sleeping = false }
    }

    /// Called by the loop when it exits; returns commands and jobs that raced
    /// in so they can be failed or run elsewhere.
    func markStopped() -> (commands: [Command], jobs: [UnownedJob]) {
        inbox.withLock { inbox in
            inbox.stopped = true
            let leftover = (inbox.commands, inbox.jobs)
            inbox.commands = []
            inbox.jobs = []
            return leftover
        }
    }
}
