import Foundation

/// The restore lab's zones: `backup.test.` as written, `signedbackup.test.` signed at every
/// start with fresh ECDSA keys (signatures valid from an hour ago for 30 days).
enum RestoreLabZones {
    static func text(_ origin: String) -> String {
        """
        $ORIGIN \(origin)
        $TTL 300
        @       IN SOA  ns1 hostmaster 2026010101 3600 600 86400 300
        @       IN NS   ns1
        @       IN MX   10 mail
        ns1     IN A    127.55.0.1
        www     IN A    192.0.2.80
        www     IN AAAA 2001:db8::80
        mail    IN A    192.0.2.25
        alias   IN CNAME www
        txt     IN TXT  "it's a \\"quoted\\" text"

        """
    }

    /// Writes both zone files into `directory`; returns the DS record of the signed zone's
    /// key-signing key, for Unbound's trust anchor.
    static func write(into directory: String) throws -> String {
        try text("backup.test.").write(toFile: directory + "/backup.test.zone", atomically: true, encoding: .utf8)
        let unsigned = directory + "/signedbackup.test.zone.unsigned"
        try text("signedbackup.test.").write(toFile: unsigned, atomically: true, encoding: .utf8)
        let keys = directory + "/keys"
        // ldns-keygen writes into its working directory; env -C sets it without a shell.
        let ksk = try LabControl.runProcessBlocking("/usr/bin/env", ["-C", keys, "ldns-keygen", "-a", "ECDSAP256SHA256", "-k", "signedbackup.test."])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let zsk = try LabControl.runProcessBlocking("/usr/bin/env", ["-C", keys, "ldns-keygen", "-a", "ECDSAP256SHA256", "signedbackup.test."])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        let now = Date()
        try LabControl.runProcessBlocking("/usr/bin/ldns-signzone", [
            "-i", formatter.string(from: now.addingTimeInterval(-3600)),
            "-e", formatter.string(from: now.addingTimeInterval(30 * 86_400)),
            "-o", "signedbackup.test.", "-f", directory + "/signedbackup.test.zone",
            unsigned, keys + "/" + ksk, keys + "/" + zsk,
        ])
        let ds = try LabControl.runProcessBlocking("/usr/bin/ldns-key2ds", ["-n", "-2", keys + "/" + ksk + ".key"])
        return ds.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\t", with: " ")
    }
}
