import Dispatch
import DNSCore
public import Foundation
public import Model

/// The sweep store for many hosts: PostgreSQL through libpq (see README "Sweep storage"
/// for libpq over PostgresNIO). Every host runs against the same database; a claim is
/// `SELECT ... FOR UPDATE SKIP LOCKED` inside an UPDATE, so concurrent claimers never wait
/// for each other nor get the same item, and every lease is timed by the database's clock
/// (`clock_timestamp()`), so hosts whose clocks disagree still agree on expiry.
///
/// One connection per store, used on a serial queue of its own: libpq blocks, and the
/// concurrency pool must not.
public final class PostgreSQLSweepStore: SweepStore, @unchecked Sendable {
    public let location: String
    private let connection: PGConnection
    private let queue: DispatchQueue

    /// `url`: a libpq connection string or URI, `postgresql://user@host:port/database`.
    public init(url: String) throws {
        connection = try PGConnection(url: url)
        location = connection.location
        queue = DispatchQueue(label: "dnsward.sweep.postgresql")
        do {
            try PostgreSQLSweepSchema.migrate(connection)
        } catch {
            throw Self.failure(location, "cannot create the sweep tables", error)
        }
    }

    private func perform<T: Sendable>(_ action: String, _ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        let connection = connection
        let location = location
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do {
                    continuation.resume(returning: try body(connection))
                } catch {
                    continuation.resume(throwing: Self.failure(location, action, error))
                }
            }
        }
    }

    /// A transaction, tried again when the server aborted it for a deadlock or a
    /// serialization failure (another host's transaction won); each attempt starts afresh.
    private static func retrying<T>(_ connection: PGConnection, _ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try connection.transaction(body)
            } catch let error as PGError where (error.state == "40P01" || error.state == "40001") && attempt < 4 {
                attempt += 1
                usleep(UInt32.random(in: 1_000...20_000) << attempt)
            }
        }
    }

    public func createRun(tld: String, source: SweepSource, started: Date,
                          load: @escaping @Sendable (any SweepWorkListWriter) throws -> Void) async throws -> SweepRun {
        try await perform("cannot create the run") { connection in
            try connection.transaction {
                let id = try connection.execute("""
                    INSERT INTO sweep_run (tld, started, source_kind, source_path)
                    VALUES ($1, to_timestamp($2::double precision), $3, $4) RETURNING id
                    """, [tld, String(started.timeIntervalSince1970), source.kind.rawValue, source.path]).integer(0, 0)
                let writer = Writer(connection: connection, run: id)
                try load(writer)
                try writer.flush()
                try writer.finishHosts()
                try connection.execute("UPDATE sweep_run SET zones = $1 WHERE id = $2", [String(writer.count), String(id)])
                return SweepRun(id: id, tld: tld, started: started, source: source, zones: writer.count, finished: nil)
            }
        }
    }

    /// Buffers rows and sends them with COPY, 10,000 at a time; glue goes through a
    /// temporary table first, because COPY cannot skip the duplicates a zone file may have.
    private final class Writer: SweepWorkListWriter {
        let connection: PGConnection
        let run: Int64
        var count = 0
        var work: [[String?]] = []
        var hosts: [[String?]] = []
        var hostTable = false

        init(connection: PGConnection, run: Int64) {
            self.connection = connection
            self.run = run
        }

        func add(_ delegation: SweepDelegation) throws {
            count += 1
            work.append([String(run), String(count), delegation.zone, SweepColumns.names(delegation.nameServers),
                         SweepColumns.ds(delegation.ds)])
            if work.count >= 10_000 { try flush() }
        }

        func add(_ glue: SweepGlue) throws {
            hosts.append([glue.name, glue.address])
            if hosts.count >= 10_000 { try flush() }
        }

        func flush() throws {
            if !work.isEmpty {
                do {
                    try connection.copy("COPY sweep_work (run_id, seq, zone, name_servers, ds) FROM STDIN") { send in
                        for row in work { try send(row) }
                    }
                } catch let error as PGError where error.state == "23505" {
                    throw SweepStoreError(location: connection.location, reason: "the work list names a zone twice "
                        + "(a zone file must keep each delegation's NS records together): \(error.message)")
                }
                work.removeAll(keepingCapacity: true)
            }
            if !hosts.isEmpty {
                if !hostTable {
                    try connection.execute("CREATE TEMPORARY TABLE sweep_host_load (name text, address text) ON COMMIT DROP")
                    hostTable = true
                }
                try connection.copy("COPY sweep_host_load (name, address) FROM STDIN") { send in
                    for row in hosts { try send(row) }
                }
                hosts.removeAll(keepingCapacity: true)
            }
        }

        func finishHosts() throws {
            guard hostTable else { return }
            try connection.execute("""
                INSERT INTO sweep_host (run_id, name, address) SELECT DISTINCT $1::bigint, name, address FROM sweep_host_load
                ON CONFLICT DO NOTHING
                """, [String(run)])
        }
    }

    private static let runColumns = "id, tld, extract(epoch FROM started)::float8, extract(epoch FROM finished)::float8, source_kind, source_path, zones"

    private static func runs(_ result: PGResult) throws -> [SweepRun] {
        try (0..<result.count).map { row in
            SweepRun(id: result.integer(row, 0), tld: result.string(row, 1),
                     started: Date(timeIntervalSince1970: result.double(row, 2) ?? 0),
                     source: try SweepColumns.source(kind: result.string(row, 4), path: result.string(row, 5)),
                     zones: Int(result.integer(row, 6)),
                     finished: result.double(row, 3).map(Date.init(timeIntervalSince1970:)))
        }
    }

    public func run(id: Int64) async throws -> SweepRun? {
        try await perform("cannot read run \(id)") { connection in
            try Self.runs(try connection.execute("SELECT \(Self.runColumns) FROM sweep_run WHERE id = $1", [String(id)])).first
        }
    }

    public func runs(tld: String?) async throws -> [SweepRun] {
        try await perform("cannot read runs") { connection in
            try Self.runs(try connection.execute("""
                SELECT \(Self.runColumns) FROM sweep_run WHERE $1::text IS NULL OR tld = $1 ORDER BY started DESC, id DESC
                """, [tld]))
        }
    }

    public func claim(run: Int64, owner: String, count: Int, lease: Duration) async throws -> [SweepItem] {
        guard count > 0 else { return [] }
        return try await perform("cannot claim work of run \(run)") { connection in
            try Self.retrying(connection) {
                // In READ COMMITTED, FOR UPDATE re-reads a row another claimer changed meanwhile
                // and drops it when its new lease no longer qualifies: no item goes out twice.
                let rows = try connection.execute("""
                    WITH picked AS (
                        SELECT seq FROM sweep_work
                        WHERE run_id = $1 AND NOT done AND (lease_expires IS NULL OR lease_expires < clock_timestamp())
                        ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)
                    UPDATE sweep_work w SET lease_owner = $3,
                        lease_expires = clock_timestamp() + $4::double precision * interval '1 second', claims = w.claims + 1
                    FROM picked WHERE w.run_id = $1 AND w.seq = picked.seq
                    RETURNING w.seq, w.zone, w.name_servers, w.ds
                    """, [String(run), String(count), owner, String(lease.seconds)])
                let delegations = (0..<rows.count).map { row in
                    (sequence: rows.integer(row, 0),
                     delegation: SweepDelegation(zone: rows.string(row, 1), nameServers: SweepColumns.names(rows.string(row, 2)),
                                                 ds: SweepColumns.ds(rows.string(row, 3))))
                }.sorted { $0.sequence < $1.sequence }
                let names = Array(Set(delegations.flatMap(\.delegation.nameServers))).sorted()
                var glueRows: [(name: String, address: String)] = []
                if !names.isEmpty {
                    let hosts = try connection.execute("SELECT name, address FROM sweep_host WHERE run_id = $1 AND name = ANY($2::text[])",
                                                       [String(run), PGConnection.array(names)])
                    glueRows = (0..<hosts.count).map { (hosts.string($0, 0), hosts.string($0, 1)) }
                }
                let glue = SweepColumns.glue(glueRows)
                return delegations.map { entry in
                    SweepItem(sequence: entry.sequence, delegation: entry.delegation,
                              glue: glue.filter { entry.delegation.nameServers.contains($0.key) })
                }
            }
        }
    }

    public func renew(run: Int64, owner: String, lease: Duration) async throws -> Int {
        try await perform("cannot renew leases of run \(run)") { connection in
            try connection.execute("""
                UPDATE sweep_work SET lease_expires = clock_timestamp() + $3::double precision * interval '1 second'
                WHERE run_id = $1 AND lease_owner = $2 AND NOT done
                """, [String(run), owner, String(lease.seconds)]).affected
        }
    }

    public func release(run: Int64, owner: String) async throws -> Int {
        try await perform("cannot release leases of run \(run)") { connection in
            try connection.execute("""
                UPDATE sweep_work SET lease_owner = NULL, lease_expires = NULL WHERE run_id = $1 AND lease_owner = $2 AND NOT done
                """, [String(run), owner]).affected
        }
    }

    public func record(run: Int64, owner: String, results: [SweepZoneResult]) async throws -> SweepCommit {
        guard !results.isEmpty else { return SweepCommit(accepted: 0, rejected: []) }
        return try await perform("cannot record results of run \(run)") { connection in
            try Self.retrying(connection) {
                let runText = String(run)
                let marked = try connection.execute("""
                    UPDATE sweep_work w SET done = true, status = v.status, finished = clock_timestamp(), lease_expires = NULL
                    FROM unnest($2::bigint[], $3::text[]) AS v(seq, status)
                    WHERE w.run_id = $1 AND w.seq = v.seq AND w.lease_owner = $4 AND NOT w.done
                    RETURNING w.seq
                    """, [runText, PGConnection.array(results.map { String($0.sequence) }),
                          PGConnection.array(results.map(\.status.rawValue)), owner])
                let acceptedSequences = Set((0..<marked.count).map { marked.integer($0, 0) })
                let accepted = results.filter { acceptedSequences.contains($0.sequence) }
                let rejected = results.filter { !acceptedSequences.contains($0.sequence) }.map(\.zone)

                let findings = accepted.flatMap { result in result.findings.map { (result.zone, $0) } }
                if !findings.isEmpty {
                    try connection.execute("""
                        INSERT INTO sweep_finding (run_id, zone, "check", severity, reason, server, address, transport, parameters, time)
                        SELECT $1, f.zone, f.c, f.s, f.r, f.server, f.address, f.transport, f.parameters, to_timestamp(f.time)
                        FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                                    $10::double precision[])
                            AS f(zone, c, s, r, server, address, transport, parameters, time)
                        """, [runText, PGConnection.array(findings.map { $0.0 }),
                              PGConnection.array(findings.map { $0.1.check.rawValue }),
                              PGConnection.array(findings.map { $0.1.severity.rawValue }),
                              PGConnection.array(findings.map { $0.1.reason.rawValue }),
                              PGConnection.array(findings.map { $0.1.server }),
                              PGConnection.array(findings.map { $0.1.address }),
                              PGConnection.array(findings.map { $0.1.transport?.rawValue }),
                              PGConnection.array(try findings.map { try SweepColumns.parameters($0.1.parameters) }),
                              PGConnection.array(findings.map { String($0.1.time.timeIntervalSince1970) })])
                }
                // Sorted keys, inserted in that order: hosts committing at once lock the shared
                // aggregate rows in one order and so never deadlock each other.
                let tally = SweepTally(accepted)
                if !tally.statuses.isEmpty {
                    let rows = tally.sortedStatuses
                    try connection.execute("""
                        INSERT INTO sweep_status (run_id, status, zones)
                        SELECT $1, v.status, v.zones FROM unnest($2::text[], $3::bigint[]) WITH ORDINALITY AS v(status, zones, n) ORDER BY v.n
                        ON CONFLICT (run_id, status) DO UPDATE SET zones = sweep_status.zones + excluded.zones
                        """, [runText, PGConnection.array(rows.map { $0.0.rawValue }), PGConnection.array(rows.map { String($0.1) })])
                }
                if !tally.reasons.isEmpty {
                    let rows = tally.sortedReasons
                    try connection.execute("""
                        INSERT INTO sweep_reason (run_id, "check", reason, severity, zones, findings)
                        SELECT $1, v.c, v.r, v.s, v.zones, v.findings
                        FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[]) WITH ORDINALITY
                            AS v(c, r, s, zones, findings, n) ORDER BY v.n
                        ON CONFLICT (run_id, "check", reason, severity)
                        DO UPDATE SET zones = sweep_reason.zones + excluded.zones, findings = sweep_reason.findings + excluded.findings
                        """, [runText, PGConnection.array(rows.map { $0.0.check.rawValue }),
                              PGConnection.array(rows.map { $0.0.reason.rawValue }),
                              PGConnection.array(rows.map { $0.0.severity.rawValue }),
                              PGConnection.array(rows.map { String($0.zones) }), PGConnection.array(rows.map { String($0.findings) })])
                }
                if !tally.operators.isEmpty {
                    let rows = tally.sortedOperators
                    try connection.execute("""
                        INSERT INTO sweep_operator (run_id, operator, zones, broken)
                        SELECT $1, v.operator, v.zones, v.broken
                        FROM unnest($2::text[], $3::bigint[], $4::bigint[]) WITH ORDINALITY AS v(operator, zones, broken, n) ORDER BY v.n
                        ON CONFLICT (run_id, operator)
                        DO UPDATE SET zones = sweep_operator.zones + excluded.zones, broken = sweep_operator.broken + excluded.broken
                        """, [runText, PGConnection.array(rows.map { $0.0 }), PGConnection.array(rows.map { String($0.zones) }),
                              PGConnection.array(rows.map { String($0.broken) })])
                }
                return SweepCommit(accepted: accepted.count, rejected: rejected)
            }
        }
    }

    private static func progress(_ connection: PGConnection, run: Int64) throws -> SweepProgress {
        let result = try connection.execute("""
            SELECT (SELECT zones FROM sweep_run WHERE id = $1),
                   (SELECT coalesce(sum(zones), 0) FROM sweep_status WHERE run_id = $1),
                   (SELECT count(*) FROM sweep_work WHERE run_id = $1 AND NOT done AND lease_expires >= clock_timestamp())
            """, [String(run)])
        return SweepProgress(total: Int(result.integer(0, 0)), done: Int(result.integer(0, 1)), leased: Int(result.integer(0, 2)))
    }

    public func progress(run: Int64) async throws -> SweepProgress {
        try await perform("cannot read the progress of run \(run)") { connection in try Self.progress(connection, run: run) }
    }

    public func finish(run: Int64, at date: Date) async throws -> Bool {
        try await perform("cannot finish run \(run)") { connection in
            guard try Self.progress(connection, run: run).isComplete else { return false }
            try connection.execute("UPDATE sweep_run SET finished = coalesce(finished, to_timestamp($2::double precision)) WHERE id = $1",
                                   [String(run), String(date.timeIntervalSince1970)])
            return true
        }
    }

    private static func previousRun(_ connection: PGConnection, of run: SweepRun) throws -> Int64? {
        let result = try connection.execute(
            SweepSQL.text(SweepSQL.previousRun.replacingOccurrences(of: "started <= {started}", with: "started <= to_timestamp({started})"),
                          .postgresql(["tld", "run", "started"])),
            [run.tld, String(run.id), String(run.started.timeIntervalSince1970)])
        return result.count == 0 ? nil : result.integer(0, 0)
    }

    public func census(run: Int64) async throws -> SweepCensus {
        try await perform("cannot read the census of run \(run)") { connection in
            guard let sweep = try Self.runs(try connection.execute("SELECT \(Self.runColumns) FROM sweep_run WHERE id = $1",
                                                                   [String(run)])).first else {
                throw SweepStoreError(location: connection.location, reason: "no sweep run \(run)")
            }
            let runText = String(run)
            var statuses: [Severity: Int] = [:]
            let statusRows = try connection.execute("SELECT status, zones FROM sweep_status WHERE run_id = $1", [runText])
            for row in 0..<statusRows.count {
                statuses[try SweepColumns.severity(statusRows.string(row, 0), column: "sweep_status.status")] = Int(statusRows.integer(row, 1))
            }
            let reasonRows = try connection.execute("""
                SELECT "check", reason, severity, zones, findings FROM sweep_reason WHERE run_id = $1
                """, [runText])
            let reasons = try (0..<reasonRows.count).map { row in
                ReasonCount(check: CheckID(reasonRows.string(row, 0)), reason: Reason(reasonRows.string(row, 1)),
                            severity: try SweepColumns.severity(reasonRows.string(row, 2), column: "sweep_reason.severity"),
                            zones: Int(reasonRows.integer(row, 3)), findings: Int(reasonRows.integer(row, 4)))
            }
            let operatorRows = try connection.execute("""
                SELECT operator, zones, broken FROM sweep_operator WHERE run_id = $1 ORDER BY zones DESC, operator
                """, [runText])
            let operators = (0..<operatorRows.count).map {
                OperatorCount(name: operatorRows.string($0, 0), zones: Int(operatorRows.integer($0, 1)), broken: Int(operatorRows.integer($0, 2)))
            }
            var change: SweepChange?
            if let previous = try Self.previousRun(connection, of: sweep) {
                let counts = try connection.execute(SweepSQL.text(SweepSQL.changeCounts, .postgresql(["prev", "run"])),
                                                    [String(previous), runText])
                change = SweepChange(previousRun: previous, counts: [
                    .newlyBroken: Int(counts.integer(0, 0)), .fixed: Int(counts.integer(0, 1)),
                    .stillBroken: Int(counts.integer(0, 2)), .gone: Int(counts.integer(0, 3)),
                ])
            }
            return SweepCensus(run: sweep, progress: try Self.progress(connection, run: run), statuses: statuses,
                               reasons: SweepSQL.worstFirst(reasons), operators: operators, change: change)
        }
    }

    public func changes(run: Int64, kind: SweepChange.Kind, limit: Int) async throws -> [String] {
        guard limit > 0 else { return [] }
        return try await perform("cannot read the changes of run \(run)") { connection in
            guard let sweep = try Self.runs(try connection.execute("SELECT \(Self.runColumns) FROM sweep_run WHERE id = $1",
                                                                   [String(run)])).first,
                  let previous = try Self.previousRun(connection, of: sweep) else { return [] }
            let rows = try connection.execute(SweepSQL.text(SweepSQL.changedZones(kind), .postgresql(["prev", "run", "limit"])),
                                              [String(previous), String(run), String(limit)])
            return (0..<rows.count).map { rows.string($0, 0) }
        }
    }

    public func findings(run: Int64, zone: String?, limit: Int) async throws -> [Finding] {
        guard limit > 0 else { return [] }
        return try await perform("cannot read the findings of run \(run)") { connection in
            let rows = try connection.execute("""
                SELECT zone, "check", severity, reason, server, address, transport, parameters, extract(epoch FROM time)::float8
                FROM sweep_finding WHERE run_id = $1 AND ($2::text IS NULL OR zone = $2) ORDER BY zone, ctid LIMIT $3
                """, [String(run), zone, String(limit)])
            return try (0..<rows.count).map { row in
                try SweepColumns.finding(zone: rows.string(row, 0), check: rows.string(row, 1), severity: rows.string(row, 2),
                                         reason: rows.string(row, 3), server: rows.text(row, 4), address: rows.text(row, 5),
                                         transport: rows.text(row, 6), parameters: rows.string(row, 7),
                                         time: Date(timeIntervalSince1970: rows.double(row, 8) ?? 0))
            }
        }
    }

    public func statuses(run: Int64, limit: Int) async throws -> [(zone: String, status: Severity)] {
        guard limit > 0 else { return [] }
        let rows: [[String]] = try await perform("cannot read the statuses of run \(run)") { connection in
            let result = try connection.execute("SELECT zone, status FROM sweep_work WHERE run_id = $1 AND done ORDER BY zone LIMIT $2",
                                                [String(run), String(limit)])
            return (0..<result.count).map { [result.string($0, 0), result.string($0, 1)] }
        }
        return try rows.map { ($0[0], try SweepColumns.severity($0[1], column: "sweep_work.status")) }
    }

    private static func failure(_ location: String, _ action: String, _ error: any Error) -> SweepStoreError {
        if let error = error as? SweepStoreError { return error }
        return SweepStoreError(location: location, reason: "\(action): \(error)")
    }
}
