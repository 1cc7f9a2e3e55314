import DNSCore

/// libFuzzer entry for an AXFR answer as the TCP stream brings it: length-prefixed
/// messages back to back, through the client's own per-message logic (`AXFRStream`) for
/// the zone `example.org.`, with the first message's ID taken as the query's so the
/// fuzzer gets past the ID check. It must end or throw, never crash, and never hand out
/// more than its limits allow.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAXFR(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard bytes.count >= 4 else { return 0 }
    let limits = TransferLimits(maxRecords: 500, maxBytes: 60_000, maxDuration: .seconds(60), basis: "fuzz")
    var stream = AXFRStream(zone: "example.org.", queryID: UInt16(bytes[2]) << 8 | UInt16(bytes[3]), source: "fuzz", limits: limits)
    let records = (try? stream.consume(framed: bytes)) ?? []
    precondition(stream.recordCount <= limits.maxRecords && stream.bytes <= limits.maxBytes + 65_537, "a limit was passed")
    if stream.finished {
        precondition(stream.soa != nil, "finished without an opening SOA")
        precondition(records.count == stream.recordCount && records.first?.type == .soa, "a complete transfer lost records")
    }
    for record in records { _ = record.description }
    return 0
}
