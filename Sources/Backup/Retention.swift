import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Model

/// Deletes old snapshots by the policy, never the one `latest` points at and never the
/// newest good full transfer (harvests after it do not push it out). Only files whose
/// names are snapshot names in the zone's own directory are removed, and only those the
/// manifest's own name gives: a manifest naming `../../victim.txt` is reported, never
/// followed.
struct Retention {
    let store: SnapshotStore

    struct Outcome {
        var removed: [String] = []
        var warnings: [String] = []
    }

    func apply(_ policy: RetentionPolicy, zone: DomainName, now: Date = Date()) throws -> Outcome {
        let directory = store.directory(for: zone)
        let listing = try store.listing(of: zone, in: directory)
        var outcome = Outcome(warnings: listing.warnings)
        guard let latest = try store.latest(of: zone) else { return outcome }
        let newestFull = listing.entries.last { $0.manifest.method == .axfr && $0.manifest.verification.passed }
        let protected = Set([latest.file, newestFull?.name.zoneFile].compactMap { $0 })
        let all = listing.entries
        for (index, entry) in all.enumerated() where !protected.contains(entry.name.zoneFile) {
            let newerCount = all.count - index - 1
            let tooMany = policy.keepLast.map { newerCount >= $0 } ?? false
            let tooOld = policy.keepDays.map { now.timeIntervalSince(entry.manifest.finished) > $0 * 86_400 } ?? false
            let remove = policy.keepLast != nil && policy.keepDays != nil ? (tooMany && tooOld) : (tooMany || tooOld)
            guard remove else { continue }
            Self.remove(entry, in: directory)
            outcome.removed.append(entry.manifest.id)
        }
        return outcome
    }

    /// Keeps the newest `keep` refused copies in `refused/`.
    func applyRefused(keep: Int, zone: DomainName) throws -> Outcome {
        let directory = store.refusedDirectory(for: zone)
        let listing = try store.listing(of: zone, in: directory)
        var outcome = Outcome(warnings: listing.warnings)
        for entry in listing.entries.dropLast(max(0, keep)) {
            Self.remove(entry, in: directory)
            outcome.removed.append(SnapshotStore.refusedDirectoryName + "/" + entry.manifest.id)
        }
        return outcome
    }

    private static func remove(_ entry: SnapshotStore.Entry, in directory: String) {
        unlink(directory + "/" + entry.name.zoneFile)
        unlink(directory + "/" + entry.name.manifestFile)
    }
}
