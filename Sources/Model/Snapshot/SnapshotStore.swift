public import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Platform
public import DNSCore

/// The on-disk layout of backups: `<root>/<zone>/<UTC time>-<serial>.zone`, a `.json`
/// manifest beside each, and a `latest` symlink that moves only to a verified snapshot.
/// Refused copies are kept apart in `<root>/<zone>/refused/`, where no name a good copy
/// holds can be taken. `<zone>` is `ZoneDirectoryName`; stores written with the older
/// naming are still read (see `directory(for:)`) and moved by the next snapshot.
public struct SnapshotStore: Sendable {
    public let root: String

    /// The area of refused copies inside a zone's directory.
    public static let refusedDirectoryName = "refused"
    /// A zone directory's own files that are not snapshots.
    public static let knownNonSnapshotFiles: Set<String> = ["latest", refusedDirectoryName, "fallback-state.json"]
    /// Manifests are small; anything larger is not one of ours.
    static let manifestSizeLimit = 1 << 20

    public init(root: String) {
        self.root = root
    }

    public static func directoryName(for zone: DomainName) -> String {
        ZoneDirectoryName.encode(zone)
    }

    /// The zone's directory in the current layout, whether or not it exists.
    public func primaryDirectory(for zone: DomainName) -> String {
        root + "/" + Self.directoryName(for: zone)
    }

    /// The zone's directory: the current layout's, or, while only an older store has the
    /// zone, the directory that store used (read in place: `verify` and `restore` change
    /// nothing; `snapshot` moves it, see `SnapshotStoreMigration`).
    public func directory(for zone: DomainName) -> String {
        let primary = primaryDirectory(for: zone)
        let legacy = root + "/" + ZoneDirectoryName.legacy(zone)
        if legacy != primary, !Directory.exists(primary), Directory.exists(legacy),
           manifestZones(in: legacy).contains(zone) {
            return legacy
        }
        return primary
    }

    public func refusedDirectory(for zone: DomainName) -> String {
        directory(for: zone) + "/" + Self.refusedDirectoryName
    }

    public static func timeText(_ time: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: time)
    }

    public static func fileName(time: Date, serial: UInt32) -> String {
        SnapshotFileName(time: timeText(time), serial: serial).zoneFile
    }

    public func zonePath(_ manifest: SnapshotManifest, zone: DomainName) -> String {
        directory(for: zone) + "/" + manifest.file
    }

    public func manifestPath(forZoneFile path: String) -> String {
        (path.hasSuffix(".zone") ? String(path.dropLast(5)) : path) + ".json"
    }

    /// A snapshot on disk: its manifest, under a name of dnsward's shape.
    public struct Entry: Sendable {
        public let name: SnapshotFileName
        public let manifest: SnapshotManifest
    }

    /// What a zone's directory holds: its snapshots oldest first, and why other files
    /// that look like manifests were left alone.
    public struct Listing: Sendable {
        public var entries: [Entry] = []
        public var warnings: [String] = []
    }

    /// The snapshots of `zone` in `directory` (default: the zone's): manifests whose own
    /// name is a snapshot name, which describe `zone`, and whose `file` is the zone file
    /// beside them. Others are reported in `warnings`, never followed.
    public func listing(of zone: DomainName, in directory: String? = nil) throws -> Listing {
        let directory = directory ?? self.directory(for: zone)
        var listing = Listing()
        guard Directory.somethingExists(at: directory) else { return listing }
        for name in try Directory.entries(directory).sorted() where name.hasSuffix(".json") {
            guard !Self.knownNonSnapshotFiles.contains(name) else { continue }
            let path = directory + "/" + name
            guard let parsed = SnapshotFileName(parsing: name) else {
                listing.warnings.append("\(path): not a snapshot manifest name, ignored")
                continue
            }
            let manifest: SnapshotManifest
            do {
                manifest = try Self.readManifest(path)
            } catch {
                listing.warnings.append("\(path): unreadable manifest, ignored: \(error)")
                continue
            }
            guard manifest.file == parsed.zoneFile else {
                let shown = QuotedText.quoted(manifest.file)
                listing.warnings.append("\(path) names the file \(shown), not \(parsed.zoneFile): ignored (never read or removed)")
                continue
            }
            guard (try? DomainName(manifest.zone)) == zone else {
                listing.warnings.append("\(path) is a snapshot of \(QuotedText.quoted(manifest.zone)), not of \(zone): ignored")
                continue
            }
            listing.entries.append(Entry(name: parsed, manifest: manifest))
        }
        listing.entries.sort { $0.name < $1.name }
        return listing
    }

    /// Every snapshot of the zone with a readable manifest, oldest first.
    public func snapshots(of zone: DomainName) throws -> [SnapshotManifest] {
        try listing(of: zone).entries.map(\.manifest)
    }

    /// The snapshot `latest` points at, if any; a link to anything but a snapshot name
    /// beside it points at nothing.
    public func latest(of zone: DomainName) throws -> SnapshotManifest? {
        let directory = directory(for: zone)
        guard let target = Self.linkTarget(directory + "/latest"), SnapshotFileName(parsing: target) != nil,
              !target.contains("/") else { return nil }
        return try snapshots(of: zone).first { $0.file == target }
    }

    /// The newest snapshot that passed verification: `latest`, unless `latest` itself is
    /// missing or (in a store damaged before) not a good copy.
    public func lastGood(of zone: DomainName) throws -> SnapshotManifest? {
        if let latest = try latest(of: zone), latest.verification.passed { return latest }
        return try snapshots(of: zone).last { $0.verification.passed }
    }

    /// A snapshot by id (`20261124T211500Z-2026112401`) or `latest`.
    public func snapshot(of zone: DomainName, id: String) throws -> SnapshotManifest? {
        if id == "latest" { return try latest(of: zone) }
        return try snapshots(of: zone).first { $0.id == id || $0.file == id }
    }

    static func readManifest(_ path: String) throws -> SnapshotManifest {
        let bytes = try RegularFile.read(path, links: .refuse, limit: manifestSizeLimit)
        return try SnapshotManifest.decoder.decode(SnapshotManifest.self, from: Data(bytes))
    }

    /// The zones the manifests in `directory` describe.
    func manifestZones(in directory: String) -> Set<DomainName> {
        guard let names = try? Directory.entries(directory) else { return [] }
        var zones = Set<DomainName>()
        for name in names where SnapshotFileName(parsing: name) != nil && name.hasSuffix(".json") {
            if let manifest = try? Self.readManifest(directory + "/" + name), let zone = try? DomainName(manifest.zone) {
                zones.insert(zone)
            }
        }
        return zones
    }

    /// Where a symbolic link points, nil when `path` is not one.
    public static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
