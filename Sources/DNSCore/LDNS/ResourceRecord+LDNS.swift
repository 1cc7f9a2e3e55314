internal import CLDNS

extension ResourceRecord {
    /// Parses a record in presentation format (`www.example.org. 300 IN A 192.0.2.1`);
    /// relative owners are completed with `origin`, a missing TTL takes `defaultTTL`.
    public init(parsing text: String, origin: DomainName? = nil, defaultTTL: UInt32 = 3600) throws {
        self = try LDNSRecord(parsing: text, origin: origin, defaultTTL: defaultTTL).record()
    }

    /// The rdata in RFC 4034 §6.2 canonical form: embedded names lowercased for the types
    /// that list says, everything else as is.
    public var canonicalRDATA: [UInt8] {
        guard Self.typesWithNamesInRDATA.contains(type) else { return rdata }
        guard let rr = try? LDNSRecord(self) else { return rdata }
        rr.canonicalize()
        return (try? rr.record().rdata) ?? rdata
    }

    /// The same record in canonical form: owner and embedded names lowercased.
    public var canonical: ResourceRecord {
        var copy = self
        copy.owner = owner.lowercased()
        copy.rdata = canonicalRDATA
        return copy
    }

    static let typesWithNamesInRDATA: Set<RRType> = [
        .ns, RRType(3), RRType(4), .cname, .soa, RRType(7), RRType(8), RRType(9), .ptr, RRType(14),
        .mx, .rp, .afsdb, RRType(21), .sig, RRType(26), RRType(30), .naptr, .kx, .srv, .dname,
        RRType(38), .rrsig, .nsec,
    ]
}
