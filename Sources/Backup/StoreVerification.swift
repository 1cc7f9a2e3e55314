public import DNSCore
public import Foundation
public import Model

/// `dnsward verify`'s work over a store: every snapshot of the chosen zones audited, and
/// `latest` of each judged. Entries of the store that are not zone directories (`.git`,
/// `lost+found`, a stray file) and zone directories with nothing in them are notes, not
/// failures.
public struct StoreVerification: Sendable {
    public struct Outcome: Sendable, Encodable {
        public var audits: [SnapshotAudit] = []
        public var notes: [String] = []

        /// 0 every latest servable, 1 one expiring within the window or a partial copy in
        /// place of a full one, 2 one not servable.
        public var exitStatus: Int32 {
            let latest = audits.filter(\.isLatest)
            if latest.contains(where: { $0.status == .failed || $0.status == .expired }) { return 2 }
            if latest.contains(where: { $0.status == .expiring || $0.replacedFullCopy }) { return 1 }
            return 0
        }
    }

    public let store: SnapshotStore
    /// How early an approaching signature expiry counts.
    public var window: TimeInterval

    public init(store: SnapshotStore, window: TimeInterval = 7 * 86_400) {
        self.store = store
        self.window = window
    }

    /// `zones`: the zones asked for (each must have a good `latest`); nil: every zone the
    /// store holds.
    public func run(zones: [DomainName]?, now: Date = Date()) throws -> Outcome {
        var outcome = Outcome()
        let targets: [DomainName]
        if let zones {
            targets = zones
        } else {
            let stored = try store.storedZones()
            outcome.notes += stored.ignored
            targets = stored.zones.map(\.zone)
        }
        for zone in targets {
            audit(zone, asked: zones != nil, now: now, into: &outcome)
        }
        return outcome
    }

    private func audit(_ zone: DomainName, asked: Bool, now: Date, into outcome: inout Outcome) {
        let directory = store.directory(for: zone)
        let listing: SnapshotStore.Listing
        do {
            listing = try store.listing(of: zone)
        } catch {
            outcome.audits.append(SnapshotAudit(zone: zone.description, id: "-", isLatest: true, status: .failed, usableUntil: nil,
                                                problems: ["cannot read \(directory): \(error)"]))
            return
        }
        outcome.notes += listing.warnings
        let latest = try? store.latest(of: zone)
        let refused = (try? store.listing(of: zone, in: store.refusedDirectory(for: zone)).entries.count) ?? 0
        if !asked && listing.entries.isEmpty && latest == nil && refused == 0 {
            outcome.notes.append("\(directory): no snapshots in it, ignored")
            return
        }
        let newestFull = listing.entries.last { $0.manifest.method == .axfr && $0.manifest.verification.passed }?.manifest
        for entry in listing.entries {
            let isLatest = entry.manifest.file == latest?.file
            var audit = SnapshotAudit.audit(entry.manifest, in: store, zone: zone, isLatest: isLatest, now: now, window: window)
            if isLatest, audit.partial, let full = newestFull {
                audit.replacedFullCopy = true
                audit.notes.append("it took the place of the full copy \(full.id) (\(full.recordCount) records), kept beside it")
            }
            outcome.audits.append(audit)
        }
        if latest == nil {
            let why = refused > 0 ? "; \(refused) refused copies in \(store.refusedDirectory(for: zone))" : ""
            outcome.audits.append(SnapshotAudit(zone: zone.description, id: "-", isLatest: true, status: .failed, usableUntil: nil,
                                                problems: ["no verified snapshot (no latest)" + why]))
        } else if refused > 0 {
            outcome.notes.append("\(zone): \(refused) refused copies kept in \(store.refusedDirectory(for: zone)) for inspection")
        }
    }
}
