import Foundation

/// What a finished (or deliberately stopped) zone transfer amounted to.
public struct AXFRSummary: Sendable {
    public let zone: DomainName
    public let server: ServerAddress
    public let soa: ResourceRecord
    /// Records handed to the handler: the whole zone, the closing SOA not counted twice.
    public let recordCount: Int
    public let messages: Int
    public let bytes: Int
    public let duration: Duration
    /// False when `firstMessageOnly` stopped the transfer on purpose.
    public let complete: Bool
}

/// AXFR (RFC 5936) over our own TCP connection on a dedicated thread, so the long
/// blocking reads never sit on the two-thread concurrency pool. Records stream out to the
/// handler message by message; memory stays bounded by one message.
public struct AXFRClient: Sendable {
    /// The longest wait for any one read.
    public var timeout: Duration
    /// Bounds on the whole transfer: time, records, bytes.
    public var limits: TransferLimits

    public init(timeout: Duration = .seconds(10), limits: TransferLimits = .absolute) {
        self.timeout = timeout
        self.limits = limits
    }

    /// Transfers `zone` from `server`. `handler` runs on the transfer thread with each
    /// message's records in order (the leading SOA included, the closing SOA not);
    /// throwing from it aborts the transfer. `firstMessageOnly` stops after the first
    /// message: enough to learn whether a server is open to AXFR, and polite.
    public func transfer(
        zone: DomainName, from server: ServerAddress, tsig: TSIGKey? = nil, firstMessageOnly: Bool = false,
        handler: @escaping @Sendable ([ResourceRecord]) throws -> Void = { _ in }
    ) async throws -> AXFRSummary {
        let timeout = self.timeout
        let limits = self.limits
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try Self.run(
                        zone: zone, server: server, tsig: tsig, timeout: timeout, limits: limits, firstMessageOnly: firstMessageOnly,
                        handler: handler))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "dnsward-axfr"
            thread.start()
        }
    }

    private static func run(
        zone: DomainName, server: ServerAddress, tsig: TSIGKey?, timeout: Duration, limits: TransferLimits,
        firstMessageOnly: Bool, handler: ([ResourceRecord]) throws -> Void
    ) throws -> AXFRSummary {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + limits.maxDuration
        let connection = try BlockingTCPConnection(to: server, timeout: timeout)
        connection.deadline = deadline
        var query = Message.query(zone, .axfr, edns: nil)
        query.id = UInt16.random(in: 0...UInt16.max)
        // With a key every message is signed and checked, each MAC chained to the last.
        let session = tsig.map(TSIGSession.init)
        try connection.sendMessage(try session?.sign(query) ?? query.wire())

        var stream = AXFRStream(zone: zone, queryID: query.id, source: "\(server)", limits: limits, session: session)
        while true {
            let wire: [UInt8]?
            do {
                wire = try connection.receiveMessage()
            } catch let error as TransportError where error.code == .timeout && clock.now >= deadline {
                throw stream.stopped("limit \(limits.maxDuration.seconds) s", elapsed: clock.now - start)
            }
            guard let wire else {
                throw stream.soa == nil
                    ? stream.failure("connection closed before any answer (transfer refused?)", .transferRefused)
                    : stream.failure("connection closed after \(stream.recordCount) records, before the closing SOA (transfer cut off)")
            }
            let records = try stream.consume(wire)
            try handler(records)
            if stream.finished || firstMessageOnly {
                return AXFRSummary(
                    zone: zone, server: server, soa: stream.soa!, recordCount: stream.recordCount, messages: stream.messages,
                    bytes: stream.bytes, duration: clock.now - start, complete: stream.finished)
            }
            if clock.now >= deadline {
                throw stream.stopped("limit \(limits.maxDuration.seconds) s", elapsed: clock.now - start)
            }
        }
    }
}
