public import Foundation

/// One parameter of a finding, typed, so a renderer in any language can format it (a
/// serial as a serial, a time in the reader's notation) and a report can compute with it.
///
/// Encoded as `{"kind": "serial", "value": 2024050101}`: the kind travels with the value,
/// so a finding read back from history renders exactly as it did when it was written.
public enum FindingValue: Hashable, Sendable {
    case text(String)
    case integer(Int)
    case number(Double)
    case flag(Bool)
    /// An SOA serial (RFC 1982 arithmetic applies; printed as the plain number).
    case serial(UInt32)
    /// A server address in `ADDR`, `ADDR@PORT` or `[V6]:PORT` notation.
    case address(String)
    /// A domain name in presentation form.
    case name(String)
    case time(Date)
    /// A length of time in seconds.
    case seconds(Double)
    case list([String])

    /// The value in language-neutral text: numbers in C notation, times in ISO 8601 UTC,
    /// lists joined by spaces. Templates that want another format read the typed value.
    public var text: String {
        switch self {
        case .text(let text), .address(let text), .name(let text): text
        case .integer(let value): String(value)
        case .number(let value): Self.plain(value)
        case .flag(let value): value ? "true" : "false"
        case .serial(let value): String(value)
        case .time(let date): date.formatted(.iso8601)
        case .seconds(let value): Self.plain(value)
        case .list(let items): items.joined(separator: " ")
        }
    }

    public var kind: String {
        switch self {
        case .text: "text"
        case .integer: "integer"
        case .number: "number"
        case .flag: "flag"
        case .serial: "serial"
        case .address: "address"
        case .name: "name"
        case .time: "time"
        case .seconds: "seconds"
        case .list: "list"
        }
    }

    /// No trailing `.0` for whole numbers, at most six significant decimals otherwise.
    static func plain(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }
}

extension FindingValue: Codable {
    private enum Key: String, CodingKey { case kind, value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "text": self = .text(try container.decode(String.self, forKey: .value))
        case "integer": self = .integer(try container.decode(Int.self, forKey: .value))
        case "number": self = .number(try container.decode(Double.self, forKey: .value))
        case "flag": self = .flag(try container.decode(Bool.self, forKey: .value))
        case "serial": self = .serial(try container.decode(UInt32.self, forKey: .value))
        case "address": self = .address(try container.decode(String.self, forKey: .value))
        case "name": self = .name(try container.decode(String.self, forKey: .value))
        case "time": self = .time(try container.decode(Date.self, forKey: .value))
        case "seconds": self = .seconds(try container.decode(Double.self, forKey: .value))
        case "list": self = .list(try container.decode([String].self, forKey: .value))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown parameter kind '\(kind)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .text(let value), .address(let value), .name(let value): try container.encode(value, forKey: .value)
        case .integer(let value): try container.encode(value, forKey: .value)
        case .number(let value), .seconds(let value): try container.encode(value, forKey: .value)
        case .flag(let value): try container.encode(value, forKey: .value)
        case .serial(let value): try container.encode(value, forKey: .value)
        case .time(let value): try container.encode(value, forKey: .value)
        case .list(let value): try container.encode(value, forKey: .value)
        }
    }
}
