/// Strings written into named.conf: BIND's lexer takes `\"` and `\\` inside quotes, so a
/// zone name such as `a\.b.example.` survives as `"a\\.b.example."`. Control and non-ASCII
/// characters are refused: nothing legitimate needs them and they hide badly in a config.
public enum NamedConfQuoting {
    public static func quoted(_ value: String, what: String) throws(RestoreError) -> String {
        guard !value.isEmpty else { throw RestoreError(.badInput, "\(what) is empty") }
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22: text += "\\\""
            case 0x5C: text += "\\\\"
            case 0..<0x20, 0x7F...:
                throw RestoreError(.badInput, "\(what) '\(value.debugDescription.dropFirst().dropLast())' contains a control or non-ASCII character")
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
