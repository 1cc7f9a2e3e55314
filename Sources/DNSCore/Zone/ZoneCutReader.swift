/// Reads the delegations of a parent zone (a TLD) from its zone file as it streams: each
/// zone cut with its NS names and DS records, and every address record below the apex
/// (glue, and the parent's own data for host names), in bounded memory: one cut at a time.
///
/// A cut's NS and DS records must be together (the other records of the file may sit
/// between them and after): every server writes zone files by owner, and canonical order
/// (`ldns-read-zone -z`) is one such order. A cut that comes back after another began is
/// read as a second cut of the same name, which the sweep's work list refuses by name.
public final class ZoneCutReader {
    public struct ZoneCut: Hashable, Sendable {
        public let zone: DomainName
        public internal(set) var nameServers: [DomainName]
        public internal(set) var ds: [ResourceRecord]
        /// The line of the cut's first record, for messages.
        public let line: Int32
    }

    public enum Entry: Hashable, Sendable {
        case cut(ZoneCut)
        /// An A or AAAA record below the apex: owner and address text.
        case address(DomainName, String)
    }

    public let path: String
    /// The parent zone: the `origin` given, else the owner of the file's first record,
    /// which must be its SOA.
    public private(set) var apex: DomainName?
    public var line: Int32 { reader.line }

    private let reader: ZoneFileReader
    private var pending: ZoneCut?
    private var finished = false

    public init(path: String, origin: DomainName? = nil) throws {
        self.path = path
        reader = try ZoneFileReader(path: path, origin: origin)
        apex = origin?.lowercased()
    }

    /// The next cut or address record; nil at the end of the file. A record outside the
    /// apex, a DS without NS, or a file not starting with the SOA (without `origin`) is an
    /// error naming file and line.
    public func next() throws -> Entry? {
        while !finished {
            guard let record = try reader.nextRecord() else {
                finished = true
                break
            }
            let apex = try apexFor(record)
            let owner = record.owner.lowercased()
            guard owner.isSubdomain(of: apex) else {
                throw DNSCoreError(.invalidZoneFile, "\(path):\(reader.line): \(record.owner) is outside the zone \(apex)")
            }
            if owner == apex { continue }
            switch record.type {
            case .a, .aaaa:
                if let address = record.address { return .address(owner, address) }
            case .ns, .ds:
                if let current = pending, current.zone == owner {
                    pending = try adding(record, to: current)
                    continue
                }
                // Data below the cut being read (occluded NS or DS) is not another delegation.
                if let current = pending, owner.isSubdomain(of: current.zone) { continue }
                let started = try adding(record, to: ZoneCut(zone: owner, nameServers: [], ds: [], line: reader.line))
                let done = pending
                pending = started
                if let done { return .cut(try checked(done)) }
            default:
                continue
            }
        }
        if let done = pending {
            pending = nil
            return .cut(try checked(done))
        }
        return nil
    }

    private func apexFor(_ record: ResourceRecord) throws -> DomainName {
        if let apex { return apex }
        guard record.type == .soa else {
            throw DNSCoreError(.invalidZoneFile,
                               "\(path):\(reader.line): the file starts with \(record.owner) \(record.type), not the zone's SOA (give the TLD)")
        }
        let found = record.owner.lowercased()
        apex = found
        return found
    }

    private func adding(_ record: ResourceRecord, to cut: ZoneCut) throws -> ZoneCut {
        var cut = cut
        if record.type == .ns {
            guard let target = record.target else {
                throw DNSCoreError(.invalidZoneFile, "\(path):\(reader.line): NS record of \(record.owner) has no name")
            }
            let name = target.lowercased()
            if !cut.nameServers.contains(name) { cut.nameServers.append(name) }
        } else {
            cut.ds.append(record)
        }
        return cut
    }

    private func checked(_ cut: ZoneCut) throws -> ZoneCut {
        guard !cut.nameServers.isEmpty else {
            throw DNSCoreError(.invalidZoneFile, "\(path):\(cut.line): DS for \(cut.zone) without an NS record (no delegation)")
        }
        return cut
    }
}
