/// A bounds-checked cursor over wire bytes; every read past the end throws instead of
/// trapping, because these bytes come from the network.
struct WireReader {
    let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= bytes.count }
    var remaining: Int { bytes.count - offset }

    mutating func uint8() throws -> UInt8 {
        guard offset < bytes.count else { throw Self.truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16() throws -> UInt16 {
        UInt16(try uint8()) << 8 | UInt16(try uint8())
    }

    mutating func uint32() throws -> UInt32 {
        UInt32(try uint16()) << 16 | UInt32(try uint16())
    }

    mutating func bytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= remaining else { throw Self.truncated }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func rest() -> [UInt8] {
        defer { offset = bytes.count }
        return Array(bytes[offset...])
    }

    /// An uncompressed name, as rdata held by this layer always is.
    mutating func name() throws -> DomainName {
        let start = offset
        while true {
            let length = Int(try uint8())
            if length == 0 { break }
            guard length <= 63 else { throw DNSCoreError(.invalidRecord, "compressed or oversized label in rdata") }
            _ = try bytes(length)
        }
        return try DomainName(wire: Array(bytes[start..<offset]))
    }

    static let truncated = DNSCoreError(.invalidRecord, "rdata shorter than its type requires")
}
