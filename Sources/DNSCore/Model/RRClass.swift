/// A resource record class; open like `RRType`, unknown values print as `CLASSnnn`.
public struct RRClass: RawRepresentable, Hashable, Sendable, CustomStringConvertible, Codable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    public static let `in` = RRClass(1)
    public static let ch = RRClass(3)
    public static let hs = RRClass(4)
    public static let none = RRClass(254)
    public static let any = RRClass(255)

    static let mnemonics: [UInt16: String] = [1: "IN", 3: "CH", 4: "HS", 254: "NONE", 255: "ANY"]

    public init?(_ text: String) {
        let upper = text.uppercased()
        if let match = Self.mnemonics.first(where: { $0.value == upper }) {
            self.init(match.key)
        } else if upper.hasPrefix("CLASS"), let value = UInt16(upper.dropFirst(5)) {
            self.init(value)
        } else {
            return nil
        }
    }

    public var description: String { Self.mnemonics[rawValue] ?? "CLASS\(rawValue)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = RRClass(text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "unknown class '\(text)'"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
