/// A Lua string literal that means exactly `value` whatever it holds: every byte outside
/// a small safe alphabet becomes a three-digit decimal escape (`\039`), which Lua 5.1 and
/// LuaJIT (Knot Resolver) read the same way, so no quote, bracket or newline in a zone
/// name can end the literal.
public enum LuaStringLiteral {
    public static func literal(_ value: String) -> String {
        var text = "'"
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"),
                 UInt8(ascii: "_"), UInt8(ascii: "@"), UInt8(ascii: ":"):
                text.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = String(byte)
                text += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
            }
        }
        return text + "'"
    }
}
