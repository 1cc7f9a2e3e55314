import Histogram

/// What the send thread counts in one bucket of a phase; only that thread writes it.
struct SendTally {
    var sent = 0
    var bytes = 0
    /// How late queries left, against their intended time, in microseconds.
    var lag: Histogram<UInt32>

    init(digits: SignificantDigits) {
        lag = Histogram(lowestDiscernibleValue: 1, highestTrackableValue: SendTally.lagCeiling, numberOfSignificantValueDigits: digits)
    }

    /// Lags beyond a minute are recorded as a minute: by then the verdict is long clear.
    static let lagCeiling: UInt64 = 60_000_000
}

/// What the receive thread counts in one bucket; only that thread writes it.
struct ReceiveTally {
    var answered = 0
    var bytes = 0
    /// Answers that came after the answer timeout: counted as lost.
    var late = 0
    var truncated = 0
    var rcodes = [Int](repeating: 0, count: 16)
    /// From the intended send time to the kernel's arrival time, in microseconds.
    var latency: Histogram<UInt32>

    init(digits: SignificantDigits, timeoutMicroseconds: UInt64) {
        latency = Histogram(lowestDiscernibleValue: 1, highestTrackableValue: max(timeoutMicroseconds, 1000),
                            numberOfSignificantValueDigits: digits)
    }
}
