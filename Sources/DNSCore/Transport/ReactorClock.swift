import Glibc

/// Nanosecond timestamps for deadlines and RTTs.
///
/// A raw UInt64 keeps the reactor's heap and per-query bookkeeping cheap;
/// CLOCK_MONOTONIC is served from the vDSO so reading it costs no syscall.
enum ReactorClock {
    @inline(__always)
    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 { return 0 }
        // Durations of centuries would overflow; nobody waits that long for DNS.
        let capped = min(seconds, Int64(UInt64.max / 1_000_000_000) - 1)
        return UInt64(capped) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }

    static func duration(from start: UInt64, to end: UInt64) -> Duration {
        .nanoseconds(Int64(clamping: end &- start))
    }
}
