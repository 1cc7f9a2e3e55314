/// One resource record. The rdata stays in uncompressed wire form, so any type, known or
/// not, survives a round trip; typed views (`soa`, `rrsig`, ...) read it on demand.
/// Its description is its presentation format, as written in a zone file.
public struct ResourceRecord: Hashable, Sendable, CustomStringConvertible {
    public var owner: DomainName
    public var type: RRType
    public var rrClass: RRClass
    public var ttl: UInt32
    public var rdata: [UInt8]

    public init(owner: DomainName, type: RRType, rrClass: RRClass = .in, ttl: UInt32, rdata: [UInt8]) {
        self.owner = owner
        self.type = type
        self.rrClass = rrClass
        self.ttl = ttl
        self.rdata = rdata
    }

    /// The whole record in uncompressed wire form (owner, type, class, TTL, length, rdata).
    public var wire: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(owner.wire.count + 10 + rdata.count)
        bytes.append(contentsOf: owner.wire)
        bytes.appendUInt16(type.rawValue)
        bytes.appendUInt16(rrClass.rawValue)
        bytes.appendUInt32(ttl)
        // Longer rdata cannot be built from wire or text (both refuse it); never trap here.
        bytes.appendUInt16(UInt16(truncatingIfNeeded: rdata.count))
        bytes.append(contentsOf: rdata)
        return bytes
    }

    /// The identity of the record regardless of TTL and case: what RRset comparison uses.
    public var canonicalKey: CanonicalRecordKey {
        CanonicalRecordKey(owner: owner.lowercased(), type: type, rrClass: rrClass, rdata: canonicalRDATA)
    }

    public var description: String {
        // Rdata ldns cannot decode for its type still prints, as RFC 3597 generic data.
        (try? LDNSRecord(self).presentation()) ?? "\(owner)\t\(ttl)\t\(rrClass)\t\(type)\t" + LDNSRecord.genericRDATA(rdata)
    }
}

/// A record reduced to what makes it the same record: lowercased owner, type, class and
/// canonical rdata (RFC 4034 §6.2), TTL left out.
public struct CanonicalRecordKey: Hashable, Sendable, Comparable {
    public let owner: DomainName
    public let type: RRType
    public let rrClass: RRClass
    public let rdata: [UInt8]

    /// A key from parts already in canonical form (lowercased owner, canonical rdata).
    public init(owner: DomainName, type: RRType, rrClass: RRClass, rdata: [UInt8]) {
        self.owner = owner
        self.type = type
        self.rrClass = rrClass
        self.rdata = rdata
    }

    public static func < (lhs: CanonicalRecordKey, rhs: CanonicalRecordKey) -> Bool {
        let names = DomainName.canonicalCompare(lhs.owner, rhs.owner)
        if names != 0 { return names < 0 }
        if lhs.type != rhs.type { return lhs.type < rhs.type }
        if lhs.rrClass != rhs.rrClass { return lhs.rrClass.rawValue < rhs.rrClass.rawValue }
        return lhs.rdata.lexicographicallyPrecedes(rhs.rdata)
    }
}

extension Array where Element == UInt8 {
    mutating func appendUInt16(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xFF))
    }

    mutating func appendUInt32(_ value: UInt32) {
        appendUInt16(UInt16(value >> 16))
        appendUInt16(UInt16(value & 0xFFFF))
    }
}
