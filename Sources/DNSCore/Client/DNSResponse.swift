/// A decoded answer with what the transport measured about it.
public struct DNSResponse: Sendable {
    public let message: Message
    public let rtt: Duration
    public let transport: TransportProtocol
    public let server: ServerAddress
    /// Bytes on the wire, for bandwidth arithmetic and the `query` printout.
    public let size: Int
    /// True when the UDP answer was truncated and this one came over TCP.
    public let truncatedFallback: Bool
    /// Messages ignored while this answer was awaited (wrong ID or question).
    public let ignoredAnswers: Int

    public init(message: Message, rtt: Duration, transport: TransportProtocol, server: ServerAddress,
                size: Int, truncatedFallback: Bool, ignoredAnswers: Int = 0) {
        self.message = message
        self.rtt = rtt
        self.transport = transport
        self.server = server
        self.size = size
        self.truncatedFallback = truncatedFallback
        self.ignoredAnswers = ignoredAnswers
    }
}
