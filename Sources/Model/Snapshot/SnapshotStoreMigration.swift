#if canImport(Glibc)
import Glibc
#endif
import Platform
public import DNSCore

/// Moves a zone's snapshots out of a directory named by the older scheme, where the root
/// zone and the zone `root.` both lived in `root`. Run by `snapshot` before it locks the
/// zone's directory; `verify` and `restore` read old stores in place and change nothing.
///
/// A whole directory that is one zone's is renamed (atomic). A shared one is split file by
/// file under the locks of both directories, each zone file before its manifest and
/// `latest` last, so a kill at any moment leaves every snapshot whole in one directory or
/// the other, and the next run carries on.
public struct SnapshotStoreMigration: Sendable {
    public let store: SnapshotStore
    public var lockWait: Duration

    public init(store: SnapshotStore, lockWait: Duration = .seconds(5)) {
        self.store = store
        self.lockWait = lockWait
    }

    /// What was moved, for the run's notes.
    public func prepare(_ zone: DomainName) async throws -> [String] {
        var notes: [String] = []
        let primary = store.primaryDirectory(for: zone)
        let legacy = store.root + "/" + ZoneDirectoryName.legacy(zone)
        // This zone's snapshots under its old name.
        if legacy != primary, Directory.exists(legacy), store.manifestZones(in: legacy).contains(zone) {
            notes += try await move(zone, from: legacy, to: primary)
        }
        // Another zone's snapshots squatting this zone's new name (the root zone in `root`
        // when the zone `root.` is snapshotted).
        if Directory.exists(primary) {
            for other in store.manifestZones(in: primary) where other != zone && ZoneDirectoryName.legacy(other) == ZoneDirectoryName.encode(zone) {
                notes += try await move(other, from: primary, to: store.primaryDirectory(for: other))
            }
        }
        return notes
    }

    private func move(_ zone: DomainName, from source: String, to destination: String) async throws -> [String] {
        let busy = "another dnsward is using \(source); its snapshots of \(zone) are moved to \(destination) by the next run"
        let sourceLock = try await DirectoryLock.acquire(source, wait: lockWait, busy: busy)
        defer { withExtendedLifetime(sourceLock) {} }
        let described = store.manifestZones(in: source)
        if described == [zone], !Directory.somethingExists(at: destination) {
            guard rename(source, destination) == 0 else {
                throw DNSCoreError(.fileAccess, "cannot move \(source) to \(destination): \(errnoText(errno))")
            }
            return ["moved \(source) to \(destination) (the store's directory naming for \(zone))"]
        }
        let destinationLock = try await DirectoryLock.acquire(destination, create: true, wait: lockWait, busy: busy)
        defer { withExtendedLifetime(destinationLock) {} }
        let listing = try store.listing(of: zone, in: source)
        var moved = 0
        for entry in listing.entries {
            let zoneFile = entry.name.zoneFile
            let manifestFile = entry.name.manifestFile
            guard !Directory.somethingExists(at: destination + "/" + manifestFile) else { continue }
            // The zone file is linked in first and unlinked last: whichever side a kill
            // leaves a zone file without its manifest on, the other side still has both,
            // and the orphan a later run removes is only a second name of the same file.
            let from = source + "/" + zoneFile
            let to = destination + "/" + zoneFile
            var linked = false
            if Directory.somethingExists(at: from), !Directory.somethingExists(at: to) {
                linked = link(from, to) == 0
                if !linked { try Self.moveFile(from, to) }
            }
            try Self.moveFile(source + "/" + manifestFile, destination + "/" + manifestFile)
            if linked { unlink(from) }
            moved += 1
        }
        if let target = SnapshotStore.linkTarget(source + "/latest"), !target.contains("/"),
           Directory.somethingExists(at: destination + "/" + target), !Directory.somethingExists(at: destination + "/latest") {
            try Self.moveFile(source + "/latest", destination + "/latest")
        }
        return moved == 0 ? [] : ["moved \(moved) snapshots of \(zone) from \(source) to \(destination) (the store's directory naming)"]
    }

    private static func moveFile(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else {
            throw DNSCoreError(.fileAccess, "cannot move \(from) to \(to): \(errnoText(errno))")
        }
    }
}
