public import DNSCore

/// BIND 9.18 configuration that serves a snapshot.
public enum BINDConfigGenerator {
    /// A `primary` zone loaded from the copy, for an include file of named.conf. BIND then
    /// answers the zone itself, authoritatively (AA) and without validating it: its
    /// RFC 8806 equivalent, `mirror`, must transfer the zone and cannot load a file.
    public static func zoneStatement(zone: DomainName, zoneFile: String, comments: [String] = []) throws(RestoreError) -> String {
        let name = try NamedConfQuoting.quoted(zone.description, what: "zone name")
        let file = try NamedConfQuoting.quoted(zoneFile, what: "zone file path")
        var lines = comments.map { "// " + $0 }
        lines += [
            "zone \(name) {",
            "\ttype primary;",
            "\tfile \(file);",
            "};",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
