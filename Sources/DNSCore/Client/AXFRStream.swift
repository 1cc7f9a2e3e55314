import Foundation

/// What an AXFR client makes of each message of the answer (RFC 5936), apart from the
/// socket: TSIG, ID, rcode, the opening SOA, the closing one, and the limits. The client
/// feeds it what it reads; the fuzzer feeds it bytes. Used from one thread.
public struct AXFRStream {
    public let zone: DomainName
    public let queryID: UInt16
    public let limits: TransferLimits
    /// Who answers, for messages.
    public let source: String
    private let session: TSIGSession?

    /// The opening SOA, once the first message has been taken.
    public private(set) var soa: ResourceRecord?
    /// Records handed out: the zone, the closing SOA not counted twice.
    public private(set) var recordCount = 0
    public private(set) var messages = 0
    /// Wire bytes read, each message with its two-byte length prefix.
    public private(set) var bytes = 0
    /// True once the closing SOA came: the copy is complete.
    public private(set) var finished = false

    public init(zone: DomainName, queryID: UInt16, source: String, limits: TransferLimits = .absolute) {
        self.init(zone: zone, queryID: queryID, source: source, limits: limits, session: nil)
    }

    init(zone: DomainName, queryID: UInt16, source: String, limits: TransferLimits, session: TSIGSession?) {
        self.zone = zone
        self.queryID = queryID
        self.source = source
        self.limits = limits
        self.session = session
    }

    /// Takes one message (without its length prefix) and returns its records in order,
    /// the leading SOA included, the closing SOA not.
    public mutating func consume(_ wire: [UInt8]) throws -> [ResourceRecord] {
        guard !finished else { throw failure("message \(messages + 1) after the closing SOA") }
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
        guard message.id == queryID else { throw failure("answer with a foreign message ID") }
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
        // The transfer ends with the SOA again (RFC 5936 §2.2): any SOA of the zone after
        // the very first record closes it, and it must be the one it opened with.
        let firstIndex = recordCount == 0 ? 1 : 0
        if let closing = records[min(firstIndex, records.count)...].firstIndex(where: { $0.type == .soa && $0.owner == zone }) {
            let opened = soa?.soa?.serial
            let closed = records[closing].soa?.serial
            guard let opened, let closed, opened == closed else {
                throw failure("the closing SOA has serial \(closed.map { "\($0.rawValue)" } ?? "?"), the opening one "
                    + "\(opened.map { "\($0.rawValue)" } ?? "?"): the zone changed during the transfer or the server is broken; "
                    + "not a complete copy")
            }
            records.removeSubrange(closing...)
            finished = true
        }
        recordCount += records.count
        if recordCount > limits.maxRecords {
            throw stopped("limit \(limits.maxRecords) records")
        }
        if bytes > limits.maxBytes {
            throw stopped("limit \(limits.maxBytes) bytes")
        }
        return records
    }

    /// Takes what a TCP connection delivers, length-prefixed messages back to back (RFC
    /// 7766 §8), up to the closing SOA. Bytes after it are ignored, as the client never
    /// reads them; a message cut short is an error, as on the wire.
    public mutating func consume(framed bytes: [UInt8]) throws -> [ResourceRecord] {
        var records: [ResourceRecord] = []
        var offset = 0
        while !finished, offset < bytes.count {
            guard offset + 2 <= bytes.count else { throw failure("length prefix cut off after \(messages) messages") }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            guard offset + 2 + length <= bytes.count else { throw failure("message \(messages + 1) cut off") }
            records += try consume(Array(bytes[(offset + 2)..<(offset + 2 + length)]))
            offset += 2 + length
        }
        return records
    }

    /// The error that ends a transfer at a limit; `elapsed` when the caller knows it.
    public func stopped(_ limit: String, elapsed: Duration? = nil) -> DNSCoreError {
        let time = elapsed.map { String(format: ", %.1f s", $0.seconds) } ?? ""
        return DNSCoreError(
            .transferLimit, "AXFR of \(zone) from \(source): transfer stopped after \(recordCount) records, \(bytes) bytes\(time): "
                + limit + (limits.basis.isEmpty ? "" : " (\(limits.basis))"))
    }

    /// `.transferRefused` marks a server that refused before sending any of the zone:
    /// only that may send a snapshot on to harvesting.
    func failure(_ reason: String, _ code: DNSCoreError.Code = .transfer) -> DNSCoreError {
        DNSCoreError(code, "AXFR of \(zone) from \(source): \(reason)")
    }
}
