/// A resource record type: an open code point, so types this build has never heard of
/// still travel, print and parse in RFC 3597 form (`TYPE65280`).
public struct RRType: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    public static let a = RRType(1)
    public static let ns = RRType(2)
    public static let cname = RRType(5)
    public static let soa = RRType(6)
    public static let ptr = RRType(12)
    public static let hinfo = RRType(13)
    public static let mx = RRType(15)
    public static let txt = RRType(16)
    public static let rp = RRType(17)
    public static let afsdb = RRType(18)
    public static let sig = RRType(24)
    public static let key = RRType(25)
    public static let aaaa = RRType(28)
    public static let loc = RRType(29)
    public static let srv = RRType(33)
    public static let naptr = RRType(35)
    public static let kx = RRType(36)
    public static let cert = RRType(37)
    public static let dname = RRType(39)
    public static let opt = RRType(41)
    public static let apl = RRType(42)
    public static let ds = RRType(43)
    public static let sshfp = RRType(44)
    public static let ipseckey = RRType(45)
    public static let rrsig = RRType(46)
    public static let nsec = RRType(47)
    public static let dnskey = RRType(48)
    public static let dhcid = RRType(49)
    public static let nsec3 = RRType(50)
    public static let nsec3param = RRType(51)
    public static let tlsa = RRType(52)
    public static let smimea = RRType(53)
    public static let hip = RRType(55)
    public static let cds = RRType(59)
    public static let cdnskey = RRType(60)
    public static let openpgpkey = RRType(61)
    public static let csync = RRType(62)
    public static let zonemd = RRType(63)
    public static let svcb = RRType(64)
    public static let https = RRType(65)
    public static let spf = RRType(99)
    public static let nid = RRType(104)
    public static let l32 = RRType(105)
    public static let l64 = RRType(106)
    public static let lp = RRType(107)
    public static let eui48 = RRType(108)
    public static let eui64 = RRType(109)
    public static let tkey = RRType(249)
    public static let tsig = RRType(250)
    public static let ixfr = RRType(251)
    public static let axfr = RRType(252)
    public static let any = RRType(255)
    public static let uri = RRType(256)
    public static let caa = RRType(257)

    static let mnemonics: [UInt16: String] = [
        1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 12: "PTR", 13: "HINFO", 15: "MX", 16: "TXT",
        17: "RP", 18: "AFSDB", 24: "SIG", 25: "KEY", 28: "AAAA", 29: "LOC", 33: "SRV",
        35: "NAPTR", 36: "KX", 37: "CERT", 39: "DNAME", 41: "OPT", 42: "APL", 43: "DS",
        44: "SSHFP", 45: "IPSECKEY", 46: "RRSIG", 47: "NSEC", 48: "DNSKEY", 49: "DHCID",
        50: "NSEC3", 51: "NSEC3PARAM", 52: "TLSA", 53: "SMIMEA", 55: "HIP", 59: "CDS",
        60: "CDNSKEY", 61: "OPENPGPKEY", 62: "CSYNC", 63: "ZONEMD", 64: "SVCB", 65: "HTTPS",
        99: "SPF", 104: "NID", 105: "L32", 106: "L64", 107: "LP", 108: "EUI48", 109: "EUI64",
        249: "TKEY", 250: "TSIG", 251: "IXFR", 252: "AXFR", 255: "ANY", 256: "URI", 257: "CAA",
    ]
    static let byMnemonic: [String: UInt16] = Dictionary(
        uniqueKeysWithValues: mnemonics.map { ($0.value, $0.key) })

    /// Accepts a mnemonic in any case or the RFC 3597 `TYPEnnn` form.
    public init?(_ text: String) {
        let upper = text.uppercased()
        if let value = Self.byMnemonic[upper] {
            self.init(value)
        } else if upper.hasPrefix("TYPE"), let value = UInt16(upper.dropFirst(4)) {
            self.init(value)
        } else {
            return nil
        }
    }

    public var description: String { Self.mnemonics[rawValue] ?? "TYPE\(rawValue)" }

    /// Meta and question-only types never belong in a zone or an RRset.
    public var isMeta: Bool { (128...255).contains(rawValue) || rawValue == 41 }

    public static func < (lhs: RRType, rhs: RRType) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let type = RRType(text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "unknown RR type '\(text)'"))
        }
        self = type
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
