public import Foundation

/// A finding's named parameters: the evidence, typed. Keys are stable (they are part of
/// the JSON schema and the history), and every message catalogue reads them by name.
public struct FindingParameters: Hashable, Sendable, Codable, ExpressibleByDictionaryLiteral {
    public var values: [String: FindingValue]

    public init(_ values: [String: FindingValue] = [:]) {
        self.values = values
    }

    public init(dictionaryLiteral elements: (String, FindingValue)...) {
        values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public subscript(key: String) -> FindingValue? {
        get { values[key] }
        set { values[key] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }
    public var keys: [String] { values.keys.sorted() }

    /// Every parameter as text: the `evidence` view of JSON schema 1 and of the status line.
    public var evidence: [String: String] { values.mapValues(\.text) }

    // Typed reads for message catalogues; a missing parameter reads as empty, so a finding
    // stored by an older version still renders.
    public func text(_ key: String) -> String { values[key]?.text ?? "" }

    public func integer(_ key: String) -> Int {
        switch values[key] {
        case .integer(let value): value
        case .number(let value), .seconds(let value): Int(value.isFinite ? value : 0)
        case .serial(let value): Int(value)
        case .text(let text): Int(text) ?? 0
        default: 0
        }
    }

    public func seconds(_ key: String) -> Double {
        switch values[key] {
        case .seconds(let value), .number(let value): value
        case .integer(let value): Double(value)
        default: 0
        }
    }

    public func list(_ key: String) -> [String] {
        switch values[key] {
        case .list(let items): items
        case nil: []
        case let value?: [value.text]
        }
    }

    public func flag(_ key: String) -> Bool {
        if case .flag(let value) = values[key] { return value }
        return false
    }

    public func time(_ key: String) -> Date? {
        if case .time(let date) = values[key] { return date }
        return nil
    }

    public func has(_ key: String) -> Bool { values[key] != nil }

    /// Encoded as a plain object of tagged values: `{"serial": {"kind": "serial", "value": 1}}`.
    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: FindingValue].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
