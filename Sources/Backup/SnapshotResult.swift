public import DNSCore

/// What one snapshot run produced.
public struct SnapshotResult: Sendable {
    public let manifest: SnapshotManifest
    public let path: String
    /// True when the snapshot verified and `latest` now points at it.
    public let promoted: Bool
    /// Snapshots retention removed.
    public let removed: [String]
    /// Sources that were tried and failed, in order.
    public let attempts: [String]
}
