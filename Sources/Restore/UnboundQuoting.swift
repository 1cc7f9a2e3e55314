public import DNSCore
import Foundation

/// Values written into unbound.conf. Unbound's lexer has no escape syntax inside quotes
/// (a quoted string simply ends at the next quote or newline), so whatever cannot be
/// written literally is refused rather than mangled.
public enum UnboundQuoting {
    /// `"value"` for a zone name or a path: printable ASCII without `"`, `\` or spaces.
    public static func quoted(_ value: String, what: String) throws(RestoreError) -> String {
        guard !value.isEmpty else { throw RestoreError(.badInput, "\(what) is empty") }
        for scalar in value.unicodeScalars {
            let problem: String? = switch scalar.value {
            case 0x22: "a double quote"
            case 0x5C: "a backslash"
            case 0x20, 0x09: "whitespace"
            case 0..<0x20, 0x7F: "a control character"
            case 0x80...: "a non-ASCII character"
            default: nil
            }
            if let problem {
                throw RestoreError(.badInput, "\(what) '\(value.debugDescription.dropFirst().dropLast())' contains \(problem), which Unbound's configuration cannot quote")
            }
        }
        return "\"" + value + "\""
    }

    /// A zone name as Unbound's `name:` and `local-zone:` take it.
    public static func quoted(_ zone: DomainName) throws(RestoreError) -> String {
        try quoted(zone.description, what: "zone name")
    }

    /// `'owner TTL CLASS TYPE RDATA'` for `local-data:`. The record text goes to Unbound's
    /// RR parser, which understands `\DDD`: a `'` inside it is written as `\039` so the
    /// single quotes can hold TXT strings with double quotes in them.
    public static func localData(_ record: ResourceRecord) throws(RestoreError) -> String {
        var text = record.description.replacingOccurrences(of: "\t", with: " ")
        text = text.replacingOccurrences(of: "'", with: "\\039")
        for scalar in text.unicodeScalars where scalar.value < 0x20 || scalar.value >= 0x7F {
            throw RestoreError(.badInput, "record of \(record.owner) \(record.type) has a character Unbound's local-data cannot hold")
        }
        return "'" + text + "'"
    }
}
