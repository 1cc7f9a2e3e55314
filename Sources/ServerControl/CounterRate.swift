/// A counter read twice over an interval: the rate the server saw meanwhile.
public struct CounterRate: Sendable, Codable {
    public let first: UInt64
    public let second: UInt64
    public let seconds: Double

    public var queriesPerSecond: Double { seconds > 0 && second >= first ? Double(second - first) / seconds : 0 }

    public static func measure(_ counter: any QueryCounter, over interval: Duration) async throws -> CounterRate {
        let clock = ContinuousClock()
        let first = try await counter.queriesReceived()
        let start = clock.now
        try await Task.sleep(for: interval)
        let second = try await counter.queriesReceived()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        guard second >= first else {
            throw ServerControlError(counter.label, "the counter went down (\(first) then \(second)): the server restarted or reset it")
        }
        return CounterRate(first: first, second: second, seconds: seconds)
    }
}
