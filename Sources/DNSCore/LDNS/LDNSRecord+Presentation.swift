internal import CLDNS
#if canImport(Glibc)
import Glibc
#endif

/// A record's presentation format, as written in zone files and printed everywhere.
///
/// ldns prints names with `.`, `;`, `(`, `)`, `\` and non-printing bytes escaped, but
/// leaves `"`, `$` and `@` raw: `$include.odd.test.` at the start of a line is an
/// `$INCLUDE` to NSD, and a raw quote opens a string for BIND, NSD and Knot. Its `\\` for
/// a backslash NSD misreads at the end of a label (`a\\.test.`). Records whose
/// names hold such bytes are printed field by field with `DomainName.description`'s RFC
/// 1035 escapes; everything else keeps ldns's (fast) printing, byte for byte the same.
extension LDNSRecord {
    /// Presentation format without ldns's `;{id = ...}` comments.
    func presentation() throws -> String {
        if isShortOfFields {
            // Rdata that ends before its type's last field: no text form but RFC 3597's.
            let record = try record()
            return "\(record.owner)\t\(record.ttl)\t\(Self.text(ldns_rr_class2str(ldns_rr_get_class(pointer))))\t"
                + Self.text(ldns_rr_type2str(ldns_rr_get_type(pointer))) + "\t" + Self.genericRDATA(record.rdata)
        }
        if needsOwnEscapes { return try escapedPresentation() }
        return try ldnsPresentation()
    }

    /// Fewer fields than the type's layout asks: ldns decodes such rdata from the wire,
    /// prints what it has, and refuses to read that text back.
    var isShortOfFields: Bool {
        guard let descriptor = ldns_rr_descript(UInt16(truncatingIfNeeded: ldns_rr_get_type(pointer).rawValue)) else { return false }
        return ldns_rr_rd_count(pointer) < ldns_rr_descriptor_minimum(descriptor)
    }

    func ldnsPresentation() throws -> String {
        guard let cString = ldns_rr2str_fmt(cldns_output_format_nocomments(), pointer) else {
            throw DNSCoreError(.encoding, "ldns could not print a record")
        }
        defer { cldns_free(cString) }
        var text = String(cString: cString)
        while text.last == "\n" { text.removeLast() }
        return text
    }

    /// The same fields as ldns prints, with every name (owner and rdata) escaped by
    /// `DomainName.description`. A line ldns would not read back as the same record (its
    /// reader takes an rdata name whose first label is `@`, even escaped, for the origin)
    /// falls back to RFC 3597 generic rdata, which every server reads as exact bytes.
    func escapedPresentation() throws -> String {
        let record = try record()
        let head = "\(record.owner)\t\(record.ttl)\t\(Self.text(ldns_rr_class2str(ldns_rr_get_class(pointer))))\t"
            + Self.text(ldns_rr_type2str(ldns_rr_get_type(pointer)))
        var fields: [String] = []
        for index in 0..<ldns_rr_rd_count(pointer) {
            guard let field = ldns_rr_rdf(pointer, index) else { continue }
            let type = ldns_rdf_get_type(field)
            // ldns prints the names inside these fields itself, raw: no escaping possible.
            if type == LDNS_RDF_TYPE_IPSECKEY || type == LDNS_RDF_TYPE_AMTRELAY, Self.holdsUnescapedByte(field) {
                return head + "\t" + Self.genericRDATA(record.rdata)
            }
            if type == LDNS_RDF_TYPE_DNAME {
                fields.append(try Self.name(field).description)
            } else if type == LDNS_RDF_TYPE_TIME, let seconds = Self.timeBefore1970(field) {
                fields.append(String(seconds))
            } else {
                fields.append(Self.text(ldns_rdf2str(field)))
            }
        }
        let line = head + "\t" + (fields.isEmpty ? "\\# 0" : fields.joined(separator: " "))
        if let again = try? LDNSRecord(parsing: line, origin: nil, defaultTTL: record.ttl).record(),
           again.owner.wire == record.owner.wire, again.type == record.type, again.rdata == record.rdata {
            return line
        }
        return head + "\t" + Self.genericRDATA(record.rdata)
    }

    /// RFC 3597 §5: `\# LENGTH HEX`.
    static func genericRDATA(_ rdata: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(rdata.count * 2)
        for byte in rdata {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return "\\# \(rdata.count)" + (rdata.isEmpty ? "" : " " + String(decoding: hex, as: UTF8.self))
    }

    /// True when a name of the record holds a byte ldns prints raw but a zone file needs
    /// escaped, or when a field that embeds a name (IPSECKEY gateway, AMTRELAY relay) may.
    var needsOwnEscapes: Bool {
        if let owner = ldns_rr_owner(pointer), Self.holdsUnescapedByte(owner) { return true }
        for index in 0..<ldns_rr_rd_count(pointer) {
            guard let field = ldns_rr_rdf(pointer, index) else { continue }
            let type = ldns_rdf_get_type(field)
            if type == LDNS_RDF_TYPE_DNAME || type == LDNS_RDF_TYPE_IPSECKEY || type == LDNS_RDF_TYPE_AMTRELAY,
               Self.holdsUnescapedByte(field) {
                return true
            }
            if type == LDNS_RDF_TYPE_TIME, Self.timeBefore1970(field) != nil { return true }
        }
        return false
    }

    private static func holdsUnescapedByte(_ field: UnsafePointer<ldns_rdf>) -> Bool {
        guard let data = ldns_rdf_data(field) else { return false }
        return UnsafeBufferPointer(start: data, count: ldns_rdf_size(field)).contains { byte in
            byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "\\")
        }
    }

    /// An RRSIG time (RFC 4034 §3.1.5) that ldns would print as a date before 1970: it
    /// places the 32-bit value within 68 years of now, and cannot read such a date back.
    /// RFC 4034 §3.2 allows the plain number of seconds instead, which every server reads.
    static func timeBefore1970(_ field: UnsafePointer<ldns_rdf>) -> UInt32? {
        guard ldns_rdf_size(field) == 4, let data = ldns_rdf_data(field) else { return nil }
        let value = UInt32(data[0]) << 24 | UInt32(data[1]) << 16 | UInt32(data[2]) << 8 | UInt32(data[3])
        let now = Int64(time(nil))
        let offset = Int64(Int32(bitPattern: value &- UInt32(truncatingIfNeeded: now)))
        return now + offset < 0 ? value : nil
    }

    /// Takes a string ldns allocated and frees it.
    private static func text(_ cString: UnsafeMutablePointer<CChar>?) -> String {
        guard let cString else { return "" }
        defer { cldns_free(cString) }
        return String(cString: cString)
    }
}
