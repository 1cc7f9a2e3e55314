/// A response code including the EDNS extended bits (RFC 6891), so BADVERS (16) is a value.
public struct ResponseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible, Codable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    public static let noError = ResponseCode(0)
    public static let formErr = ResponseCode(1)
    public static let servFail = ResponseCode(2)
    public static let nxDomain = ResponseCode(3)
    public static let notImp = ResponseCode(4)
    public static let refused = ResponseCode(5)
    public static let yxDomain = ResponseCode(6)
    public static let yxRRSet = ResponseCode(7)
    public static let nxRRSet = ResponseCode(8)
    public static let notAuth = ResponseCode(9)
    public static let notZone = ResponseCode(10)
    public static let badVers = ResponseCode(16)
    public static let badKey = ResponseCode(17)
    public static let badTime = ResponseCode(18)
    public static let badCookie = ResponseCode(23)

    static let mnemonics: [UInt16: String] = [
        0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED",
        6: "YXDOMAIN", 7: "YXRRSET", 8: "NXRRSET", 9: "NOTAUTH", 10: "NOTZONE", 16: "BADVERS",
        17: "BADKEY", 18: "BADTIME", 23: "BADCOOKIE",
    ]

    public init?(_ text: String) {
        let upper = text.uppercased()
        if let match = Self.mnemonics.first(where: { $0.value == upper }) {
            self.init(match.key)
        } else if upper.hasPrefix("RCODE"), let value = UInt16(upper.dropFirst(5)) {
            self.init(value)
        } else {
            return nil
        }
    }

    public var description: String { Self.mnemonics[rawValue] ?? "RCODE\(rawValue)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = ResponseCode(text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "unknown rcode '\(text)'"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
