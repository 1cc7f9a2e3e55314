import Glibc
import Histogram
import Synchronization

/// What a receive thread keeps of a phase, the same over UDP and TCP: which messages answer
/// a query still in flight, and each bucket's answers, bytes, rcodes and latencies. Lives on
/// the receive thread only.
struct ReceiveBookkeeping {
    let table: InFlightTable
    let queries: QuerySet
    let phase: PhaseRequest
    let live: LiveCounters
    let timeoutNanos: UInt64
    /// Truncated answers (TC) are counted over UDP; over TCP the bit means nothing.
    let countsTruncation: Bool
    private(set) var tallies: [ReceiveTally]
    /// Answers no query waited for.
    private(set) var unmatched = 0
    private var claimed = 0

    /// After an interrupt the answers already on their way are still counted, briefly.
    static let interruptedDrainNanos: UInt64 = 300_000_000

    init(table: InFlightTable, queries: QuerySet, phase: PhaseRequest, live: LiveCounters, countsTruncation: Bool) {
        self.table = table
        self.queries = queries
        self.phase = phase
        self.live = live
        self.countsTruncation = countsTruncation
        timeoutNanos = UInt64(phase.answerTimeout * 1e9)
        tallies = phase.receiveTallies()
    }

    /// True once sending has ended and either every query sent was answered or the last
    /// answers had their time.
    func isDone(_ shared: PhaseShared) -> Bool {
        guard let ended = shared.ended else { return false }
        let now = MonotonicClock.now()
        let drain = ended.interrupted ? min(timeoutNanos, Self.interruptedDrainNanos) : timeoutNanos
        return now >= ended.time + drain || claimed >= ended.sent
    }

    /// One message read from socket (or connection) `socket`, arrived at `arrival`: an
    /// answer to the query waiting under its ID counts in that query's bucket (as lost when
    /// it came after the answer timeout); anything else is unmatched.
    @inline(__always)
    mutating func take(_ message: UnsafeRawBufferPointer, socket: Int, arrival: UInt64) {
        guard message.count >= 12, message[2] & 0x80 != 0 else { unmatched += 1; return }
        let id = UInt16(message[0]) << 8 | UInt16(message[1])
        guard let query = table.peekQuery(socket: socket, id: id), answers(message, query: query),
              let entry = table.claim(socket: socket, id: id) else {
            unmatched += 1
            return
        }
        claimed += 1
        let latency = arrival > entry.intendedTime ? arrival - entry.intendedTime : 0
        if latency > timeoutNanos {
            tallies[entry.bucket].late += 1
            return
        }
        tallies[entry.bucket].answered += 1
        tallies[entry.bucket].bytes += message.count
        tallies[entry.bucket].rcodes[Int(message[3] & 0x0F)] += 1
        if countsTruncation && message[2] & 0x02 != 0 { tallies[entry.bucket].truncated += 1 }
        _ = tallies[entry.bucket].latency.record(max(1, min(latency / 1000, phase.answerTimeoutMicroseconds)))
        live.answeredCount.add(1, ordering: .relaxed)
    }

    /// One question, and the very bytes the query asked (name as sent, type, class).
    @inline(__always)
    private func answers(_ message: UnsafeRawBufferPointer, query: Int) -> Bool {
        guard message[4] == 0, message[5] == 1 else { return false }
        let length = queries.questionLengths[query]
        guard message.count >= 12 + length else { return false }
        return queries.wire.withUnsafeBytes { wire in
            memcmp(wire.baseAddress! + queries.offsets[query] + 12, message.baseAddress! + 12, length) == 0
        }
    }
}
