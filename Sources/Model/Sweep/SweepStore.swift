public import Foundation

/// Where a sweep's work list, progress, non-OK findings and census live: SQLite for one
/// host, PostgreSQL for many hosts splitting one TLD (module SweepStorage). The sweep
/// engine sees only this protocol, so it never imports a database.
///
/// Exactly once, across crashes and hosts: a claim leases items to one owner until the
/// lease expires; `record` stores and counts a result only while its item is not done and
/// still leased to the recording owner, in the same transaction that marks it done. So a
/// committed item is never claimed again, an item of a claimer that died comes back once
/// its lease expires, and a claimer that outlived its lease has its late results refused
/// (`SweepCommit.rejected`) instead of counted twice.
///
/// The calls block on the database; implementations run them on threads of their own,
/// never on the concurrency pool.
public protocol SweepStore: Sendable {
    /// Where the store is, for messages (a PostgreSQL URL without its password).
    var location: String { get }

    /// Creates a run and its whole work list in one transaction: `load` adds every
    /// delegation and glue record (streamed; rows go to the database in batches). When
    /// `load` throws, nothing of the run remains.
    func createRun(tld: String, source: SweepSource, started: Date,
                   load: @escaping @Sendable (any SweepWorkListWriter) throws -> Void) async throws -> SweepRun

    func run(id: Int64) async throws -> SweepRun?
    /// Runs of `tld` (all TLDs when nil), newest first.
    func runs(tld: String?) async throws -> [SweepRun]

    /// Leases up to `count` items that are not done and not under a live lease, in work-list
    /// order, to `owner` for `lease`. Concurrent claimers never get the same item.
    func claim(run: Int64, owner: String, count: Int, lease: Duration) async throws -> [SweepItem]
    /// Extends the leases `owner` holds in `run` (a long batch); returns how many.
    func renew(run: Int64, owner: String, lease: Duration) async throws -> Int
    /// Gives back the items `owner` holds without results (a clean stop), so others need
    /// not wait for the lease; returns how many.
    func release(run: Int64, owner: String) async throws -> Int

    /// Marks the items done with their results, stores the non-OK findings and adds the
    /// batch to the census, in one transaction; results of items `owner` does not hold are
    /// rejected.
    func record(run: Int64, owner: String, results: [SweepZoneResult]) async throws -> SweepCommit

    func progress(run: Int64) async throws -> SweepProgress
    /// Sets the run's finish time once every item is done; false while some are not.
    func finish(run: Int64, at: Date) async throws -> Bool

    func census(run: Int64) async throws -> SweepCensus
    /// Zones of one kind of change against the previous run, in name order, at most `limit`.
    func changes(run: Int64, kind: SweepChange.Kind, limit: Int) async throws -> [String]
    /// The stored (non-OK) findings of a run, of one zone when given, in zone order.
    func findings(run: Int64, zone: String?, limit: Int) async throws -> [Finding]
    /// The status of each done zone (for tests and the report's lists), in zone order.
    func statuses(run: Int64, limit: Int) async throws -> [(zone: String, status: Severity)]
}

/// What `SweepStore.createRun` hands its loader: add each delegation once (a zone added
/// twice is an error naming it) and every glue record.
public protocol SweepWorkListWriter: AnyObject {
    func add(_ delegation: SweepDelegation) throws
    func add(_ glue: SweepGlue) throws
}

/// A store that cannot be opened, read or written, naming where it is.
public struct SweepStoreError: Error, Sendable, CustomStringConvertible {
    public let location: String
    public let reason: String

    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String { "sweep store \(location): \(reason)" }
}
