internal import CLDNS

/// Owns one `ldns_rr`; the only way records cross into ldns and back.
final class LDNSRecord {
    let pointer: UnsafeMutablePointer<ldns_rr>

    /// Takes ownership of a record ldns handed over.
    init(owning pointer: UnsafeMutablePointer<ldns_rr>) {
        self.pointer = pointer
    }

    /// Builds the ldns record from the Swift one through its wire form, which ldns
    /// validates against the type's rdata layout.
    convenience init(_ record: ResourceRecord) throws {
        guard record.rdata.count <= 65_535 else {
            throw DNSCoreError(.invalidRecord, "rdata of \(record.owner) \(record.type) is longer than 65535 octets")
        }
        let wire = record.wire
        var rr: UnsafeMutablePointer<ldns_rr>?
        var position = 0
        let status = wire.withUnsafeBufferPointer { buffer in
            ldns_wire2rr(&rr, buffer.baseAddress, buffer.count, &position, LDNS_SECTION_ANSWER)
        }
        try LDNSStatus.check(status, .invalidRecord, "rdata of \(record.owner) \(record.type) does not parse")
        guard let rr else { throw DNSCoreError(.invalidRecord, "ldns returned no record") }
        self.init(owning: rr)
    }

    /// Parses one record in presentation format.
    convenience init(parsing text: String, origin: DomainName?, defaultTTL: UInt32) throws {
        var rr: UnsafeMutablePointer<ldns_rr>?
        let originRDF = origin.map { LDNSRecord.dname($0) }
        defer { if let originRDF { ldns_rdf_deep_free(originRDF) } }
        let status = ldns_rr_new_frm_str(&rr, text, defaultTTL, originRDF, nil)
        try LDNSStatus.check(status, .invalidRecord, "cannot parse record '\(text)'")
        guard let rr else { throw DNSCoreError(.invalidRecord, "ldns returned no record for '\(text)'") }
        self.init(owning: rr)
    }

    deinit { ldns_rr_free(pointer) }

    /// Hands the pointer to a container that takes ownership (`ldns_rr_list_push_rr`).
    func cloneForTransfer() -> UnsafeMutablePointer<ldns_rr> {
        ldns_rr_clone(pointer)
    }

    /// Copies everything out into a Swift value at once; nothing keeps pointing into ldns.
    func record() throws -> ResourceRecord {
        try Self.record(from: pointer)
    }

    static func record(from rr: UnsafePointer<ldns_rr>) throws -> ResourceRecord {
        let owner = try name(ldns_rr_owner(rr))
        var rdata: [UInt8] = []
        for index in 0..<ldns_rr_rd_count(rr) {
            guard let field = ldns_rr_rdf(rr, index) else { continue }
            let size = ldns_rdf_size(field)
            if size > 0, let data = ldns_rdf_data(field) {
                rdata.append(contentsOf: UnsafeBufferPointer(start: data, count: size))
            }
        }
        // ldns reads zone-file text into more than one record can carry on the wire.
        guard rdata.count <= 65_535 else {
            throw DNSCoreError(.invalidRecord, "rdata of \(owner) is \(rdata.count) octets, more than a record can hold (65535)")
        }
        // ldns's text parser takes `TYPE6521020` or `CLASS70000` without complaint.
        guard let type = UInt16(exactly: ldns_rr_get_type(rr).rawValue), let rrClass = UInt16(exactly: ldns_rr_get_class(rr).rawValue) else {
            throw DNSCoreError(.invalidRecord, "record type or class of \(owner) is beyond 65535")
        }
        return ResourceRecord(owner: owner, type: RRType(type), rrClass: RRClass(rrClass), ttl: ldns_rr_ttl(rr), rdata: rdata)
    }

    static func name(_ rdf: UnsafePointer<ldns_rdf>?) throws -> DomainName {
        guard let rdf, let data = ldns_rdf_data(rdf) else {
            throw DNSCoreError(.invalidName, "record without owner name")
        }
        return try DomainName(wire: Array(UnsafeBufferPointer(start: data, count: ldns_rdf_size(rdf))))
    }

    /// A new dname rdf the caller owns.
    static func dname(_ name: DomainName) -> UnsafeMutablePointer<ldns_rdf> {
        name.wire.withUnsafeBufferPointer { buffer in
            ldns_dname_new_frm_data(UInt16(buffer.count), buffer.baseAddress)
        }
    }

    /// RFC 4034 §6.2 canonical form, as ldns defines it: owner and embedded names lowercased.
    func canonicalize() {
        ldns_rr2canonical(pointer)
    }
}

/// An owned `ldns_rr_list` filled with clones, for the calls that take lists.
final class LDNSRecordList {
    let pointer: UnsafeMutablePointer<ldns_rr_list>

    init(_ records: [ResourceRecord]) throws {
        pointer = ldns_rr_list_new()
        for record in records {
            let rr = try LDNSRecord(record)
            ldns_rr_list_push_rr(pointer, rr.cloneForTransfer())
        }
    }

    deinit { ldns_rr_list_deep_free(pointer) }
}
