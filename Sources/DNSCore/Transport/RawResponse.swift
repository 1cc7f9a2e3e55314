/// A DNS answer exactly as received, plus how it was obtained.
public struct RawResponse: Sendable {
    public let bytes: [UInt8]
    /// From the send of the attempt that got this answer to its receipt.
    /// After a TC fallback this is the TCP exchange's time, connect included,
    /// because that is what the answer actually cost.
    public let rtt: Duration
    /// The transport that produced `bytes` (`.tcp` after a TC fallback).
    public let transport: TransportProtocol
    public let server: ServerAddress
    /// True when a truncated UDP answer made the transport retry over TCP.
    public let truncatedFallback: Bool
    /// Messages from the server that were not this answer (wrong ID or question) and were
    /// ignored while it was awaited: a broken server or middlebox, or someone spoofing.
    public let ignoredAnswers: Int

    public init(bytes: [UInt8], rtt: Duration, transport: TransportProtocol, server: ServerAddress, truncatedFallback: Bool,
                ignoredAnswers: Int = 0) {
        self.bytes = bytes
        self.rtt = rtt
        self.transport = transport
        self.server = server
        self.truncatedFallback = truncatedFallback
        self.ignoredAnswers = ignoredAnswers
    }
}
