/// The question of a DNS message.
public struct Question: Hashable, Sendable, CustomStringConvertible, Codable {
    public var name: DomainName
    public var type: RRType
    public var rrClass: RRClass

    public init(name: DomainName, type: RRType, rrClass: RRClass = .in) {
        self.name = name
        self.type = type
        self.rrClass = rrClass
    }

    public var description: String { "\(name) \(rrClass) \(type)" }
}
