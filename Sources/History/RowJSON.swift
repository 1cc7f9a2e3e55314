import Foundation
import Model

/// A finding's `parameters` and `evidence` as the JSON the history stores, written
/// directly: the same objects `JSONEncoder` makes (sorted keys, ISO 8601 times), at a
/// fraction of its cost, which matters at a hundred thousand findings per run. Read back
/// with `JSONDecoder` like any other row.
enum RowJSON {
    struct NotFinite: Error, CustomStringConvertible {
        let key: String
        var description: String { "parameter \(key) is not a finite number" }
    }

    static func parameters(_ parameters: FindingParameters) throws -> String {
        var out = "{"
        for (index, key) in parameters.keys.enumerated() {
            let value = parameters.values[key]!
            if index > 0 { out += "," }
            string(key, into: &out)
            out += ":{\"kind\":"
            string(value.kind, into: &out)
            out += ",\"value\":"
            switch value {
            case .text(let text), .address(let text), .name(let text): string(text, into: &out)
            case .integer(let number): out += String(number)
            case .number(let number), .seconds(let number):
                guard number.isFinite else { throw NotFinite(key: key) }
                out += number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
            case .flag(let flag): out += flag ? "true" : "false"
            case .serial(let serial): out += String(serial)
            case .time(let date): string(iso8601(date), into: &out)
            case .list(let items):
                out += "["
                for (position, item) in items.enumerated() {
                    if position > 0 { out += "," }
                    string(item, into: &out)
                }
                out += "]"
            }
            out += "}"
        }
        return out + "}"
    }

    static func evidence(_ parameters: FindingParameters) -> String {
        var out = "{"
        for (index, key) in parameters.keys.enumerated() {
            if index > 0 { out += "," }
            string(key, into: &out)
            out += ":"
            string(parameters.values[key]!.text, into: &out)
        }
        return out + "}"
    }

    /// JSONEncoder's `.iso8601`: whole seconds, UTC.
    static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// A JSON string: quote, backslash and control characters escaped (RFC 8259 §7).
    static func string(_ text: String, into out: inout String) {
        out += "\""
        // Most texts need no escape: appended whole after a byte scan.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
