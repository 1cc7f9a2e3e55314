import Histogram

/// What one phase of load asks for: its schedule, how finely it is judged, and how long
/// an answer may take before it counts as lost.
struct PhaseRequest: Sendable {
    var schedule: LoadSchedule
    /// One bucket per step; short buckets for a ramp.
    var bucketSeconds: Double
    var answerTimeout: Double
    var digits: SignificantDigits = .three
    /// A ramp stops after this many bad buckets in a row (loss above `stopLossPercent`).
    var stopAfterBadBuckets: Int?
    var stopLossPercent: Double = 1

    var bucketCount: Int { max(1, Int((schedule.seconds / bucketSeconds).rounded(.up))) }
    var answerTimeoutMicroseconds: UInt64 { UInt64(answerTimeout * 1_000_000) }

    /// One empty send tally per bucket.
    func sendTallies() -> [SendTally] {
        (0..<bucketCount).map { _ in SendTally(digits: digits) }
    }

    /// One empty receive tally per bucket.
    func receiveTallies() -> [ReceiveTally] {
        (0..<bucketCount).map { _ in ReceiveTally(digits: digits, timeoutMicroseconds: answerTimeoutMicroseconds) }
    }

    /// Each bucket's share of the schedule with what was sent and received in it;
    /// `quarterLag(bucket, quarter)` gives the mean send lag of a quarter of a bucket.
    func buckets(send: [SendTally], receive: [ReceiveTally], quarterLag: (Int, Int) -> Double) -> [BucketMeasurement] {
        (0..<bucketCount).map { index in
            let from = Double(index) * bucketSeconds
            let to = min(from + bucketSeconds, schedule.seconds)
            return BucketMeasurement(
                start: from, seconds: to - from,
                scheduled: Int(schedule.scheduled(at: to)) - Int(schedule.scheduled(at: from)),
                send: send[index], receive: receive[index],
                earlyLag: quarterLag(index, 0), lateLag: quarterLag(index, 3))
        }
    }
}

/// The counts of one bucket of a phase: what was due, what left, what came back.
struct BucketMeasurement: Sendable {
    var start: Double
    var seconds: Double
    var scheduled: Int
    var send: SendTally
    var receive: ReceiveTally
    /// Mean send lag of the bucket's first and last quarter, in microseconds: a lag that
    /// grows across a bucket is a generator falling behind.
    var earlyLag: Double
    var lateLag: Double
}

/// Everything one phase measured, before any judgement.
struct PhaseMeasurement: Sendable {
    var buckets: [BucketMeasurement]
    /// How long the send side actually ran.
    var sendingSeconds: Double
    var interrupted: Bool
    /// Datagrams the kernel refused to send (ICMP port unreachable and the like).
    var refused: Int
    var lastSendError: Int32?
    /// Answers no query waited for: duplicates, late answers to reused IDs, foreign
    /// questions.
    var unmatched: Int
    /// Answers dropped by the kernel at this generator's own sockets (it read too slowly).
    var ownSocketDrops: Int
    /// Host-wide UDP counters (`/proc/net/snmp`) over the phase: on loopback they include
    /// the server's own sockets.
    var hostReceiveBufferErrors: Int
    var hostInErrors: Int
    var gsoUsed: Bool
    /// TCP: connections the server closed during the phase.
    var connectionsClosed: Int = 0
    /// A ramp that stopped itself past the knee: seconds into the phase.
    var stoppedEarlyAfter: Double?
}

/// A way of sending a phase of load: UDP datagrams or pipelined TCP.
protocol LoadGenerator: AnyObject, Sendable {
    func run(_ phase: PhaseRequest, live: LiveCounters, stop: StopSignal) async -> PhaseMeasurement
}
