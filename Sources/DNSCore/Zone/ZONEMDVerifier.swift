internal import CLDNS
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// RFC 8976 zone digests, checked by ldns over a whole zone file.
public enum ZONEMDVerifier {
    public enum Result: Equatable, Sendable {
        case valid
        case mismatch(String)
        case absent
    }

    /// Loads the file into ldns (the zone must fit in memory, as the root zone does) and
    /// verifies every ZONEMD record at the apex.
    public static func verify(path: String, origin: DomainName) throws -> Result {
        let file = try DNSCoreError.from { try RegularFile.stream(path) }
        defer { fclose(file) }
        var zone: UnsafeMutablePointer<ldns_dnssec_zone>?
        let originRDF = LDNSRecord.dname(origin)
        defer { ldns_rdf_deep_free(originRDF) }
        let status = ldns_dnssec_zone_new_frm_fp(&zone, file, originRDF, 3600, LDNS_RR_CLASS_IN)
        try LDNSStatus.check(status, .invalidZoneFile, "\(path): cannot load for ZONEMD")
        guard let zone else { throw DNSCoreError(.invalidZoneFile, "\(path): ldns loaded no zone") }
        defer { ldns_dnssec_zone_deep_free(zone) }
        let result = ldns_dnssec_zone_verify_zonemd(zone)
        switch result {
        case LDNS_STATUS_OK: return .valid
        case LDNS_STATUS_NO_ZONEMD: return .absent
        default: return .mismatch(LDNSStatus.text(result))
        }
    }
}
