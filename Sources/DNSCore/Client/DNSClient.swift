/// Sends messages through the transport and decodes the answers: the one door through
/// which every check and command talks to a server.
public struct DNSClient: Sendable {
    public let transport: DNSTransport
    public var options: QueryOptions

    public init(transport: DNSTransport = .shared, options: QueryOptions = QueryOptions()) {
        self.transport = transport
        self.options = options
    }

    /// Sends `message` (its ID is replaced by a random one) and decodes the answer.
    /// Transport failures throw `TransportError`; undecodable answers `DNSCoreError`.
    public func send(_ message: Message, to server: ServerAddress, options: QueryOptions? = nil) async throws -> DNSResponse {
        let raw = try await transport.exchange(try message.wire(), with: server, options: options ?? self.options)
        let decoded: Message
        do {
            decoded = try Message(wire: raw.bytes)
        } catch let error as DNSCoreError {
            throw DNSCoreError(.invalidMessage, "answer from \(server) over \(raw.transport): \(error.reason)",
                               ldnsStatus: error.ldnsStatus)
        }
        return DNSResponse(message: decoded, rtt: raw.rtt, transport: raw.transport, server: raw.server,
                           size: raw.bytes.count, truncatedFallback: raw.truncatedFallback,
                           ignoredAnswers: raw.ignoredAnswers)
    }

    /// The common case: one question, EDNS0 with a 1232-byte buffer (the DNS flag day
    /// value), DO when `dnssec` is set.
    public func query(
        _ name: DomainName, _ type: RRType, at server: ServerAddress, recursionDesired: Bool = false,
        dnssec: Bool = false, checkingDisabled: Bool = false, options: QueryOptions? = nil
    ) async throws -> DNSResponse {
        let message = Message.query(
            name, type, recursionDesired: recursionDesired, edns: EDNS(udpPayloadSize: 1232, dnssecOK: dnssec),
            checkingDisabled: checkingDisabled)
        return try await send(message, to: server, options: options)
    }
}
