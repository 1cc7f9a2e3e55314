/// A configuration problem, located: file, line (when known) and the key's path.
struct ConfigError: Error, CustomStringConvertible {
    let file: String
    let line: Int?
    let keyPath: String?
    let reason: String

    var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let keyPath, !keyPath.isEmpty { location += ": \(Self.printable(keyPath, limit: Self.quotedLimit))" }
        return "\(location): \(Self.clippingQuotes(in: reason))"
    }

    /// How much of a value from the file an error repeats: enough to recognise it, never
    /// a 50 MB line.
    static let quotedLimit = 80

    /// Every 'quoted value' cut to `quotedLimit` characters (and "…"), control characters
    /// escaped: the values are whatever the file holds, the message must stay one line.
    static func clippingQuotes(in text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "'") {
            result += printable(rest[..<open], limit: .max)
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "'") else {
                rest = rest[open...]
                break
            }
            result += "'" + printable(rest[afterOpen..<close], limit: quotedLimit) + "'"
            rest = rest[rest.index(after: close)...]
        }
        return result + printable(rest, limit: 4 * quotedLimit)
    }

    private static func printable(_ text: Substring, limit: Int) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit { return result + "…" }
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result += "\\" + String(repeating: "0", count: scalar.value < 10 ? 2 : (scalar.value < 100 ? 1 : 0)) + String(scalar.value)
            } else {
                result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result
    }

    private static func printable(_ text: String, limit: Int) -> String {
        printable(Substring(text), limit: limit)
    }
}
