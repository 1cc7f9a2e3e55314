import DNSCore
public import Foundation
import GRDB
public import Model

/// The sweep store for one host: SQLite through GRDB, in a file of its own (see
/// `SQLiteSweepSchema` for why not the history's). Claims and commits are IMMEDIATE
/// transactions, so two processes (or two stores) on one file take turns and never get the
/// same item; the lease clock is this host's.
public final class SQLiteSweepStore: SweepStore {
    public let path: String
    public var location: String { path }
    private let pool: DatabasePool

    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            pool = try DatabasePool(path: path, configuration: configuration)
            try SQLiteSweepSchema.migrator.migrate(pool)
        } catch {
            throw Self.failure(path, "cannot open", error)
        }
    }

    public func createRun(tld: String, source: SweepSource, started: Date,
                          load: @escaping @Sendable (any SweepWorkListWriter) throws -> Void) async throws -> SweepRun {
        try await access("cannot create the run") {
            try await pool.writeWithoutTransaction { db in
                var run: SweepRun?
                try db.inTransaction(.immediate) {
                    try db.execute(sql: """
                        INSERT INTO sweep_run (tld, started, source_kind, source_path) VALUES (?, ?, ?, ?)
                        """, arguments: [tld, started.timeIntervalSince1970, source.kind.rawValue, source.path])
                    let id = db.lastInsertedRowID
                    let writer = try Writer(db: db, run: id, path: self.path)
                    try load(writer)
                    try db.execute(sql: "UPDATE sweep_run SET zones = ? WHERE id = ?", arguments: [writer.count, id])
                    run = SweepRun(id: id, tld: tld, started: started, source: source, zones: writer.count, finished: nil)
                    return .commit
                }
                return run!
            }
        }
    }

    /// Adds rows through prepared statements inside the run's transaction.
    private final class Writer: SweepWorkListWriter {
        let db: Database
        let run: Int64
        let path: String
        let work: Statement
        let host: Statement
        var count = 0

        init(db: Database, run: Int64, path: String) throws {
            self.db = db
            self.run = run
            self.path = path
            work = try db.makeStatement(sql: "INSERT INTO sweep_work (run_id, seq, zone, name_servers, ds) VALUES (?, ?, ?, ?, ?)")
            host = try db.makeStatement(sql: "INSERT OR IGNORE INTO sweep_host (run_id, name, address) VALUES (?, ?, ?)")
        }

        func add(_ delegation: SweepDelegation) throws {
            do {
                try work.execute(arguments: [run, count + 1, delegation.zone, SweepColumns.names(delegation.nameServers),
                                             SweepColumns.ds(delegation.ds)])
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw SweepStoreError(location: path, reason: "the work list names \(delegation.zone) twice "
                    + "(a zone file must keep each delegation's NS records together)")
            }
            count += 1
        }

        func add(_ glue: SweepGlue) throws {
            try host.execute(arguments: [run, glue.name, glue.address])
        }
    }

    public func run(id: Int64) async throws -> SweepRun? {
        try await access("cannot read run \(id)") {
            try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM sweep_run WHERE id = ?", arguments: [id]).map(Self.run)
            }
        }
    }

    public func runs(tld: String?) async throws -> [SweepRun] {
        try await access("cannot read runs") {
            try await pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT * FROM sweep_run WHERE ? IS NULL OR tld = ? ORDER BY started DESC, id DESC
                    """, arguments: [tld, tld]).map(Self.run)
            }
        }
    }

    private static func run(_ row: Row) throws -> SweepRun {
        let finished: Double? = row["finished"]
        return SweepRun(id: row["id"], tld: row["tld"], started: Date(timeIntervalSince1970: row["started"]),
                        source: try SweepColumns.source(kind: row["source_kind"], path: row["source_path"]),
                        zones: row["zones"], finished: finished.map(Date.init(timeIntervalSince1970:)))
    }

    public func claim(run: Int64, owner: String, count: Int, lease: Duration) async throws -> [SweepItem] {
        guard count > 0 else { return [] }
        return try await access("cannot claim work of run \(run)") {
            try await pool.writeWithoutTransaction { db in
                var items: [SweepItem] = []
                try db.inTransaction(.immediate) {
                    let now = Date().timeIntervalSince1970
                    let rows = try Row.fetchAll(db, sql: """
                        UPDATE sweep_work SET lease_owner = ?, lease_expires = ?, claims = claims + 1
                        WHERE run_id = ? AND seq IN (
                            SELECT seq FROM sweep_work
                            WHERE run_id = ? AND done = 0 AND (lease_expires IS NULL OR lease_expires < ?)
                            ORDER BY seq LIMIT ?)
                        RETURNING seq, zone, name_servers, ds
                        """, arguments: [owner, now + lease.seconds, run, run, now, count])
                    let delegations = rows.map { row in
                        (sequence: row["seq"] as Int64,
                         delegation: SweepDelegation(zone: row["zone"], nameServers: SweepColumns.names(row["name_servers"]),
                                                     ds: SweepColumns.ds(row["ds"])))
                    }.sorted { $0.sequence < $1.sequence }
                    let names = Array(Set(delegations.flatMap(\.delegation.nameServers)))
                    var glueRows: [(name: String, address: String)] = []
                    for chunk in stride(from: 0, to: names.count, by: 500).map({ Array(names[$0..<min($0 + 500, names.count)]) }) {
                        let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                        glueRows += try Row.fetchAll(db, sql: "SELECT name, address FROM sweep_host WHERE run_id = ? AND name IN (\(marks))",
                                                     arguments: StatementArguments([run] + chunk as [any DatabaseValueConvertible]))
                            .map { ($0["name"], $0["address"]) }
                    }
                    let glue = SweepColumns.glue(glueRows)
                    items = delegations.map { entry in
                        SweepItem(sequence: entry.sequence, delegation: entry.delegation,
                                  glue: glue.filter { entry.delegation.nameServers.contains($0.key) })
                    }
                    return .commit
                }
                return items
            }
        }
    }

    public func renew(run: Int64, owner: String, lease: Duration) async throws -> Int {
        try await access("cannot renew leases of run \(run)") {
            try await pool.write { db in
                try db.execute(sql: "UPDATE sweep_work SET lease_expires = ? WHERE run_id = ? AND lease_owner = ? AND done = 0",
                               arguments: [Date().timeIntervalSince1970 + lease.seconds, run, owner])
                return db.changesCount
            }
        }
    }

    public func release(run: Int64, owner: String) async throws -> Int {
        try await access("cannot release leases of run \(run)") {
            try await pool.write { db in
                try db.execute(sql: """
                    UPDATE sweep_work SET lease_owner = NULL, lease_expires = NULL WHERE run_id = ? AND lease_owner = ? AND done = 0
                    """, arguments: [run, owner])
                return db.changesCount
            }
        }
    }

    public func record(run: Int64, owner: String, results: [SweepZoneResult]) async throws -> SweepCommit {
        guard !results.isEmpty else { return SweepCommit(accepted: 0, rejected: []) }
        return try await access("cannot record results of run \(run)") {
            try await pool.writeWithoutTransaction { db in
                var commit = SweepCommit(accepted: 0, rejected: [])
                try db.inTransaction(.immediate) {
                    let now = Date().timeIntervalSince1970
                    let mark = try db.makeStatement(sql: """
                        UPDATE sweep_work SET done = 1, status = ?, finished = ?, lease_expires = NULL
                        WHERE run_id = ? AND seq = ? AND lease_owner = ? AND done = 0
                        """)
                    let insertFinding = try db.makeStatement(sql: """
                        INSERT INTO sweep_finding (run_id, zone, "check", severity, reason, server, address, transport, parameters, time)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                    var accepted: [SweepZoneResult] = []
                    var rejected: [String] = []
                    for result in results {
                        try mark.execute(arguments: [result.status.rawValue, now, run, result.sequence, owner])
                        guard db.changesCount == 1 else {
                            rejected.append(result.zone)
                            continue
                        }
                        accepted.append(result)
                        for finding in result.findings {
                            try insertFinding.execute(arguments: [
                                run, result.zone, finding.check.rawValue, finding.severity.rawValue, finding.reason.rawValue,
                                finding.server, finding.address, finding.transport?.rawValue,
                                try SweepColumns.parameters(finding.parameters), finding.time.timeIntervalSince1970,
                            ])
                        }
                    }
                    let tally = SweepTally(accepted)
                    for (status, zones) in tally.sortedStatuses {
                        try db.execute(sql: """
                            INSERT INTO sweep_status (run_id, status, zones) VALUES (?, ?, ?)
                            ON CONFLICT (run_id, status) DO UPDATE SET zones = zones + excluded.zones
                            """, arguments: [run, status.rawValue, zones])
                    }
                    for (key, zones, findings) in tally.sortedReasons {
                        try db.execute(sql: """
                            INSERT INTO sweep_reason (run_id, "check", reason, severity, zones, findings) VALUES (?, ?, ?, ?, ?, ?)
                            ON CONFLICT (run_id, "check", reason, severity)
                            DO UPDATE SET zones = zones + excluded.zones, findings = findings + excluded.findings
                            """, arguments: [run, key.check.rawValue, key.reason.rawValue, key.severity.rawValue, zones, findings])
                    }
                    for (name, zones, broken) in tally.sortedOperators {
                        try db.execute(sql: """
                            INSERT INTO sweep_operator (run_id, operator, zones, broken) VALUES (?, ?, ?, ?)
                            ON CONFLICT (run_id, operator) DO UPDATE SET zones = zones + excluded.zones, broken = broken + excluded.broken
                            """, arguments: [run, name, zones, broken])
                    }
                    commit = SweepCommit(accepted: accepted.count, rejected: rejected)
                    return .commit
                }
                return commit
            }
        }
    }

    public func progress(run: Int64) async throws -> SweepProgress {
        try await access("cannot read the progress of run \(run)") {
            try await pool.read { db in try Self.progress(db, run: run) }
        }
    }

    private static func progress(_ db: Database, run: Int64) throws -> SweepProgress {
        let total = try Int.fetchOne(db, sql: "SELECT zones FROM sweep_run WHERE id = ?", arguments: [run]) ?? 0
        let done = try Int.fetchOne(db, sql: "SELECT coalesce(sum(zones), 0) FROM sweep_status WHERE run_id = ?", arguments: [run]) ?? 0
        let leased = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM sweep_work WHERE run_id = ? AND done = 0 AND lease_expires >= ?
            """, arguments: [run, Date().timeIntervalSince1970]) ?? 0
        return SweepProgress(total: total, done: done, leased: leased)
    }

    public func finish(run: Int64, at date: Date) async throws -> Bool {
        try await access("cannot finish run \(run)") {
            try await pool.write { db in
                guard try Self.progress(db, run: run).isComplete else { return false }
                try db.execute(sql: "UPDATE sweep_run SET finished = coalesce(finished, ?) WHERE id = ?",
                               arguments: [date.timeIntervalSince1970, run])
                return true
            }
        }
    }

    public func census(run: Int64) async throws -> SweepCensus {
        try await access("cannot read the census of run \(run)") {
            try await pool.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sweep_run WHERE id = ?", arguments: [run]) else {
                    throw SweepStoreError(location: self.path, reason: "no sweep run \(run)")
                }
                let sweep = try Self.run(row)
                var statuses: [Severity: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT status, zones FROM sweep_status WHERE run_id = ?", arguments: [run]) {
                    statuses[try SweepColumns.severity(row["status"], column: "sweep_status.status")] = row["zones"]
                }
                let reasons = try Row.fetchAll(db, sql: """
                    SELECT "check", reason, severity, zones, findings FROM sweep_reason WHERE run_id = ?
                    """, arguments: [run]).map { row in
                    ReasonCount(check: CheckID(row["check"] as String), reason: Reason(row["reason"] as String),
                                severity: try SweepColumns.severity(row["severity"], column: "sweep_reason.severity"),
                                zones: row["zones"], findings: row["findings"])
                }
                let operators = try Row.fetchAll(db, sql: """
                    SELECT operator, zones, broken FROM sweep_operator WHERE run_id = ? ORDER BY zones DESC, operator
                    """, arguments: [run]).map { OperatorCount(name: $0["operator"], zones: $0["zones"], broken: $0["broken"]) }
                var change: SweepChange?
                if let previous = try Self.previousRun(db, of: sweep) {
                    let counts = try Row.fetchOne(db, sql: SweepSQL.text(SweepSQL.changeCounts, .sqlite),
                                                  arguments: ["prev": previous, "run": run])!
                    change = SweepChange(previousRun: previous, counts: [
                        .newlyBroken: counts["new"], .fixed: counts["fixed"], .stillBroken: counts["still"], .gone: counts["gone"],
                    ])
                }
                return SweepCensus(run: sweep, progress: try Self.progress(db, run: run), statuses: statuses,
                                   reasons: SweepSQL.worstFirst(reasons), operators: operators, change: change)
            }
        }
    }

    private static func previousRun(_ db: Database, of run: SweepRun) throws -> Int64? {
        try Int64.fetchOne(db, sql: SweepSQL.text(SweepSQL.previousRun, .sqlite),
                           arguments: ["tld": run.tld, "run": run.id, "started": run.started.timeIntervalSince1970])
    }

    public func changes(run: Int64, kind: SweepChange.Kind, limit: Int) async throws -> [String] {
        guard limit > 0 else { return [] }
        return try await access("cannot read the changes of run \(run)") {
            try await pool.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sweep_run WHERE id = ?", arguments: [run]),
                      let previous = try Self.previousRun(db, of: try Self.run(row)) else { return [] }
                return try String.fetchAll(db, sql: SweepSQL.text(SweepSQL.changedZones(kind), .sqlite),
                                           arguments: ["prev": previous, "run": run, "limit": limit])
            }
        }
    }

    public func findings(run: Int64, zone: String?, limit: Int) async throws -> [Finding] {
        guard limit > 0 else { return [] }
        return try await access("cannot read the findings of run \(run)") {
            try await pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT * FROM sweep_finding WHERE run_id = ? AND (? IS NULL OR zone = ?) ORDER BY zone, rowid LIMIT ?
                    """, arguments: [run, zone, zone, limit]).map { row in
                    try SweepColumns.finding(zone: row["zone"], check: row["check"], severity: row["severity"], reason: row["reason"],
                                             server: row["server"], address: row["address"], transport: row["transport"],
                                             parameters: row["parameters"], time: Date(timeIntervalSince1970: row["time"]))
                }
            }
        }
    }

    public func statuses(run: Int64, limit: Int) async throws -> [(zone: String, status: Severity)] {
        guard limit > 0 else { return [] }
        return try await access("cannot read the statuses of run \(run)") {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT zone, status FROM sweep_work WHERE run_id = ? AND done = 1 ORDER BY zone LIMIT ?",
                                 arguments: [run, limit]).map { row in
                    (row["zone"], try SweepColumns.severity(row["status"], column: "sweep_work.status"))
                }
            }
        }
    }

    private func access<T>(_ action: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw Self.failure(path, action, error)
        }
    }

    private static func failure(_ path: String, _ action: String, _ error: any Error) -> SweepStoreError {
        if let error = error as? SweepStoreError { return error }
        if let error = error as? DatabaseError {
            return SweepStoreError(location: path,
                                   reason: "\(action): \(error.message ?? "SQLite error") (SQLite error \(error.resultCode.rawValue))")
        }
        return SweepStoreError(location: path, reason: "\(action): \(error)")
    }
}
