import DNSCore

/// libFuzzer entry for zone-file text: the stream reader (`ZoneFileReader`, what ZONEMD
/// and the tests read with) and the one-line parser `verify` runs on every line of a
/// snapshot must read or throw, never crash. Every record read must print, and its
/// printed line must read back as the same record: what the writer puts in a snapshot,
/// `verify` has to get back unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZoneFile(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    var records: [ResourceRecord] = []
    if let reader = try? ZoneFileReader(contents: bytes, name: "fuzz", origin: "fuzz.test.") {
        while records.count < 10_000, let record = try? reader.nextRecord() { records.append(record) }
    }
    for line in bytes.split(separator: UInt8(ascii: "\n")).prefix(1_000) {
        if let record = try? ResourceRecord(parsing: String(decoding: line, as: UTF8.self), origin: "fuzz.test.") {
            records.append(record)
        }
    }
    for record in records {
        let text = record.description
        precondition(!text.isEmpty && !text.contains("\n"), "a record printed as '\(text)'")
        let again = try? ResourceRecord(parsing: text)
        // Rdata malformed for its type prints as generic data that no parser takes (verify
        // then refuses the copy, naming the line): the one exception.
        if again == nil, text.contains("\t\\# ") { continue }
        precondition(again == record, "'\(text)' reads back as \(again.map { "'\($0)'" } ?? "an error"), not as it was printed from")
    }
    return 0
}
