import Synchronization

/// Counters the progress line reads while a phase runs, and the flag that stops it.
public final class LiveCounters: Sendable {
    let sentCount = Atomic<Int>(0)
    let answeredCount = Atomic<Int>(0)

    public init() {}

    public var sent: Int { sentCount.load(ordering: .relaxed) }
    public var answered: Int { answeredCount.load(ordering: .relaxed) }
}

/// Ctrl-C: set from a signal handler's dispatch source, read by the send thread between
/// batches, so the load stops within one batch.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func stop() { flag.store(true, ordering: .relaxed) }

    public var isStopped: Bool { flag.load(ordering: .relaxed) }
}
