import Foundation

/// Text from a file shown in a message: quoted, with control bytes escaped, so a hostile
/// manifest cannot write to the operator's terminal.
public enum QuotedText {
    public static func quoted(_ text: String) -> String {
        var out = "'"
        for scalar in text.unicodeScalars.prefix(200) {
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "'" || scalar == "\\" {
                out += String(format: "\\x%02x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + (text.unicodeScalars.count > 200 ? "...'" : "'")
    }
}
