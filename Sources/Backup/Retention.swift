import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Deletes old snapshots by the policy, never the one `latest` points at.
struct Retention {
    let store: SnapshotStore

    func apply(_ policy: RetentionPolicy, zone: DomainName, now: Date = Date()) throws -> [String] {
        let all = try store.snapshots(of: zone)
        guard let latest = try store.latest(of: zone) else { return [] }
        var removed: [String] = []
        for (index, manifest) in all.enumerated() where manifest.file != latest.file {
            let newerCount = all.count - index - 1
            let tooMany = policy.keepLast.map { newerCount >= $0 } ?? false
            let tooOld = policy.keepDays.map { now.timeIntervalSince(manifest.finished) > $0 * 86_400 } ?? false
            let remove = policy.keepLast != nil && policy.keepDays != nil ? (tooMany && tooOld) : (tooMany || tooOld)
            guard remove else { continue }
            let path = store.zonePath(manifest, zone: zone)
            unlink(path)
            unlink(store.manifestPath(forZoneFile: path))
            removed.append(manifest.id)
        }
        return removed
    }
}
