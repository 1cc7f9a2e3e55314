public import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// Fills a sweep's work list from its source: the TLD's zone file (delegations with NS,
/// DS and glue, read as the file streams) or a list of zone names (`--zones FILE`).
public enum SweepWorkList {
    public struct Loaded: Hashable, Sendable {
        public let tld: String
        public let delegations: Int
        public let glue: Int
    }

    /// Reads every delegation of the zone file into `writer`. `tld` when given must be the
    /// file's apex; without it the file must start with its SOA.
    @discardableResult
    public static func load(zoneFile path: String, tld: DomainName?, into writer: any SweepWorkListWriter) throws -> Loaded {
        let reader = try ZoneCutReader(path: path, origin: tld)
        var delegations = 0
        var glue = 0
        while let entry = try reader.next() {
            switch entry {
            case .cut(let cut):
                try writer.add(SweepDelegation(
                    zone: cut.zone.description, nameServers: cut.nameServers.map(\.description),
                    ds: cut.ds.compactMap(\.ds).map(Self.presentation)))
                delegations += 1
            case .address(let owner, let address):
                try writer.add(SweepGlue(name: owner.description, address: address))
                glue += 1
            }
        }
        return Loaded(tld: reader.apex?.description ?? tld?.description ?? ".", delegations: delegations, glue: glue)
    }

    /// Reads a list of zone names, one a line (`#` starts a comment; relative names are
    /// completed with `tld`); each must lie below `tld` when given. Errors name file and line.
    @discardableResult
    public static func load(zoneList path: String, tld: DomainName?, into writer: any SweepWorkListWriter) throws -> Loaded {
        let file: UnsafeMutablePointer<FILE>
        do {
            file = try RegularFile.stream(path)
        } catch let error as SystemError {
            throw DNSCoreError(error)
        }
        defer { fclose(file) }
        var count = 0
        var number = 0
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        // Line by line: a list of 10^7 names is never in memory at once.
        while getline(&buffer, &capacity, file) >= 0, let buffer {
            number += 1
            let raw = String(cString: buffer)
            let text = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            guard !text.isEmpty else { continue }
            let name: DomainName
            do {
                name = try DomainName(text, origin: tld).lowercased()
            } catch let error as DNSCoreError {
                throw DNSCoreError(.invalidName, "\(path):\(number): \(error.reason)")
            }
            if let tld, !name.isSubdomain(of: tld) || name == tld {
                throw DNSCoreError(.invalidName, "\(path):\(number): \(name) is not below the TLD \(tld)")
            }
            try writer.add(SweepDelegation(zone: name.description))
            count += 1
        }
        return Loaded(tld: tld?.description ?? ".", delegations: count, glue: 0)
    }

    /// DS rdata in presentation form: key tag, algorithm, digest type, digest in hex.
    public static func presentation(_ ds: DSData) -> String {
        let hex = ds.digest.map { byte in
            let digits = Array("0123456789ABCDEF")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }.joined()
        return "\(ds.keyTag) \(ds.algorithm) \(ds.digestType) \(hex)"
    }
}
