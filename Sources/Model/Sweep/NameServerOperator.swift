/// Who runs a name server, for the census: the registered domain of its name
/// (`ns1.dns.example.cz.` -> `example.cz.`).
///
/// A simple rule, not the Public Suffix List: the last two labels, or the last three when
/// the last two are a known two-level public suffix (`co.uk.`, `com.cn.`, ...). A name
/// of one or two labels is its own operator. Good enough to group the servers of a hosting
/// company; a suffix missing from the list only splits one operator's count by its
/// customers' names, never merges two operators.
public enum NameServerOperator {
    public static func of(_ name: String) -> String {
        var labels = name.lowercased().split(separator: ".", omittingEmptySubsequences: true)
        // A label with an escaped dot (`a\.b`) is rare enough in NS names to keep whole:
        // split only on unescaped dots.
        if name.contains("\\") { labels = escapedSplit(name.lowercased()) }
        guard labels.count > 2 else { return labels.isEmpty ? "." : labels.joined(separator: ".") + "." }
        let lastTwo = labels.suffix(2).joined(separator: ".")
        let keep = twoLevelSuffixes.contains(lastTwo) ? 3 : 2
        return labels.suffix(keep).joined(separator: ".") + "."
    }

    /// Two-level public suffixes under which registrations are made (a selection of the
    /// common ones, CNNIC's first).
    public static let twoLevelSuffixes: Set<String> = [
        "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "ac.cn", "mil.cn",
        "com.hk", "net.hk", "org.hk", "edu.hk", "gov.hk", "com.tw", "net.tw", "org.tw", "edu.tw", "gov.tw",
        "com.mo", "net.mo", "org.mo",
        "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "ac.uk", "gov.uk",
        "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "co.kr", "or.kr", "ne.kr",
        "com.au", "net.au", "org.au", "edu.au", "gov.au", "co.nz", "net.nz", "org.nz",
        "com.br", "net.br", "org.br", "co.za", "org.za", "co.in", "net.in", "org.in",
        "com.sg", "com.my", "com.tr", "com.mx", "com.ar", "co.id", "co.il", "com.ua", "com.pl",
    ]

    private static func escapedSplit(_ name: String) -> [Substring] {
        var labels: [Substring] = []
        var start = name.startIndex
        var index = name.startIndex
        var escaped = false
        while index < name.endIndex {
            let character = name[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "." {
                if start < index { labels.append(name[start..<index]) }
                start = name.index(after: index)
            }
            index = name.index(after: index)
        }
        if start < name.endIndex { labels.append(name[start...]) }
        return labels
    }
}
