/// The EDNS(0) pseudo-record of a message (RFC 6891): what the OPT record says, decoded.
public struct EDNS: Hashable, Sendable {
    public var udpPayloadSize: UInt16
    /// The upper 8 bits of the 12-bit response code.
    public var extendedRcode: UInt8
    public var version: UInt8
    public var dnssecOK: Bool
    /// The 15 flag bits after DO; all zero unless someone sends unknown flags (RFC 8906 tests).
    public var unknownFlags: UInt16
    public var options: [EDNSOption]

    public init(
        udpPayloadSize: UInt16 = 1232, extendedRcode: UInt8 = 0, version: UInt8 = 0,
        dnssecOK: Bool = false, unknownFlags: UInt16 = 0, options: [EDNSOption] = []
    ) {
        self.udpPayloadSize = udpPayloadSize
        self.extendedRcode = extendedRcode
        self.version = version
        self.dnssecOK = dnssecOK
        self.unknownFlags = unknownFlags & 0x7FFF
        self.options = options
    }

    /// The server's NSID (RFC 5001), when it sent one.
    public var nsid: [UInt8]? { options.first { $0.code == EDNSOption.Code.nsid }?.data }

    /// The NSID as printable text (`EscapedText`): any bytes a server likes may be in it.
    public var nsidText: String? { nsid.map(EscapedText.escaping) }

    /// Extended DNS errors (RFC 8914) the server attached.
    public var extendedErrors: [ExtendedDNSError] {
        options.filter { $0.code == EDNSOption.Code.extendedDNSError }.compactMap(ExtendedDNSError.init)
    }
}

/// One EDNS option: a code and its bytes.
public struct EDNSOption: Hashable, Sendable {
    public enum Code {
        public static let nsid: UInt16 = 3
        public static let clientSubnet: UInt16 = 8
        public static let cookie: UInt16 = 10
        public static let padding: UInt16 = 12
        public static let extendedDNSError: UInt16 = 15
    }

    public var code: UInt16
    public var data: [UInt8]

    public init(code: UInt16, data: [UInt8] = []) {
        self.code = code
        self.data = data
    }

    /// Options in their wire layout, as the OPT record's rdata carries them.
    static func encode(_ options: [EDNSOption]) -> [UInt8] {
        var bytes: [UInt8] = []
        for option in options {
            bytes.appendUInt16(option.code)
            bytes.appendUInt16(UInt16(option.data.count))
            bytes.append(contentsOf: option.data)
        }
        return bytes
    }

    static func decode(_ bytes: [UInt8]) throws -> [EDNSOption] {
        var reader = WireReader(bytes)
        var options: [EDNSOption] = []
        while !reader.isAtEnd {
            let code = try reader.uint16()
            let length = Int(try reader.uint16())
            options.append(EDNSOption(code: code, data: try reader.bytes(length)))
        }
        return options
    }
}

/// An extended DNS error (RFC 8914): an info code and optional text from the server.
public struct ExtendedDNSError: Hashable, Sendable, CustomStringConvertible {
    public var infoCode: UInt16
    /// EXTRA-TEXT as UTF-8 (RFC 8914 asks for it); print `description`, which escapes it.
    public var extraText: String
    /// EXTRA-TEXT exactly as received.
    public var extraTextBytes: [UInt8]

    init?(_ option: EDNSOption) {
        guard option.data.count >= 2 else { return nil }
        infoCode = UInt16(option.data[0]) << 8 | UInt16(option.data[1])
        extraTextBytes = Array(option.data.dropFirst(2))
        extraText = String(decoding: extraTextBytes, as: UTF8.self)
    }

    static let names: [UInt16: String] = [
        0: "Other", 1: "Unsupported DNSKEY Algorithm", 2: "Unsupported DS Digest Type",
        3: "Stale Answer", 4: "Forged Answer", 5: "DNSSEC Indeterminate", 6: "DNSSEC Bogus",
        7: "Signature Expired", 8: "Signature Not Yet Valid", 9: "DNSKEY Missing",
        10: "RRSIGs Missing", 11: "No Zone Key Bit Set", 12: "NSEC Missing",
        13: "Cached Error", 14: "Not Ready", 15: "Blocked", 16: "Censored", 17: "Filtered",
        18: "Prohibited", 19: "Stale NXDOMAIN Answer", 20: "Not Authoritative",
        21: "Not Supported", 22: "No Reachable Authority", 23: "Network Error", 24: "Invalid Data",
    ]

    public var description: String {
        let name = Self.names[infoCode] ?? "EDE \(infoCode)"
        return extraTextBytes.isEmpty ? name : "\(name): \(EscapedText.escaping(extraTextBytes))"
    }
}
