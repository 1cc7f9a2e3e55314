/// A SOA serial number. Serials wrap at 2^32, so they compare with RFC 1982 sequence
/// space arithmetic: `a < b` when b is ahead of a by less than 2^31. Two serials exactly
/// 2^31 apart are incomparable; `compare` says so rather than guess.
public struct SOASerial: RawRepresentable, Hashable, Sendable, CustomStringConvertible, Codable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }

    public enum Order: Sendable, Equatable { case less, equal, greater, undefined }

    public func compare(_ other: SOASerial) -> Order {
        if rawValue == other.rawValue { return .equal }
        let distance = other.rawValue &- rawValue
        if distance == 1 << 31 { return .undefined }
        return distance < 1 << 31 ? .less : .greater
    }

    /// How far `other` is ahead of `self` in sequence space (negative: behind), or nil
    /// when the two are incomparable.
    public func distance(to other: SOASerial) -> Int64? {
        switch compare(other) {
        case .equal: return 0
        case .less: return Int64(other.rawValue &- rawValue)
        case .greater: return -Int64(rawValue &- other.rawValue)
        case .undefined: return nil
        }
    }

    /// RFC 1982 §3.1 addition: at most 2^31 - 1 may be added at once.
    public func adding(_ increment: UInt32) -> SOASerial? {
        guard increment < 1 << 31 else { return nil }
        return SOASerial(rawValue &+ increment)
    }

    public var description: String { String(rawValue) }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(UInt32.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
