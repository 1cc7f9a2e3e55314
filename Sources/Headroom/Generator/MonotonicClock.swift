import Glibc

/// Nanoseconds on CLOCK_MONOTONIC: the generator's schedule, which wall-clock steps must
/// never bend.
enum MonotonicClock {
    static func now() -> UInt64 {
        var stamp = timespec()
        clock_gettime(CLOCK_MONOTONIC, &stamp)
        return UInt64(stamp.tv_sec) &* 1_000_000_000 &+ UInt64(stamp.tv_nsec)
    }

    /// CLOCK_REALTIME minus CLOCK_MONOTONIC, to turn the kernel's receive timestamps
    /// (realtime) into the schedule's clock.
    static func realtimeOffset() -> Int64 {
        var real = timespec()
        clock_gettime(CLOCK_REALTIME, &real)
        let monotonic = now()
        return (Int64(real.tv_sec) * 1_000_000_000 + Int64(real.tv_nsec)) - Int64(monotonic)
    }

    /// Sleeps until `deadline` (absolute, CLOCK_MONOTONIC); returns at once if it passed.
    static func sleep(until deadline: UInt64) {
        var stamp = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &stamp, nil) == EINTR {}
    }
}
