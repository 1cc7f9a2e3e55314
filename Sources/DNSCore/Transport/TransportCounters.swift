import Synchronization

/// Live counters behind `TransportStatistics`.
///
/// Written by the reactor thread, read from anywhere; relaxed atomics are
/// enough because each counter is meaningful on its own and nothing is
/// synchronised through them.
final class TransportCounters: Sendable {
    private let sent = Atomic<Int>(0)
    private let received = Atomic<Int>(0)
    private let ignoredAnswers = Atomic<Int>(0)
    private let timeouts = Atomic<Int>(0)
    private let truncated = Atomic<Int>(0)
    private let tcpConnections = Atomic<Int>(0)

    func recordSent() { sent.wrappingAdd(1, ordering: .relaxed) }
    func recordReceived() { received.wrappingAdd(1, ordering: .relaxed) }
    func recordIgnored() { ignoredAnswers.wrappingAdd(1, ordering: .relaxed) }
    func recordTimeout() { timeouts.wrappingAdd(1, ordering: .relaxed) }
    func recordTruncated() { truncated.wrappingAdd(1, ordering: .relaxed) }
    func recordTCPConnection() { tcpConnections.wrappingAdd(1, ordering: .relaxed) }

    var snapshot: TransportStatistics {
        TransportStatistics(
            sent: sent.load(ordering: .relaxed),
            received: received.load(ordering: .relaxed),
            ignoredAnswers: ignoredAnswers.load(ordering: .relaxed),
            timeouts: timeouts.load(ordering: .relaxed),
            truncated: truncated.load(ordering: .relaxed),
            tcpConnections: tcpConnections.load(ordering: .relaxed)
        )
    }
}
