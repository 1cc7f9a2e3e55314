public import DNSCore
public import Model

/// What one snapshot run produced.
public struct SnapshotResult: Sendable {
    public let manifest: SnapshotManifest
    /// Where the copy is: in the zone's directory when promoted, in `refused/` when not.
    public let path: String
    /// True when the snapshot verified and `latest` now points at it.
    public let promoted: Bool
    /// Snapshots retention removed (refused copies included).
    public let removed: [String]
    /// Sources that were tried and failed, in order.
    public let attempts: [String]
    /// Why a harvest was taken instead of a transfer; nil for a transfer.
    public let partialReason: String?
    /// What `latest` pointed at before (and still does when the copy was refused).
    public let previousLatest: String?
    /// Files in the store that were left alone, and what the run moved or cleaned.
    public let warnings: [String]
    public let notes: [String]
}
