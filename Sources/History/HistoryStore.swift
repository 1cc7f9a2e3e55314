public import DNSCore
public import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif
public import Platform
public import Model

/// Probe runs kept in SQLite: their findings and measurements, and when each serial of a
/// zone was first and last seen, which is how the probe knows how long a server has lagged.
///
/// Dates are stored as UTC text to the millisecond (`2026-08-22 10:00:00.000`), readable
/// with the `sqlite3` shell. Every error names the database file.
public final class HistoryStore: Sendable {
    public let path: String
    private let queue: DatabaseQueue

    /// Opens the database, creating it and its parent directories when missing, and brings
    /// its tables up to date.
    public init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try Self.createDirectories(directory, for: path)
        }
        var configuration = Configuration()
        // A cron run and `dnsward report` may hold the file at once; wait rather than fail.
        configuration.busyMode = .timeout(10)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try HistorySchema.migrator.migrate(queue)
        } catch {
            throw Self.failure(path, "cannot open", error)
        }
    }

    /// Records a run with its findings and measurements, and notes the serials it saw.
    /// Returns the run's id.
    @discardableResult
    public func append(_ run: ProbeRun) throws -> Int64 {
        let writer = try beginRun(started: run.started, zones: run.zones.count, resolvers: run.resolvers)
        var expiries = run.dnssecExpiry.sorted { $0.key < $1.key }[...]
        // The expiries ride on zone batches, one each; the findings and measurements on the first.
        writer.add(ProbeBatch(zone: expiries.first?.key, findings: run.findings, measurements: run.measurements,
                              dnssecExpiry: expiries.popFirst()?.value))
        for (zone, expiry) in expiries { writer.add(ProbeBatch(zone: zone, findings: [], dnssecExpiry: expiry)) }
        try writer.finish(finished: run.finished, status: run.status, critical: run.count(.critical),
                          warning: run.count(.warning), unknown: run.count(.unknown))
        return writer.runID
    }

    /// Starts recording a run whose findings come in batches (`HistoryRunWriter`): its row
    /// says UNKNOWN until `finish`.
    public func beginRun(started: Date, zones: Int, resolvers: [String]) throws -> HistoryRunWriter {
        try HistoryRunWriter(queue: queue, path: path, started: started, zones: zones, resolvers: resolvers)
    }

    /// When a run first saw `serial` in `zone`: the start of how long servers lag behind it.
    public func firstSeen(zone: String, serial: UInt32) throws -> Date? {
        try sighting(zone: zone, serial: serial)?.firstSeen
    }

    /// When a run first saw any serial of `zone`: the start of history's watch over it.
    public func zoneFirstSeen(_ zone: String) throws -> Date? {
        try access("cannot read serial sightings") {
            try queue.read { db in
                try Date.fetchOne(db, sql: "SELECT min(first_seen) FROM serial_seen WHERE zone = ?", arguments: [zone])
            }
        }
    }

    public func sighting(zone: String, serial: UInt32) throws -> SerialSighting? {
        try access("cannot read serial sightings") {
            try queue.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT first_seen, last_seen FROM serial_seen WHERE zone = ? AND serial = ?",
                    arguments: [zone, serial]
                ).map { row in
                    SerialSighting(zone: zone, serial: serial, firstSeen: row["first_seen"], lastSeen: row["last_seen"])
                }
            }
        }
    }

    /// The latest runs, newest first.
    public func recentRuns(limit: Int) throws -> [RunSummary] {
        // SQLite reads a negative LIMIT as "no limit".
        guard limit > 0 else { return [] }
        return try access("cannot read runs") {
            try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY started DESC, id DESC LIMIT ?", arguments: [limit])
                    .map(Self.summary)
            }
        }
    }

    /// A run's findings in the order the run had them; empty for an unknown run.
    public func findings(runID: Int64) throws -> [Finding] {
        try access("cannot read the findings of run \(runID)") {
            try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM finding WHERE run_id = ? ORDER BY rowid", arguments: [runID])
                    .map(Self.finding)
            }
        }
    }

    /// A run's measurements in the order the run had them; empty for an unknown run.
    public func measurements(runID: Int64) throws -> [Model.Measurement] {
        try access("cannot read the measurements of run \(runID)") {
            try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM measurement WHERE run_id = ? ORDER BY rowid", arguments: [runID])
                    .map(Self.measurement)
            }
        }
    }

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    private static func summary(_ row: Row) throws -> RunSummary {
        let resolvers: String? = row["resolvers"]
        return RunSummary(
            id: row["id"], started: row["started"], finished: row["finished"],
            status: try decode(Severity.self, row["status"], column: "run.status"),
            critical: row["critical"], warning: row["warning"], unknown: row["unknown"], zones: row["zones"],
            resolvers: try resolvers.map { try decoder.decode([String].self, from: Data($0.utf8)) })
    }

    private static func finding(_ row: Row) throws -> Finding {
        let transport: String? = row["transport"]
        let parameters: FindingParameters
        if let stored: String = row["parameters"] {
            parameters = try decoder.decode(FindingParameters.self, from: Data(stored.utf8))
        } else {
            // A v1 row: its evidence was text only.
            let evidence: String = row["evidence"]
            parameters = FindingParameters(try decoder.decode([String: String].self, from: Data(evidence.utf8)).mapValues(FindingValue.text))
        }
        return Finding(
            check: CheckID(row["check"] as String),
            severity: try decode(Severity.self, row["severity"], column: "finding.severity"),
            reason: Reason(row["reason"] as String), parameters: parameters,
            zone: row["zone"], server: row["server"], address: row["address"],
            transport: try transport.map { try decode(TransportProtocol.self, $0, column: "finding.transport") },
            message: row["message"], time: row["time"])
    }

    private static func measurement(_ row: Row) throws -> Model.Measurement {
        Model.Measurement(
            zone: row["zone"], server: row["server"], address: row["address"],
            transport: try decode(TransportProtocol.self, row["transport"], column: "measurement.transport"),
            rtt: row["rtt"], serial: row["serial"])
    }

    /// A zone's backup event (snapshot taken, refused, failed; a copy verified).
    public func record(_ event: SnapshotEvent) throws {
        try access("cannot record the snapshot event") { try queue.write { db in try Stored(event).insert(db) } }
    }

    /// A restore, undo, fallback switch or drill.
    public func record(_ event: RestoreEvent) throws {
        try access("cannot record the restore event") { try queue.write { db in try Stored(event).insert(db) } }
    }

    /// A headroom run's figures.
    public func record(_ summary: HeadroomSummary) throws {
        try access("cannot record the headroom run") { try queue.write { db in try Stored(summary).insert(db) } }
    }

    /// Probe runs started at or after `since` (all when nil), oldest first.
    public func runs(since: Date? = nil) throws -> [RunSummary] {
        try access("cannot read runs") {
            try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM run WHERE started >= ? ORDER BY started, id",
                                 arguments: [since ?? .distantPast]).map(Self.summary)
            }
        }
    }

    /// The findings of the runs started at or after `since`, oldest run first, each with
    /// its run's id; only those of `zones` when given (findings without a zone, about a
    /// resolver or the run itself, always come).
    public func findings(since: Date? = nil, zones: [String]? = nil) throws -> [(runID: Int64, finding: Finding)] {
        try access("cannot read findings") {
            try queue.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT finding.* FROM finding JOIN run ON run.id = finding.run_id
                    WHERE run.started >= ? ORDER BY run.started, run.id, finding.rowid
                    """, arguments: [since ?? .distantPast])
                let wanted = zones.map(Set.init)
                return try rows.compactMap { row in
                    let finding = try Self.finding(row)
                    if let wanted, let zone = finding.zone, !wanted.contains(zone) { return nil }
                    return (row["run_id"], finding)
                }
            }
        }
    }

    /// Only the findings a report groups into problems and incidents: those not OK, and those
    /// with one of `reasons` whatever their severity (a serial lag inside its tolerance).
    /// A week of five-minute runs holds hundreds of thousands of OK findings the report never
    /// reads; this leaves them in the database.
    public func problemFindings(since: Date? = nil, alsoReasons reasons: [Reason] = []) throws -> [(runID: Int64, finding: Finding)] {
        try access("cannot read findings") {
            try queue.read { db in
                let marks = reasons.isEmpty ? "" : " OR finding.reason IN (" + reasons.map { _ in "?" }.joined(separator: ", ") + ")"
                let arguments = StatementArguments([since ?? .distantPast, Severity.ok.rawValue] as [any DatabaseValueConvertible])
                    + StatementArguments(reasons.map(\.rawValue))
                return try Row.fetchAll(db, sql: """
                    SELECT finding.* FROM finding JOIN run ON run.id = finding.run_id
                    WHERE run.started >= ? AND (finding.severity != ?\(marks)) ORDER BY run.started, run.id, finding.rowid
                    """, arguments: arguments).map { row in (row["run_id"], try Self.finding(row)) }
            }
        }
    }

    /// Which runs since `since` looked at which zone (any finding about it), oldest first: how
    /// a report knows a problem is still there, or went away, without reading every finding.
    public func zoneRuns(since: Date? = nil) throws -> [(zone: String, started: Date)] {
        try access("cannot read findings") {
            try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT DISTINCT finding.zone AS zone, run.started AS started FROM finding JOIN run ON run.id = finding.run_id
                    WHERE run.started >= ? AND finding.zone IS NOT NULL ORDER BY run.started, finding.zone
                    """, arguments: [since ?? .distantPast]).map { ($0["zone"], $0["started"]) }
            }
        }
    }

    /// Measurements of the runs started at or after `since`, with each run's start.
    public func measurements(since: Date? = nil) throws -> [(started: Date, measurement: Model.Measurement)] {
        try access("cannot read measurements") {
            try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT measurement.*, run.started AS run_started FROM measurement JOIN run ON run.id = measurement.run_id
                    WHERE run.started >= ? ORDER BY run.started, run.id, measurement.rowid
                    """, arguments: [since ?? .distantPast]).map { row in
                    (row["run_started"], try Self.measurement(row))
                }
            }
        }
    }

    /// The earliest RRSIG expiration per zone, as each run since `since` saw it.
    public func dnssecExpiries(since: Date? = nil) throws -> [(started: Date, zone: String, expiry: Date)] {
        try access("cannot read DNSSEC expiries") {
            try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT run.started, dnssec_expiry.zone, dnssec_expiry.expiry FROM dnssec_expiry
                    JOIN run ON run.id = dnssec_expiry.run_id WHERE run.started >= ? ORDER BY run.started, dnssec_expiry.zone
                    """, arguments: [since ?? .distantPast]).map { ($0["started"], $0["zone"], $0["expiry"]) }
            }
        }
    }

    public func snapshotEvents(since: Date? = nil) throws -> [SnapshotEvent] {
        try events(SnapshotEvent.self, timeColumn: "time", since: since)
    }

    public func restoreEvents(since: Date? = nil) throws -> [RestoreEvent] {
        try events(RestoreEvent.self, timeColumn: "time", since: since)
    }

    public func headroomRuns(since: Date? = nil) throws -> [HeadroomSummary] {
        try events(HeadroomSummary.self, timeColumn: "started", since: since)
    }

    private func events<Value: StoredValue>(_ type: Value.Type, timeColumn: String, since: Date?) throws -> [Value] {
        try access("cannot read \(Value.table)") {
            try queue.read { db in
                try Stored<Value>.fetchAll(db, sql: "SELECT * FROM \(Value.table) WHERE \(timeColumn) >= ? ORDER BY \(timeColumn), id",
                                           arguments: [since ?? .distantPast]).map(\.value)
            }
        }
    }

    /// Deletes the runs started before `date` with their findings and measurements, and the
    /// serials no kept run saw. Returns how many runs went.
    @discardableResult
    public func prune(keepingRunsNewerThan date: Date) throws -> Int {
        try access("cannot prune") {
            try queue.write { db in
                try db.execute(sql: "DELETE FROM run WHERE started < ?", arguments: [date])
                let removed = db.changesCount
                try db.execute(sql: "DELETE FROM serial_seen WHERE last_seen < ?", arguments: [date])
                return removed
            }
        }
    }

    private func access<T>(_ action: String, _ body: () throws -> T) throws -> T {
        try Self.access(path, action, body)
    }

    static func access<T>(_ path: String, _ action: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw failure(path, action, error)
        }
    }

    static func failure(_ path: String, _ action: String, _ error: any Error) -> HistoryError {
        if let error = error as? HistoryError { return error }
        if let error = error as? DatabaseError {
            return HistoryError(
                path: path, reason: "\(action): \(error.message ?? "SQLite error") (SQLite error \(error.resultCode.rawValue))")
        }
        return HistoryError(path: path, reason: "\(action): \(error)")
    }

    private static func decode<T: RawRepresentable>(_ type: T.Type, _ text: String, column: String) throws -> T
    where T.RawValue == String {
        guard let value = T(rawValue: text) else { throw CorruptValue(column: column, value: text) }
        return value
    }

    private struct CorruptValue: Error, CustomStringConvertible {
        let column: String
        let value: String
        var description: String { "unexpected \(column) '\(value)'" }
    }

    /// mkdir one level at a time, so the error says which directory could not be made and why.
    private static func createDirectories(_ directory: String, for path: String) throws {
        var partial = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o755) != 0 && errno != EEXIST {
                let reason = errnoText(errno)
                throw HistoryError(path: path, reason: "cannot create the directory \(partial): \(reason)")
            }
        }
    }
}
