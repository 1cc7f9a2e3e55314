public import Foundation

/// The on-disk layout of backups: `<root>/<zone>/<UTC time>-<serial>.zone`, a `.json`
/// manifest beside each, and a `latest` symlink that moves only to a verified snapshot.
public struct SnapshotStore: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// A zone's directory; the name is the zone in lowercase presentation form without the
    /// final dot (`example.org`, `.` is `root`), with `/` impossible in a DNS label escaped.
    public func directory(for zone: DomainName) -> String {
        root + "/" + Self.directoryName(for: zone)
    }

    public static func directoryName(for zone: DomainName) -> String {
        if zone.isRoot { return "root" }
        var text = zone.lowercased().description
        text.removeLast()
        // `\047` keeps a slash in a label (legal in DNS) from becoming a path separator.
        return text.replacingOccurrences(of: "/", with: "\\047")
    }

    public static func fileName(time: Date, serial: UInt32) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "\(formatter.string(from: time))-\(serial).zone"
    }

    public func zonePath(_ manifest: SnapshotManifest, zone: DomainName) -> String {
        directory(for: zone) + "/" + manifest.file
    }

    public func manifestPath(forZoneFile path: String) -> String {
        (path.hasSuffix(".zone") ? String(path.dropLast(5)) : path) + ".json"
    }

    /// Every snapshot of the zone with a readable manifest, oldest first.
    public func snapshots(of zone: DomainName) throws -> [SnapshotManifest] {
        let directory = directory(for: zone)
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { return nil }
            return try? SnapshotManifest.decoder.decode(SnapshotManifest.self, from: data)
        }
    }

    /// The snapshot `latest` points at, if any.
    public func latest(of zone: DomainName) throws -> SnapshotManifest? {
        let link = directory(for: zone) + "/latest"
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link) else { return nil }
        let name = (target as NSString).lastPathComponent
        return try snapshots(of: zone).first { $0.file == name }
    }

    /// A snapshot by id (`20261124T211500Z-2026112401`) or `latest`.
    public func snapshot(of zone: DomainName, id: String) throws -> SnapshotManifest? {
        if id == "latest" { return try latest(of: zone) }
        return try snapshots(of: zone).first { $0.id == id || $0.file == id }
    }

    /// Zones with a directory in the store.
    public func zones() throws -> [String] {
        guard FileManager.default.fileExists(atPath: root) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: root).sorted().filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }
}
