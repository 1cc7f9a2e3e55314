import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Platform
import Model

/// A zone's directory while one snapshot owns it: locked (`DirectoryLock`, so a second
/// run of the same zone waits a little, then stops without touching anything), cleared of
/// what killed runs left, and removed again if the run fails before anything was kept (a
/// misspelled zone must not leave an empty directory behind).
final class ZoneWorkspace: @unchecked Sendable {
    let zone: DomainName
    let directory: String
    var refusedDirectory: String { directory + "/" + SnapshotStore.refusedDirectoryName }
    private let lock: DirectoryLock
    /// What the opening cleaned, for the run's notes.
    private(set) var notes: [String] = []

    static func open(store: SnapshotStore, zone: DomainName, wait: Duration) async throws -> ZoneWorkspace {
        let directory = store.directory(for: zone)
        let seconds = String(format: "%.1f", Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
        let lock = try await DirectoryLock.acquire(
            directory, create: true, wait: wait,
            busy: "another dnsward snapshot of \(zone) is running in \(directory) (waited \(seconds) s): this run stopped and changed nothing")
        let workspace = ZoneWorkspace(zone: zone, directory: directory, lock: lock)
        workspace.removeLeftovers()
        return workspace
    }

    private init(zone: DomainName, directory: String, lock: DirectoryLock) {
        self.zone = zone
        self.directory = directory
        self.lock = lock
    }

    /// A new temporary zone file's path, named so a later run knows whose it was.
    func temporaryZoneFile() -> String {
        directory + "/.tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).zone"
    }

    /// Removes the zone's directory when it holds nothing (the lock keeps its descriptor;
    /// a run waiting for it opens the new one).
    func removeIfEmpty() {
        rmdir(refusedDirectory)
        rmdir(directory)
    }

    /// Temporary files of killed runs (their process is gone), and zone files a run was
    /// killed with before it wrote their manifest: under the lock no other run is writing.
    private func removeLeftovers() {
        var removed = 0
        for folder in [directory, refusedDirectory] {
            guard let names = try? Directory.entries(folder) else { continue }
            let latest = SnapshotStore.linkTarget(directory + "/latest")
            for name in names {
                if Self.isStaleTemporary(name) {
                    if unlink(folder + "/" + name) == 0 { removed += 1 }
                } else if let parsed = SnapshotFileName(parsing: name), name.hasSuffix(".zone"), name != latest,
                          !Directory.somethingExists(at: folder + "/" + parsed.manifestFile) {
                    if unlink(folder + "/" + name) == 0 { removed += 1 }
                }
            }
        }
        if removed > 0 { notes.append("removed \(removed) files that interrupted runs left in \(directory)") }
    }

    /// `.tmp-<pid>-...`, `.chunk-<pid>-...`, `.latest-<pid>`, and AtomicFile's
    /// `<name>.tmp.<pid>.<random>`, whose process no longer runs.
    static func isStaleTemporary(_ name: String) -> Bool {
        var pid: pid_t?
        if name.hasPrefix(".tmp-") || name.hasPrefix(".chunk-") || name.hasPrefix(".latest-") {
            let parts = name.split(separator: "-")
            if parts.count >= 2 { pid = pid_t(parts[1].split(separator: ".").first ?? "") }
        } else if let range = name.range(of: ".tmp.", options: .backwards) {
            let fields = name[range.upperBound...].split(separator: ".")
            if fields.count == 2, UInt32(fields[1]) != nil { pid = pid_t(fields[0]) }
        }
        guard let pid, pid > 0, pid != getpid() else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
