/// How one exchange is carried out.
public struct QueryOptions: Sendable, Equatable {
    public var transport: TransportProtocol
    /// Applies to each attempt separately, so the worst case for UDP is
    /// `timeout * (udpRetries + 1)`.
    public var timeout: Duration
    /// Extra UDP attempts after a timeout. They reuse the socket so that an
    /// answer to an earlier attempt that arrives late is still accepted.
    public var udpRetries: Int
    public var tcpFallbackOnTruncation: Bool

    public init(
        transport: TransportProtocol = .udp,
        timeout: Duration = .seconds(2),
        udpRetries: Int = 1,
        tcpFallbackOnTruncation: Bool = true
    ) {
        self.transport = transport
        self.timeout = timeout
        self.udpRetries = udpRetries
        self.tcpFallbackOnTruncation = tcpFallbackOnTruncation
    }
}
