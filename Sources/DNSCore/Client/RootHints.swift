/// The servers iteration starts from. The IANA root servers by default; any file in the
/// usual root.hints format (NS records for `.` and their A/AAAA) replaces them, so a
/// private or test root works exactly like the real one.
public struct RootHints: Sendable {
    public let servers: [NameServer]

    public init(servers: [NameServer]) {
        self.servers = servers
    }

    /// Reads a root.hints file; names without an address are an error, since iteration
    /// could never start from them.
    public init(contentsOf path: String, port: UInt16 = 53) throws {
        let records = try ZoneFileReader.readAll(path: path, origin: .root)
        self.init(records: records, port: port, source: path)
        guard !servers.isEmpty else {
            throw DNSCoreError(.invalidArgument, "\(path): no root server with an address (expected `. NS name` and `name A addr` lines)")
        }
    }

    init(records: [ResourceRecord], port: UInt16, source: String) {
        let names = records.filter { $0.type == .ns && $0.owner.isRoot }.compactMap(\.target)
        var servers: [NameServer] = []
        for name in names where !servers.contains(where: { $0.name == name }) {
            let addresses = records
                .filter { ($0.type == .a || $0.type == .aaaa) && $0.owner == name }
                .compactMap(\.address)
                .compactMap { try? ServerAddress(host: $0, port: port) }
            if !addresses.isEmpty { servers.append(NameServer(name: name, addresses: addresses)) }
        }
        self.servers = servers
    }

    /// The thirteen IANA root servers (root.hints of 2024).
    public static let iana: RootHints = {
        let table: [(String, String, String)] = [
            ("a", "198.41.0.4", "2001:503:ba3e::2:30"), ("b", "170.247.170.2", "2801:1b8:10::b"),
            ("c", "192.33.4.12", "2001:500:2::c"), ("d", "199.7.91.13", "2001:500:2d::d"),
            ("e", "192.203.230.10", "2001:500:a8::e"), ("f", "192.5.5.241", "2001:500:2f::f"),
            ("g", "192.112.36.4", "2001:500:12::d0d"), ("h", "198.97.190.53", "2001:500:1::53"),
            ("i", "192.36.148.17", "2001:7fe::53"), ("j", "192.58.128.30", "2001:503:c27::2:30"),
            ("k", "193.0.14.129", "2001:7fd::1"), ("l", "199.7.83.42", "2001:500:9f::42"),
            ("m", "202.12.27.33", "2001:dc3::35"),
        ]
        return RootHints(servers: table.map { letter, v4, v6 in
            NameServer(
                name: DomainName(stringLiteral: "\(letter).root-servers.net."),
                addresses: [try! ServerAddress(host: v4), try! ServerAddress(host: v6)])
        })
    }()

    public var addresses: [ServerAddress] { servers.flatMap(\.addresses) }
}
