import Platform
public import DNSCore
/// The zones a store holds, for `verify` without `--zone`: which directories are zone
/// directories, and which entries are something else (`.git`, `lost+found`, a stray file).
extension SnapshotStore {
    public struct StoredZone: Sendable {
        public let zone: DomainName
        public let directory: String
        /// Written with the older directory naming (moved by the next snapshot).
        public let legacy: Bool
    }

    /// Zone directories, by zone; entries that are not one come back as notes.
    public func storedZones() throws -> (zones: [StoredZone], ignored: [String]) {
        guard Directory.somethingExists(at: root) else { return ([], []) }
        var zones: [StoredZone] = []
        var ignored: [String] = []
        for name in try Directory.entries(root).sorted() {
            let path = root + "/" + name
            guard Directory.exists(path) else {
                ignored.append("\(path): not a directory, not a zone")
                continue
            }
            let described = manifestZones(in: path)
            if let zone = ZoneDirectoryName.decode(name), described.isEmpty || described.contains(zone) {
                zones.append(StoredZone(zone: zone, directory: path, legacy: false))
            } else if let zone = described.first(where: { ZoneDirectoryName.legacy($0) == name }) {
                zones.append(StoredZone(zone: zone, directory: path, legacy: true))
            } else {
                ignored.append("\(path): not a zone directory (no zone's directory has this name)")
            }
        }
        // A zone found both in its directory and under its old name is the current one.
        var seen = Set<DomainName>()
        var unique: [StoredZone] = []
        for stored in zones.sorted(by: { !$0.legacy && $1.legacy }) {
            if seen.insert(stored.zone).inserted {
                unique.append(stored)
            } else {
                ignored.append("\(stored.directory): an older copy of \(stored.zone)'s directory beside \(primaryDirectory(for: stored.zone)), not read")
            }
        }
        return (unique.sorted { $0.directory < $1.directory }, ignored)
    }

    /// True when the directory holds nothing of a snapshot: no manifest, no `latest`, no
    /// refused copy (a directory a failed run of an older dnsward left behind).
    public func holdsNothing(_ directory: String) -> Bool {
        guard let names = try? Directory.entries(directory) else { return true }
        for name in names {
            if name == Self.refusedDirectoryName {
                if !((try? Directory.entries(directory + "/" + name)) ?? []).isEmpty { return false }
            } else if name == "latest" || SnapshotFileName(parsing: name) != nil {
                return false
            }
        }
        return true
    }
}
