/// A name server by name, with the addresses it is reached at.
public struct NameServer: Hashable, Sendable, CustomStringConvertible {
    public let name: DomainName
    public var addresses: [ServerAddress]

    public init(name: DomainName, addresses: [ServerAddress]) {
        self.name = name
        self.addresses = addresses
    }

    public var description: String {
        "\(name) (" + addresses.map(\.description).joined(separator: ", ") + ")"
    }
}
