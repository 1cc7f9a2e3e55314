import DNSCore

/// The `dnsward.yml` schema; see the README for a complete example. Every mapping
/// rejects unknown keys.
struct DNSWardConfig: Decodable {
    var rootHints: String?
    var timeout: Double?
    var retries: Int?
    var zones: [ZoneConfig]
    var resolvers: [ResolverConfig]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case rootHints = "root_hints", timeout, retries, zones, resolvers
    }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rootHints = try container.decodeIfPresent(String.self, forKey: .rootHints)
        timeout = try container.decodeIfPresent(Double.self, forKey: .timeout)
        if let timeout, !(timeout > 0 && timeout <= 60) {
            throw DecodingError.dataCorruptedError(forKey: .timeout, in: container, debugDescription: "must be between 0 and 60 seconds")
        }
        retries = try container.decodeIfPresent(Int.self, forKey: .retries)
        if let retries, !(0...5).contains(retries) {
            throw DecodingError.dataCorruptedError(forKey: .retries, in: container, debugDescription: "must be between 0 and 5")
        }
        zones = try container.decodeIfPresent([ZoneConfig].self, forKey: .zones) ?? []
        resolvers = try container.decodeIfPresent([ResolverConfig].self, forKey: .resolvers) ?? []
    }
}

struct ZoneConfig: Decodable {
    var name: DomainName
    var critical: [CriticalName]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, critical
    }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .name)
        do {
            name = try DomainName(text)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .name, in: container, debugDescription: "not a domain name: '\(text)' (\(error))")
        }
        critical = try container.decodeIfPresent([CriticalName].self, forKey: .critical) ?? []
    }
}

struct CriticalName: Decodable {
    var name: DomainName
    var types: [RRType]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, types
    }

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .name)
        do {
            name = try DomainName(text)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .name, in: container, debugDescription: "not a domain name: '\(text)' (\(error))")
        }
        let typeTexts = try container.decodeIfPresent([String].self, forKey: .types) ?? ["A", "AAAA"]
        types = try typeTexts.map { text in
            guard let type = RRType(text) else {
                throw DecodingError.dataCorruptedError(forKey: .types, in: container, debugDescription: "unknown record type '\(text)'")
            }
            return type
        }
    }
}

struct ResolverConfig: Decodable {
    var address: ServerAddress
    var name: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case address, name
    }

    init(from decoder: any Decoder) throws {
        // A bare string is shorthand for `address:`.
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            address = try Self.parse(text, codingPath: decoder.codingPath)
            return
        }
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        address = try Self.parse(try container.decode(String.self, forKey: .address), codingPath: decoder.codingPath + [CodingKeys.address])
        name = try container.decodeIfPresent(String.self, forKey: .name)
    }

    static func parse(_ text: String, codingPath: [any CodingKey]) throws -> ServerAddress {
        do {
            return try ServerAddress(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "not a server address: '\(text)' (use ADDR, ADDR@PORT or [V6]:PORT)"))
        }
    }
}
