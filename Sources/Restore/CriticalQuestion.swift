public import DNSCore

/// A name and type the resolver must answer from the backup after a switch.
public struct CriticalQuestion: Hashable, Sendable, CustomStringConvertible, Codable {
    public let name: DomainName
    public let type: RRType

    public init(name: DomainName, type: RRType) {
        self.name = name
        self.type = type
    }

    /// `NAME/TYPE`, e.g. `www.example.org/AAAA`; the type defaults to A.
    public init(parsing text: String) throws(RestoreError) {
        var nameText = Substring(text)
        var type = RRType.a
        if let slash = text.lastIndex(of: "/") {
            nameText = text[..<slash]
            let typeText = String(text[text.index(after: slash)...])
            guard let parsed = RRType(typeText), !parsed.isMeta else {
                throw RestoreError(.badInput, "critical name '\(text)': unknown record type '\(typeText)'")
            }
            type = parsed
        }
        do {
            name = try DomainName(String(nameText))
        } catch {
            throw RestoreError(.badInput, "critical name '\(text)': not a domain name (\(error))")
        }
        self.type = type
    }

    /// What every zone has and a resolver must get right: the apex SOA and NS.
    public static func defaults(for zone: DomainName) -> [CriticalQuestion] {
        [CriticalQuestion(name: zone, type: .soa), CriticalQuestion(name: zone, type: .ns)]
    }

    public var description: String { "\(name) \(type)" }
}
