public import DNSCore
/// The name of a zone's directory in the snapshot store: one name per zone, and no two
/// zones with the same name (labels may hold any byte, so the mapping is spelled out).
///
/// Each label is lowercased (names compare without ASCII case, RFC 4343); `a-z`, `0-9`,
/// `-` and `_` stay as they are and every other byte becomes `\DDD` (three decimal
/// digits); labels are joined with `.`, without the final dot. Ordinary names therefore
/// keep the directory they always had (`example.org`). A `.` inside a label and the
/// backslash itself are always escaped, so splitting at `.` and reading `\DDD` gives the
/// labels back: the mapping is injective. The root zone, whose labels are none, is
/// `root.`: a trailing dot is something no other zone's name can end with (its labels are
/// never empty), so neither the zone `root.` (directory `root`) nor any other collides.
public enum ZoneDirectoryName {
    public static let rootZone = "root."

    public static func encode(_ zone: DomainName) -> String {
        if zone.isRoot { return rootZone }
        return zone.labels.map { label in
            var text = ""
            for byte in label {
                let lower = fold(byte)
                if isKept(lower) {
                    text.unicodeScalars.append(Unicode.Scalar(lower))
                } else {
                    let digits = String(lower)
                    text += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
                }
            }
            return text
        }.joined(separator: ".")
    }

    /// The zone a directory name stands for; nil for any name `encode` cannot produce
    /// (`.git`, `lost+found`, an uppercase or needlessly escaped spelling).
    public static func decode(_ name: String) -> DomainName? {
        if name == rootZone { return .root }
        guard !name.isEmpty else { return nil }
        var wire: [UInt8] = []
        for label in name.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard !label.isEmpty else { return nil }
            var bytes: [UInt8] = []
            var index = label.startIndex
            while index < label.endIndex {
                let byte = label[index]
                if byte == UInt8(ascii: "\\") {
                    let digits = label[label.index(after: index)...].prefix(3)
                    guard digits.count == 3, digits.allSatisfy({ (0x30...0x39).contains($0) }),
                          let value = Int(String(decoding: digits, as: UTF8.self)), value <= 255,
                          !isKept(UInt8(value)), fold(UInt8(value)) == UInt8(value) else { return nil }
                    bytes.append(UInt8(value))
                    index = label.index(index, offsetBy: 4)
                } else {
                    guard isKept(byte) else { return nil }
                    bytes.append(byte)
                    index = label.index(after: index)
                }
            }
            guard bytes.count <= 63 else { return nil }
            wire.append(UInt8(bytes.count))
            wire += bytes
        }
        wire.append(0)
        return try? DomainName(wire: wire)
    }

    /// The name dnsward gave a zone's directory before this scheme: the presentation form
    /// lowercased without the final dot, `/` as `\047`, the root as `root` (which the zone
    /// `root.` also got). Kept to find and move stores written then.
    public static func legacy(_ zone: DomainName) -> String {
        if zone.isRoot { return "root" }
        return zone.labels.map { label in
            var text = ""
            for byte in label {
                let lower = fold(byte)
                switch lower {
                case UInt8(ascii: "."), UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: ";"),
                     UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "$"), UInt8(ascii: "@"):
                    text += "\\" + String(Unicode.Scalar(lower))
                case UInt8(ascii: "/"):
                    text += "\\047"
                case 0x21...0x7E:
                    text.unicodeScalars.append(Unicode.Scalar(lower))
                default:
                    let digits = String(lower)
                    text += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
                }
            }
            return text
        }.joined(separator: ".")
    }

    static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    static func fold(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
