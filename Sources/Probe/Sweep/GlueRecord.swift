import DNSCore
#if canImport(Glibc)
import Glibc
#endif

/// A/AAAA and DS records from the text a sweep's work list keeps, for the checks that
/// compare records (glue against the child's addresses, DS against DNSKEY).
enum SweepRecords {
    static func address(_ owner: DomainName, _ text: String) -> ResourceRecord? {
        var four = in_addr()
        if inet_pton(AF_INET, text, &four) == 1 {
            return ResourceRecord(owner: owner, type: .a, ttl: 0, rdata: withUnsafeBytes(of: four) { Array($0) })
        }
        var six = in6_addr()
        if inet_pton(AF_INET6, text, &six) == 1 {
            return ResourceRecord(owner: owner, type: .aaaa, ttl: 0, rdata: withUnsafeBytes(of: six) { Array($0) })
        }
        return nil
    }

    /// `12345 13 2 49FD46...` (SweepWorkList.presentation) as a DS record; nil when malformed.
    static func ds(_ owner: DomainName, _ text: String) -> ResourceRecord? {
        let fields = text.split(separator: " ")
        guard fields.count == 4, let tag = UInt16(fields[0]), let algorithm = UInt8(fields[1]),
              let digestType = UInt8(fields[2]), fields[3].count % 2 == 0 else { return nil }
        var rdata: [UInt8] = [UInt8(tag >> 8), UInt8(tag & 0xFF), algorithm, digestType]
        var hex = fields[3].utf8.makeIterator()
        while let high = hex.next(), let low = hex.next() {
            guard let h = nibble(high), let l = nibble(low) else { return nil }
            rdata.append(h << 4 | l)
        }
        return ResourceRecord(owner: owner, type: .ds, ttl: 0, rdata: rdata)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }
}
