import Histogram

/// What a send thread keeps of a phase, the same over UDP and TCP: the schedule's clock
/// (when the phase ends, how long a wake-up may sleep), which bucket each query counts in
/// and when it was meant to leave, and for each query that left its bytes and how late it
/// went. Lives on the send thread only.
struct SendBookkeeping {
    let phase: PhaseRequest
    /// The monotonic instant the schedule starts from.
    let start: UInt64
    /// The monotonic instant the schedule ends; nothing is sent after it.
    let end: UInt64
    /// The longest pause between two wake-ups of the send loop, in nanoseconds.
    let interval: UInt64
    let rampGuard: RampGuard?
    private(set) var tallies: [SendTally]
    private let lastBucket: Int
    private var lagSums: [Double]
    private var lagCounts: [Int]

    init(phase: PhaseRequest, start: UInt64, rampGuard: RampGuard?) {
        self.phase = phase
        self.start = start
        self.rampGuard = rampGuard
        let schedule = phase.schedule
        end = start + UInt64(schedule.seconds * 1e9)
        // Aim at ~16 queries a wake-up: fewer system calls per query at high rates, and
        // never more than half a millisecond of pacing delay at low ones.
        let peak = max(schedule.startRate, schedule.endRate, 1)
        interval = UInt64(min(max(16 / peak, 50e-6), 500e-6) * 1e9)
        tallies = phase.sendTallies()
        lastBucket = tallies.count - 1
        lagSums = Array(repeating: 0, count: phase.bucketCount * 4)
        lagCounts = Array(repeating: 0, count: phase.bucketCount * 4)
    }

    /// How many queries are due by `now`.
    func due(at now: UInt64) -> Int {
        phase.schedule.due(at: Double(now - start) / 1e9)
    }

    /// Sleeps until query `k` is due, but at least `interval` past `now` and never past the end.
    func sleep(untilDueOf k: Int, now: UInt64) {
        let nextDue = start + UInt64(phase.schedule.intendedTime(of: k) * 1e9)
        MonotonicClock.sleep(until: min(max(nextDue, now + interval), end))
    }

    /// Seconds the send side ran, when it last woke at `last`.
    func sendingSeconds(until last: UInt64) -> Double {
        Double(min(last, end) - start) / 1e9
    }

    /// Query `k`'s bucket, intended send time (monotonic nanoseconds) and offset into the
    /// phase (seconds).
    @inline(__always)
    func slot(of k: Int) -> (bucket: Int, intended: UInt64, offset: Double) {
        let offset = phase.schedule.intendedTime(of: k)
        let bucket = min(Int(offset / phase.bucketSeconds), lastBucket)
        return (bucket, start + UInt64(offset * 1e9), offset)
    }

    /// A query of `bytes` in `slot` left at `now`: counted in its bucket with its lag.
    @inline(__always)
    mutating func recordSent(_ slot: (bucket: Int, intended: UInt64, offset: Double), bytes: Int, at now: UInt64) {
        let bucket = slot.bucket
        let lag = now > slot.intended ? (now - slot.intended) / 1000 : 0
        tallies[bucket].sent += 1
        rampGuard?.recordSent(bucket: bucket)
        tallies[bucket].bytes += bytes
        _ = tallies[bucket].lag.record(min(max(lag, 1), SendTally.lagCeiling))
        let within = slot.offset - Double(bucket) * phase.bucketSeconds
        let quarter = min(3, max(0, Int(within / phase.bucketSeconds * 4)))
        lagSums[bucket * 4 + quarter] += Double(lag)
        lagCounts[bucket * 4 + quarter] += 1
    }

    /// Mean send lag of a quarter of a bucket, in microseconds.
    func quarterLag(bucket: Int, quarter: Int) -> Double {
        let index = bucket * 4 + quarter
        return lagCounts[index] == 0 ? 0 : lagSums[index] / Double(lagCounts[index])
    }

    /// Queries that left in the whole phase.
    var sentTotal: Int { tallies.reduce(0) { $0 + $1.sent } }
}
