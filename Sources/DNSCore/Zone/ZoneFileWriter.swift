#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Platform

/// Writes records as an RFC 1035 master file that NSD, Knot, BIND and Unbound load as is:
/// one record a line, fully qualified, explicit TTL and class, no directives, no comments.
public enum ZoneFileWriter {
    /// The canonical text of a zone: records in canonical form (RFC 4034 §6.2), the apex
    /// SOA first, then canonical order by owner, type and rdata; duplicates dropped.
    public static func canonicalText(_ records: [ResourceRecord]) -> String {
        var lines: [String] = []
        lines.reserveCapacity(records.count)
        for record in canonicalOrder(records) {
            lines.append(record.description)
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Records in canonical form and in the order `canonicalText` writes them.
    public static func canonicalOrder(_ records: [ResourceRecord]) -> [ResourceRecord] {
        var keyed: [(key: CanonicalRecordKey, record: ResourceRecord)] = []
        keyed.reserveCapacity(records.count)
        var seen = Set<CanonicalRecordKey>()
        for record in records {
            let canonical = record.canonical
            let key = canonical.canonicalKey
            if seen.insert(key).inserted { keyed.append((key, canonical)) }
        }
        // The SOA leads so every server takes the file's apex from its first record.
        let soaOwner = keyed.filter { $0.key.type == .soa }.map(\.key.owner).min()
        keyed.sort { lhs, rhs in
            let leftSOA = lhs.key.type == .soa && lhs.key.owner == soaOwner
            let rightSOA = rhs.key.type == .soa && rhs.key.owner == soaOwner
            if leftSOA != rightSOA { return leftSOA }
            return lhs.key < rhs.key
        }
        return keyed.map(\.record)
    }

    /// Writes the canonical text to `path` crash-safely: a temporary file in the same
    /// directory, fsync, rename, fsync of the directory. A failure leaves `path` as it was.
    public static func write(_ records: [ResourceRecord], to path: String) throws {
        try DNSCoreError.from { try DurableFile.write(Array(canonicalText(records).utf8), to: path) }
    }
}
