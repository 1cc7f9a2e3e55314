public import DNSCore
public import Model

/// File names dnsward gives what it installs in a resolver's directory. They are derived
/// from the zone only (so a later apply or undo finds them again) and spelled in a small
/// alphabet: anything else in a zone name is percent-encoded, so no name can smuggle a
/// slash, quote or space into a path.
public enum FragmentNaming {
    public static let prefix = "dnsward-"

    /// `dnsward-example.org`; the root is `dnsward-root`, so the zone `root.` keeps its
    /// final dot (`dnsward-root.`), which no other zone's name ends with.
    public static func baseName(for zone: DomainName) -> String {
        var text = zone.isRoot ? "root" : String(zone.lowercased().description.dropLast())
        if !zone.isRoot && text == "root" { text = "root." }
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return prefix + encoded
    }

    /// The active fragment: `dnsward-example.org.conf` (`.lua` for Knot Resolver).
    public static func fragmentName(for zone: DomainName, resolver: ResolverKind) -> String {
        baseName(for: zone) + (resolver == .knotResolver ? ".lua" : ".conf")
    }

    /// A fragment written but not included: the resolver's include pattern (`*.conf`)
    /// does not match it.
    public static let standbySuffix = ".standby"

    /// The zone file copy of one snapshot: `dnsward-example.org@2026112401-0123456789ab.zone`.
    /// `@` cannot appear in `baseName` (zone names print it as `\@`, which is encoded), so
    /// the copies of one zone are told apart from those of `example.org-x` and the like.
    public static func zoneCopyName(for zone: DomainName, manifest: SnapshotManifest) -> String {
        let digest = manifest.sha256.lowercased().filter { $0.isHexDigit }.prefix(12)
        return baseName(for: zone) + "@\(manifest.serial)-\(digest).zone"
    }

    public static func isZoneCopy(_ fileName: String, of zone: DomainName) -> Bool {
        fileName.hasPrefix(baseName(for: zone) + "@") && fileName.hasSuffix(".zone")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
