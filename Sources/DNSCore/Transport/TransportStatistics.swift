/// Counters since the transport was created, for diagnostics and tests.
public struct TransportStatistics: Sendable, Equatable, CustomStringConvertible {
    /// Query messages written: every UDP attempt and every TCP query.
    public var sent: Int
    /// Messages read, whether accepted or not.
    public var received: Int
    /// Received messages that matched no pending query (wrong ID, wrong
    /// question, not a response, too short) and were dropped.
    public var ignoredAnswers: Int
    /// Exchanges that failed because every attempt timed out.
    public var timeouts: Int
    /// Accepted UDP answers that had the TC bit set.
    public var truncated: Int
    /// TCP connections opened (a connection carries query after query: RFC 7766).
    public var tcpConnections: Int

    public init(sent: Int = 0, received: Int = 0, ignoredAnswers: Int = 0, timeouts: Int = 0, truncated: Int = 0,
                tcpConnections: Int = 0) {
        self.sent = sent
        self.received = received
        self.ignoredAnswers = ignoredAnswers
        self.timeouts = timeouts
        self.truncated = truncated
        self.tcpConnections = tcpConnections
    }

    public var description: String {
        "sent \(sent), received \(received), ignored \(ignoredAnswers), timeouts \(timeouts), truncated \(truncated), TCP connections \(tcpConnections)"
    }
}
