public import DNSCore
import Foundation
public import Model

/// A snapshot chosen for restoring: its manifest and the zone file the manifest describes.
public struct RestoreSnapshot: Sendable {
    public let zone: DomainName
    public let manifest: SnapshotManifest
    public let zoneFilePath: String

    public init(zone: DomainName, manifest: SnapshotManifest, zoneFilePath: String) {
        self.zone = zone
        self.manifest = manifest
        self.zoneFilePath = zoneFilePath
    }

    /// The snapshot `id` (or `latest`) of `zone` in `store`.
    public static func load(from store: SnapshotStore, zone: DomainName, id: String = "latest") throws(RestoreError) -> RestoreSnapshot {
        let found: SnapshotManifest?
        do {
            found = try store.snapshot(of: zone, id: id)
        } catch {
            throw RestoreError(.badInput, "cannot read the snapshots of \(zone) in \(store.directory(for: zone)): \(error)")
        }
        guard let manifest = found else {
            throw RestoreError(.badInput, id == "latest"
                ? "no verified snapshot of \(zone): \(store.directory(for: zone))/latest does not point at one"
                : "no snapshot '\(id)' of \(zone) in \(store.directory(for: zone))")
        }
        // The file name comes from the manifest: never let it walk out of the zone's directory.
        guard !manifest.file.contains("/"), manifest.file != "..", manifest.file != "." else {
            throw RestoreError(.refused, "manifest of \(zone) names an odd file '\(manifest.file)'")
        }
        return RestoreSnapshot(zone: zone, manifest: manifest, zoneFilePath: store.zonePath(manifest, zone: zone))
    }

    public var id: String { manifest.id }
    public var isHarvest: Bool { manifest.method == .harvest }

    /// The snapshot's records, read in one go: for harvested (small) snapshots.
    public func records() throws(RestoreError) -> [ResourceRecord] {
        do {
            return try ZoneFileReader.readAll(path: zoneFilePath, origin: zone)
        } catch {
            throw RestoreError(.refused, "snapshot \(zoneFilePath) does not parse: \(error)")
        }
    }

    /// The records owned by `names`, streamed so a large zone never sits in memory whole.
    public func records(ownedBy names: Set<DomainName>) throws(RestoreError) -> [ResourceRecord] {
        do {
            let reader = try ZoneFileReader(path: zoneFilePath, origin: zone)
            var found: [ResourceRecord] = []
            while let record = try reader.nextRecord() {
                if names.contains(record.owner) { found.append(record) }
            }
            return found
        } catch {
            throw RestoreError(.refused, "snapshot \(zoneFilePath) does not parse: \(error)")
        }
    }
}
