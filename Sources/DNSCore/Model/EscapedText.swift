/// Text a server chose (an NSID, an extended error's EXTRA-TEXT), made safe to print: a
/// terminal must never receive a server's escape sequences, and one line must stay one
/// line. Printable ASCII stays; a backslash becomes `\\`; every other byte (control
/// characters, DEL, anything non-ASCII, which includes UTF-8's C1 controls and
/// direction overrides) becomes `\DDD`, its decimal value, as in RFC 1035's presentation
/// format.
public enum EscapedText {
    public static func escaping(_ bytes: some Sequence<UInt8>) -> String {
        var text = ""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"):
                text += "\\\\"
            case 0x20...0x7E:
                text.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                text += "\\" + String(repeating: "0", count: byte < 10 ? 2 : (byte < 100 ? 1 : 0)) + String(byte)
            }
        }
        return text
    }
}
