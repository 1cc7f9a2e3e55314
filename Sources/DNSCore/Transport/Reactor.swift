import Foundation
import Glibc
import Synchronization

/// The thread-safe face of the reactor: callers drop commands into a locked
/// inbox and the reactor thread picks them up.
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
            ReactorLoop(reactor: self).run()
            exitSignal.signal()
        }
        thread.name = "dnsward-transport-reactor"
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
        let (accepted, wake): (Bool, Bool) = inbox.withLock { inbox in
            guard !inbox.stopped, !inbox.stopRequested else { return (false, false) }
            inbox.commands.append(command)
            let wake = inbox.sleeping
            inbox.sleeping = false
            return (true, wake)
        }
        if wake { signalWake() }
        return accepted
    }

    /// Asks the loop to fail everything and exit; waits for it when asked to.
    func stop(wait: Bool) {
        let shouldWait: Bool = inbox.withLock { inbox in
            if inbox.stopped && !inbox.stopRequested { return false } // never started
            inbox.stopRequested = true
            return true
        }
        signalWake()
        guard wait, shouldWait else { return }
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

    /// Moves pending commands into `batch` (which must be empty). When there
    /// are none, marks the reactor as sleeping so the next submitter wakes it;
    /// done under the same lock so no command can slip in unnoticed.
    func takeCommands(into batch: inout [Command]) -> (stopRequested: Bool, gotCommands: Bool) {
        inbox.withLock { inbox in
            if inbox.commands.isEmpty {
                inbox.sleeping = true
                return (inbox.stopRequested, false)
            }
            swap(&batch, &inbox.commands)
            inbox.sleeping = false
            return (inbox.stopRequested, true)
        }
    }

    /// Called by the loop when it exits; returns commands that raced in so
    /// they can be failed too.
    func markStopped() -> [Command] {
        inbox.withLock { inbox in
            inbox.stopped = true
            let leftover = inbox.commands
            inbox.commands = []
            return leftover
        }
    }
}
