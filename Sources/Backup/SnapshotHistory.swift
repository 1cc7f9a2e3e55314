import DNSCore
import Model

/// The zone's good copies a new one is judged against, read once before the transfer.
struct SnapshotHistory: Sendable {
    /// What `latest` points at (a good copy, unless an older dnsward damaged the store).
    let latest: SnapshotManifest?
    /// The newest copy that passed verification.
    let lastGood: SnapshotManifest?
    /// The newest good full transfer: a harvest never makes it disappear.
    let newestFull: SnapshotManifest?
    /// The newest good harvest.
    let newestHarvest: SnapshotManifest?
    /// Files that look like the store's but were left alone.
    let warnings: [String]

    init(store: SnapshotStore, zone: DomainName) throws {
        let listing = try store.listing(of: zone)
        let good = listing.entries.map(\.manifest).filter(\.verification.passed)
        latest = try store.latest(of: zone)
        lastGood = latest?.verification.passed == true ? latest : good.last
        newestFull = good.last { $0.method == .axfr }
        newestHarvest = good.last { $0.method == .harvest }
        warnings = listing.warnings
    }
}
