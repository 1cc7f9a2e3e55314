import DNSCore

/// libFuzzer entry: any bytes must decode or throw, never crash; what decodes must
/// re-encode and decode again to the same message (records print too).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMessage(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard let message = try? Message(wire: bytes) else { return 0 }
    for record in message.answer + message.authority + message.additional {
        _ = record.description
        _ = record.canonicalRDATA
        _ = record.soa
        _ = record.rrsig
    }
    if let again = try? message.wire(), let decoded = try? Message(wire: again) {
        precondition(decoded.question == message.question, "question changed in a round trip")
    }
    return 0
}
