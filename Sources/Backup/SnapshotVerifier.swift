public import DNSCore
public import Foundation

/// Reads a written snapshot back and judges it: it parses, the apex has SOA and NS, every
/// signed RRset verifies against the zone's keys (anchored in the parent's DS), ZONEMD
/// matches where present. Streams owner by owner; memory is one owner's records.
public struct SnapshotVerifier: Sendable {
    public struct Verification: Sendable {
        public var recordCount = 0
        public var serial: SOASerial?
        public var soa: ResourceRecord?
        public var nameServers: [DomainName] = []
        public var signed = false
        /// The earliest expiration among the signatures checked.
        public var usableUntil: Date?
        public var problems: [String] = []
        public var dnssec = "unsigned"
        public var zonemd = "absent"
        /// A fingerprint per record (canonical, TTL left out) for the diff with the next one.
        public var fingerprints: Set<Int> = []
        public var signaturesChecked = 0
    }

    public let zone: DomainName
    /// The parent's DS set; empty for an unsigned delegation.
    public let delegationSigner: [ResourceRecord]
    public let now: Date
    /// Harvested snapshots are partial: an apex NS may legitimately be all there is.
    public let partial: Bool

    public init(zone: DomainName, delegationSigner: [ResourceRecord] = [], now: Date = Date(), partial: Bool = false) {
        self.zone = zone
        self.delegationSigner = delegationSigner
        self.now = now
        self.partial = partial
    }

    public func verify(path: String, keepFingerprints: Bool = true) throws -> Verification {
        var report = Verification()
        // Snapshots hold one fully qualified record per line (ZoneFileWriter's format), so
        // each line is parsed on its own: ldns's string parser, without the per-character
        // stream reads of its file parser.
        let reader = try LineReader(path: path)
        var lineNumber = 0
        var keys: [ResourceRecord] = []
        var group: [ResourceRecord] = []
        var cut: DomainName?
        var bogus: [String] = []
        var bogusCount = 0
        var hasZONEMD = false

        func flush() {
            guard let owner = group.first?.owner else { return }
            defer { group.removeAll(keepingCapacity: true) }
            if owner == zone {
                keys = group.filter { $0.type == .dnskey }
                report.signed = group.contains { $0.type == .rrsig }
            }
            // Below a zone cut only glue lives: it is never signed.
            if let cut, owner.isSubdomain(of: cut), owner != cut { return }
            let isCut = owner != zone && group.contains { $0.type == .ns }
            if isCut { cut = owner }
            guard report.signed else { return }
            let signatures = group.filter { $0.type == .rrsig }
            for set in RRSet.group(group.filter { $0.type != .rrsig }) {
                // At a cut only the DS (and NSEC) are the parent's, hence signed.
                if isCut, set.type != .ds, set.type != .nsec { continue }
                let verdicts = DNSSECVerifier.verifyAll(rrset: set.records, signatures: signatures, keys: keys, at: now)
                report.signaturesChecked += verdicts.count
                if let valid = verdicts.first(where: \.isValid) {
                    let soonest = verdicts.filter(\.isValid).compactMap(\.expiration).min() ?? valid.expiration
                    if let soonest { report.usableUntil = min(report.usableUntil ?? soonest, soonest) }
                } else {
                    bogusCount += 1
                    if bogus.count < 3 {
                        bogus.append("\(set.owner) \(set.type): " + (verdicts.isEmpty ? "no signature" : verdicts.map(\.description).joined(separator: "; ")))
                    }
                }
            }
        }

        var block: [String] = []
        block.reserveCapacity(Self.blockSize)
        var endOfFile = false
        while !endOfFile {
            block.removeAll(keepingCapacity: true)
            while block.count < Self.blockSize {
                guard let line = try reader.next() else {
                    endOfFile = true
                    break
                }
                block.append(line)
            }
            let firstLine = lineNumber + 1
            lineNumber += block.count
            for (offset, parsed) in try Self.parse(block, origin: zone, path: path, firstLine: firstLine).enumerated() {
                guard let record = parsed else { continue }
                guard record.owner.isSubdomain(of: zone) else {
                    report.problems.append("\(path):\(firstLine + offset): \(record.owner) is outside the zone \(zone)")
                    continue
                }
                report.recordCount += 1
                if keepFingerprints { report.fingerprints.insert(Self.fingerprint(record)) }
                if record.owner == zone {
                    if record.type == .soa, report.soa == nil {
                        report.soa = record
                        report.serial = record.soa?.serial
                    }
                    if record.type == .ns, let target = record.target { report.nameServers.append(target) }
                    if record.type == .zonemd { hasZONEMD = true }
                }
                if let current = group.first?.owner, current != record.owner { flush() }
                group.append(record)
            }
        }
        flush()

        if report.soa == nil { report.problems.append("no SOA at the apex \(zone)") }
        if report.nameServers.isEmpty { report.problems.append("no NS at the apex \(zone)") }
        if report.signed || !delegationSigner.isEmpty {
            let anchors = keys.filter { key in delegationSigner.contains { DNSSECVerifier.matches(ds: $0, dnskey: key) } }
            if !delegationSigner.isEmpty && anchors.isEmpty && !partial {
                report.problems.append("no DNSKEY in the snapshot matches the parent's DS")
            }
            if !report.signed && !delegationSigner.isEmpty {
                report.problems.append("the parent has DS records but the snapshot carries no signatures")
            }
            if let expiry = report.usableUntil, expiry <= now {
                report.problems.append("signatures expired at \(ISO8601DateFormatter().string(from: expiry))")
            }
            if !bogus.isEmpty {
                report.problems.append("signatures of \(bogusCount) RRsets do not verify: " + bogus.joined(separator: "; ")
                    + (bogusCount > bogus.count ? "; ..." : ""))
            }
            report.dnssec = bogus.isEmpty && report.signed ? "valid" : (report.signed ? "invalid" : "unsigned")
        }
        if hasZONEMD {
            switch try ZONEMDVerifier.verify(path: path, origin: zone) {
            case .valid: report.zonemd = "valid"
            case .absent: report.zonemd = "absent"
            case .mismatch(let reason):
                report.zonemd = "mismatch: \(reason)"
                report.problems.append("ZONEMD does not match: \(reason)")
            }
        }
        return report
    }

    static let blockSize = 32_768

    /// Parses a block of lines on every core; a syntax error names file and line. Comment
    /// and empty lines are nil.
    static func parse(_ lines: [String], origin: DomainName, path: String, firstLine: Int) throws -> [ResourceRecord?] {
        let results = UnsafeMutableBufferPointer<Result<ResourceRecord?, DNSCoreError>>.allocate(capacity: lines.count)
        defer { results.deallocate() }
        let output = DisjointSlots(base: results.baseAddress!)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let slice = (lines.count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = (worker * slice)..<min(lines.count, (worker + 1) * slice)
            for index in range {
                let line = lines[index]
                let result: Result<ResourceRecord?, DNSCoreError>
                if line.isEmpty || line.hasPrefix(";") {
                    result = .success(nil)
                } else {
                    do {
                        result = .success(try ResourceRecord(parsing: line, origin: origin))
                    } catch let error as DNSCoreError {
                        result = .failure(DNSCoreError(.invalidZoneFile, "\(path):\(firstLine + index): \(error.reason)", ldnsStatus: error.ldnsStatus))
                    } catch {
                        result = .failure(DNSCoreError(.invalidZoneFile, "\(path):\(firstLine + index): \(error)"))
                    }
                }
                (output.base + index).initialize(to: result)
            }
        }
        defer { results.baseAddress!.deinitialize(count: lines.count) }
        return try (0..<lines.count).map { try results[$0].get() }
    }

    /// The record without its TTL, hashed: what "the same record" means in a diff.
    static func fingerprint(_ record: ResourceRecord) -> Int {
        var hasher = Hasher()
        hasher.combine(record.owner)
        hasher.combine(record.type)
        record.rdata.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }
}
