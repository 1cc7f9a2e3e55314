import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Platform
import Model

/// Puts a verified-on-disk copy where it belongs: a good one in the zone's directory, a
/// refused one in `refused/`, each under a name nothing holds yet (same second and serial
/// as another copy: `-2`, `-3`, ...). The zone file first, then its manifest, then (for a
/// good copy) `latest`: a reader following `latest` always finds both, and a refused copy
/// can never take a good one's name, manifest or link.
struct SnapshotPlacement {
    let workspace: ZoneWorkspace

    /// Renames `temporary` into `folder` under a free name built from `started` and
    /// `serial`; returns that name.
    func claim(_ temporary: String, in folder: String, started: Date, serial: UInt32) throws -> SnapshotFileName {
        try Directory.create(folder)
        var name = SnapshotFileName(time: SnapshotStore.timeText(started), serial: serial)
        // Under the zone's lock no other dnsward writes here, so "free, then rename" holds.
        while Directory.somethingExists(at: folder + "/" + name.zoneFile) || Directory.somethingExists(at: folder + "/" + name.manifestFile) {
            name = name.next
        }
        try DurableFile.move(temporary, to: folder + "/" + name.zoneFile)
        return name
    }

    func writeManifest(_ manifest: SnapshotManifest, named name: SnapshotFileName, in folder: String) throws {
        try DurableFile.write(Array(try SnapshotManifest.encoder.encode(manifest)), to: folder + "/" + name.manifestFile)
    }

    /// Moves `latest` with a symlink renamed over the old one: atomic on POSIX.
    func pointLatest(at name: SnapshotFileName) throws {
        try DurableFile.link(workspace.directory + "/latest", to: name.zoneFile)
    }
}
