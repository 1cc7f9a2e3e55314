/// When each query of a phase is meant to leave: a constant rate (a step) or a linear
/// ramp. The schedule never looks at answers: that is what makes the load open-loop.
public struct LoadSchedule: Sendable, Equatable {
    public let startRate: Double
    public let endRate: Double
    public let seconds: Double

    public static func constant(_ rate: Double, seconds: Double) -> LoadSchedule {
        LoadSchedule(startRate: rate, endRate: rate, seconds: seconds)
    }

    public static func ramp(from start: Double, to end: Double, seconds: Double) -> LoadSchedule {
        LoadSchedule(startRate: start, endRate: end, seconds: seconds)
    }

    private var slope: Double { seconds > 0 ? (endRate - startRate) / seconds : 0 }

    /// Queries scheduled in the whole phase.
    public var total: Int { Int(scheduled(at: seconds)) }

    /// Queries due by `t` seconds into the phase (not rounded).
    func scheduled(at t: Double) -> Double {
        let time = min(max(t, 0), seconds)
        return startRate * time + slope * time * time / 2
    }

    /// How many queries have an intended time at or before `t`: query k is meant to
    /// leave at `intendedTime(of: k)`, the first one at once.
    func due(at t: Double) -> Int {
        guard t >= 0 else { return 0 }
        return min(Int(scheduled(at: t)) + 1, total)
    }

    /// The intended send time of query `k` (0-based), seconds into the phase.
    func intendedTime(of k: Int) -> Double {
        let count = Double(k)
        let a = slope
        if abs(a) < 1e-9 { return startRate > 0 ? count / startRate : 0 }
        // a/2 t² + r0 t - k = 0
        let discriminant = startRate * startRate + 2 * a * count
        return (-startRate + max(discriminant, 0).squareRoot()) / a
    }

    /// The scheduled rate at `t` seconds.
    func rate(at t: Double) -> Double { startRate + slope * min(max(t, 0), seconds) }
}
