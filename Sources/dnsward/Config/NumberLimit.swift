/// What one number from a configuration file or the command line may be. Every such
/// number is checked here, before anything uses it: a NaN, an infinity or 1e300 turned
/// into a `Duration` or an `Int` traps, and a timeout of 0.4 ms becomes 0.
struct NumberLimit<Value: Comparable & Sendable>: Sendable {
    let range: ClosedRange<Value>
    /// "seconds", "days", ... or empty.
    let unit: String

    init(_ range: ClosedRange<Value>, _ unit: String = "") {
        self.range = range
        self.unit = unit
    }

    /// Why `value` is refused, or nil when it is fine.
    func problem(with value: Value) -> String? {
        let allowed = "between \(Self.text(range.lowerBound)) and \(Self.text(range.upperBound))"
            + (unit.isEmpty ? "" : " \(unit)")
        if let float = value as? Double, !float.isFinite {
            return "must be a finite number \(allowed), not \(Self.text(value))"
        }
        return range.contains(value) ? nil : "must be \(allowed), not \(Self.text(value))"
    }

    /// For command-line options: throws "--timeout: must be between ..." when refused.
    func check(_ value: Value, option: String) throws(Violation) -> Value {
        if let problem = problem(with: value) { throw Violation(description: "\(option): \(problem)") }
        return value
    }

    struct Violation: Error, CustomStringConvertible {
        let description: String
    }

    private static func text(_ value: Value) -> String {
        guard let float = value as? Double else { return "\(value)" }
        if float.isNaN { return "nan" }
        if float.isInfinite { return float < 0 ? "-inf" : "inf" }
        if float == float.rounded(), float.magnitude < 1e15 { return String(Int64(float)) }
        return "\(float)"
    }
}

/// The limits of every number dnsward reads, in one table.
enum NumberLimits {
    /// Per attempt. Below 10 ms even a healthy loopback server misses it now and then, and
    /// the transport counts time in nanoseconds, so nothing is rounded down to zero.
    static let timeout = NumberLimit(0.01...60.0, "seconds")
    static let retries = NumberLimit(0...5)
    static let deadline = NumberLimit(1.0...3600.0, "seconds")
    static let maxInFlight = NumberLimit(1...10_000)
    static let maxInFlightPerServer = NumberLimit(1...1000)
    static let latencyMilliseconds = NumberLimit(1.0...60_000.0, "milliseconds")
    static let dnssecExpiryWarningDays = NumberLimit(0.0...365.0, "days")
    static let ipv4PrefixLength = NumberLimit(0...32)
    static let ipv6PrefixLength = NumberLimit(0...128)
    /// SOA timers are at most 2^31 - 1 seconds (RFC 2181 §8); a tolerance beyond that means nothing.
    static let serialLagTolerance = NumberLimit(0.0...2_147_483_647.0, "seconds")
    static let fallbackRuns = NumberLimit(1...100, "runs")
    static let keep = NumberLimit(1...100_000, "snapshots")
    static let keepRefused = NumberLimit(0...100_000, "snapshots")
    static let keepDays = NumberLimit(0.0...36_500.0, "days")
    static let maxLoss = NumberLimit(0.0...1.0)
    static let windowDays = NumberLimit(0.0...3650.0, "days")
    static let headroomRate = NumberLimit(1.0...10_000_000.0, "queries per second")
    static let headroomDuration = NumberLimit(1.0...600.0, "seconds")
    static let headroomStepSeconds = NumberLimit(0.1...600.0, "seconds")
    static let lossPercent = NumberLimit(0.0...100.0, "percent")
    static let p99Milliseconds = NumberLimit(0.01...60_000.0, "milliseconds")
    static let linkMbps = NumberLimit(0.001...10_000_000.0, "Mbit/s")
    static let sockets = NumberLimit(1...64, "sockets")
    /// How long a drill's private resolver may take to give its first answer.
    static let drillStartTimeout = NumberLimit(1.0...600.0, "seconds")
    static let answerTimeoutMilliseconds = NumberLimit(10.0...10_000.0, "milliseconds")
    static let baselineInterval = NumberLimit(1.0...600.0, "seconds")
    static let transferRecords = NumberLimit(1...1_000_000_000, "records")
    static let transferBytes = NumberLimit(1...(1 << 44), "bytes")
    static let transferSeconds = NumberLimit(0.001...86_400.0, "seconds")
}

extension KeyedDecodingContainer {
    /// Decodes an optional number and checks it against `limit`; a refusal is a decoding
    /// error at `key`, which `ConfigFile` turns into file:line: key.
    func decodeNumber<T: Decodable>(_ key: Key, _ limit: NumberLimit<T>) throws -> T? {
        guard let value = try decodeIfPresent(T.self, forKey: key) else { return nil }
        if let problem = limit.problem(with: value) {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: problem)
        }
        return value
    }
}
