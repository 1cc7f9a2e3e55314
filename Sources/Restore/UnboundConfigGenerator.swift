public import DNSCore

/// Unbound configuration that serves a snapshot.
public enum UnboundConfigGenerator {
    /// An RFC 8806-style `auth-zone`: Unbound reads the copy and uses it *instead of*
    /// asking the zone's authorities, as if the answers came from upstream, so the
    /// validator checks them (a signed copy validates until its earliest RRSIG expires).
    /// `for-downstream: no` keeps Unbound from answering clients authoritatively (AA, no
    /// validation); `fallback-enabled: yes` returns to normal recursion if the copy is
    /// unusable.
    public static func authZone(zone: DomainName, zoneFile: String, comments: [String] = []) throws(RestoreError) -> String {
        let name = try UnboundQuoting.quoted(zone)
        let file = try UnboundQuoting.quoted(zoneFile, what: "zone file path")
        var lines = comments.map { "# " + $0 }
        lines += [
            "auth-zone:",
            "    name: \(name)",
            "    zonefile: \(file)",
            "    for-upstream: yes",
            "    for-downstream: no",
            "    fallback-enabled: yes",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A harvested snapshot holds only some names: a `transparent` local zone answers
    /// those from local data and resolves every other name of the zone as usual, so the
    /// partial copy never hides the rest. Signatures and denial records are left out:
    /// local data is not validated, and NSEC/NSEC3 chains of a partial copy would deny
    /// names that exist.
    public static func localData(zone: DomainName, records: [ResourceRecord], comments: [String] = []) throws(RestoreError) -> String {
        let name = try UnboundQuoting.quoted(zone)
        var lines = comments.map { "# " + $0 }
        lines += ["server:", "    local-zone: \(name) transparent"]
        for record in ZoneFileWriter.canonicalOrder(records) where !skippedInLocalData.contains(record.type) {
            guard record.owner.isSubdomain(of: zone) else {
                throw RestoreError(.badInput, "harvested record \(record.owner) \(record.type) lies outside \(zone)")
            }
            lines.append("    local-data: " + (try UnboundQuoting.localData(record)))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let skippedInLocalData: Set<RRType> = [.rrsig, .nsec, .nsec3]
}
