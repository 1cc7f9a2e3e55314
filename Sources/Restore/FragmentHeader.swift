import DNSCore
import Foundation
import Model

/// The comment lines on top of every generated fragment: which snapshot it serves. Only
/// values that cannot break out of a comment line go in (numbers, dates, the zone's
/// presentation form, which escapes every control byte); an odd snapshot id is left out.
enum FragmentHeader {
    static func lines(for snapshot: RestoreSnapshot, mode: RestoreMode) -> [String] {
        let manifest = snapshot.manifest
        let id = printable(manifest.id) ?? "(id not shown: unusual characters)"
        var lines = [
            "dnsward restore (\(mode.rawValue)) of \(snapshot.zone): snapshot \(id)",
            "serial \(manifest.serial), \(manifest.method.rawValue), \(manifest.recordCount) records, "
                + (manifest.signed ? "signed" : "unsigned"),
        ]
        if let until = manifest.usableUntil {
            lines.append("usable by validating resolvers until \(SnapshotAdmission.format(until)) (earliest RRSIG expiration)")
        }
        lines.append("written by dnsward restore; not to be edited by hand")
        return lines
    }

    /// `text` when it is printable ASCII without spaces, so it cannot end a comment line.
    static func printable(_ text: String) -> String? {
        !text.isEmpty && text.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) } ? text : nil
    }
}
