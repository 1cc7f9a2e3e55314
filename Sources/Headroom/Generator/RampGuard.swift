import Synchronization

/// Ends a ramp once it is clearly past the knee, so a server is not flooded for the rest of
/// the duration: three buckets in a row whose loss, once their answers had time to come
/// back, is above the threshold. The send thread counts what it sent per bucket; the
/// receive thread judges each bucket when it is final and raises `enough`.
final class RampGuard: @unchecked Sendable {
    let enough = StopSignal()
    private let sent: UnsafeMutablePointer<Atomic<Int>>
    private let buckets: Int
    private let bucketNanos: UInt64
    private let timeoutNanos: UInt64
    private let lossPercent: Double
    private let badBuckets: Int
    // Receive thread only.
    private var next = 0
    private var badRun = 0
    private var lastCheck: UInt64 = 0
    private(set) var stoppedAfter: Double?

    init(phase: PhaseRequest, lossPercent: Double, badBuckets: Int) {
        buckets = phase.bucketCount
        bucketNanos = UInt64(phase.bucketSeconds * 1e9)
        timeoutNanos = UInt64(phase.answerTimeout * 1e9)
        self.lossPercent = lossPercent
        self.badBuckets = badBuckets
        sent = .allocate(capacity: buckets)
        for index in 0..<buckets { (sent + index).initialize(to: Atomic(0)) }
    }

    /// The guard a phase asks for with `stopAfterBadBuckets`; nil for a phase that runs its course.
    static func guarding(_ phase: PhaseRequest) -> RampGuard? {
        phase.stopAfterBadBuckets.map { RampGuard(phase: phase, lossPercent: phase.stopLossPercent, badBuckets: $0) }
    }

    deinit {
        sent.deinitialize(count: buckets)
        sent.deallocate()
    }

    @inline(__always)
    func recordSent(bucket: Int) {
        sent[bucket].add(1, ordering: .relaxed)
    }

    /// Judges every bucket that is final by `now`; `answered` gives a bucket's answers.
    func check(now: UInt64, start: UInt64, answered: (Int) -> Int) {
        guard now >= lastCheck + 50_000_000, !enough.isStopped else { return }
        lastCheck = now
        while next < buckets, now >= start + UInt64(next + 1) * bucketNanos + timeoutNanos {
            let count = sent[next].load(ordering: .relaxed)
            let lost = count - answered(next)
            if count > 0 && Double(lost) / Double(count) * 100 > lossPercent {
                badRun += 1
            } else {
                badRun = 0
            }
            next += 1
            if badRun >= badBuckets {
                stoppedAfter = Double(next) * Double(bucketNanos) / 1e9
                enough.stop()
                return
            }
        }
    }
}
