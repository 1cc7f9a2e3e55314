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
    public var timeout: Duration

    public init(timeout: Duration = .seconds(10)) {
        self.timeout = timeout
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
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try Self.run(
                        zone: zone, server: server, tsig: tsig, timeout: timeout, firstMessageOnly: firstMessageOnly,
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
        zone: DomainName, server: ServerAddress, tsig: TSIGKey?, timeout: Duration, firstMessageOnly: Bool,
        handler: ([ResourceRecord]) throws -> Void
    ) throws -> AXFRSummary {
        let clock = ContinuousClock()
        let start = clock.now
        let connection = try BlockingTCPConnection(to: server, timeout: timeout)
        var query = Message.query(zone, .axfr, edns: nil)
        query.id = UInt16.random(in: 0...UInt16.max)
        // With a key every message is signed and checked, each MAC chained to the last.
        let session = tsig.map(TSIGSession.init)
        try connection.sendMessage(try session?.sign(query) ?? query.wire())

        var soa: ResourceRecord?
        var count = 0
        var messages = 0
        var bytes = 0
        func failure(_ reason: String, _ code: DNSCoreError.Code = .transfer) -> DNSCoreError {
            DNSCoreError(code, "AXFR of \(zone) from \(server): \(reason)")
        }
        while true {
            guard let wire = try connection.receiveMessage() else {
                throw soa == nil
                    ? failure("connection closed before any answer (transfer refused?)", .transferRefused)
                    : failure("connection closed after \(count) records, before the closing SOA (transfer cut off)")
            }
            messages += 1
            bytes += wire.count + 2
            let message: Message
            do {
                message = try session?.verify(wire) ?? Message(wire: wire)
            } catch let error as DNSCoreError where error.code == .transfer || error.code == .tsig {
                throw failure("message \(messages): \(error.reason)", error.code)
            } catch let error as DNSCoreError {
                throw failure("message \(messages) is malformed: \(error.reason)")
            }
            guard message.id == query.id else { throw failure("answer with a foreign message ID") }
            guard message.rcode == .noError else {
                let refused = message.rcode == .refused || message.rcode == .notAuth
                throw failure("server answered \(message.rcode)" + (refused ? " (transfer refused)" : ""),
                              refused && soa == nil ? .transferRefused : .transfer)
            }
            var records = message.answer
            if soa == nil {
                guard let first = records.first, first.type == .soa, first.owner == zone else {
                    throw records.isEmpty ? failure("empty first message (transfer refused?)", .transferRefused)
                                          : failure("first record is not the zone's SOA")
                }
                soa = first
            }
            // The transfer ends with the SOA again (RFC 5936 §2.2): any SOA of the zone
            // after the very first record closes it.
            let firstIndex = count == 0 ? 1 : 0
            var finished = false
            if let closing = records[min(firstIndex, records.count)...].firstIndex(where: { $0.type == .soa && $0.owner == zone }) {
                records.removeSubrange(closing...)
                finished = true
            }
            count += records.count
            try handler(records)
            if finished || firstMessageOnly {
                return AXFRSummary(
                    zone: zone, server: server, soa: soa!, recordCount: count, messages: messages, bytes: bytes,
                    duration: clock.now - start, complete: finished)
            }
        }
    }
}
