/// The records sharing owner, type and class (Knot's model: the RRset is the unit of DNS
/// data, DNSSEC signs it whole). Rdata order is not significant; equality ignores it,
/// TTL and case.
public struct RRSet: Hashable, Sendable, CustomStringConvertible {
    public let owner: DomainName
    public let type: RRType
    public let rrClass: RRClass
    public var ttl: UInt32
    public private(set) var records: [ResourceRecord]

    public init(owner: DomainName, type: RRType, rrClass: RRClass = .in, ttl: UInt32 = 0) {
        self.owner = owner
        self.type = type
        self.rrClass = rrClass
        self.ttl = ttl
        self.records = []
    }

    /// Groups records into RRsets, in the order their first record appears.
    public static func group(_ records: some Sequence<ResourceRecord>) -> [RRSet] {
        var sets: [RRSet] = []
        var index: [RRSetKey: Int] = [:]
        for record in records {
            let key = RRSetKey(owner: record.owner, type: record.type, rrClass: record.rrClass)
            if let position = index[key] {
                sets[position].append(record)
            } else {
                var set = RRSet(owner: record.owner, type: record.type, rrClass: record.rrClass, ttl: record.ttl)
                set.append(record)
                index[key] = sets.count
                sets.append(set)
            }
        }
        return sets
    }

    /// Adds a record, dropping exact duplicates (an RRset is a set, RFC 2181 §5).
    public mutating func append(_ record: ResourceRecord) {
        // Differing TTLs in one RRset are deprecated (RFC 2181 §5.2); the lowest is the safe one.
        ttl = records.isEmpty ? record.ttl : Swift.min(ttl, record.ttl)
        let key = record.canonicalKey
        guard !records.contains(where: { $0.canonicalKey == key }) else { return }
        records.append(record)
    }

    /// Canonical rdata of every record, sorted as RFC 4034 §6.3 orders an RRset.
    public var canonicalRDATA: [[UInt8]] {
        records.map(\.canonicalRDATA).sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Records in canonical form and order.
    public var canonicalRecords: [ResourceRecord] {
        canonicalRDATA.map {
            ResourceRecord(owner: owner.lowercased(), type: type, rrClass: rrClass, ttl: ttl, rdata: $0)
        }
    }

    public static func == (lhs: RRSet, rhs: RRSet) -> Bool {
        lhs.owner == rhs.owner && lhs.type == rhs.type && lhs.rrClass == rhs.rrClass
            && lhs.canonicalRDATA == rhs.canonicalRDATA
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(owner)
        hasher.combine(type)
        hasher.combine(rrClass)
        hasher.combine(canonicalRDATA)
    }

    public var description: String {
        records.map(\.description).joined(separator: "\n")
    }
}

struct RRSetKey: Hashable {
    let owner: DomainName
    let type: RRType
    let rrClass: RRClass
}
