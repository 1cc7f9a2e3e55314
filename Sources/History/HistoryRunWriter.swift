public import Foundation
import DNSCore
import GRDB
import Synchronization
public import Model

/// A probe run written as it goes: the run's row first, then its findings, measurements,
/// serial sightings and DNSSEC expiries in chunks (each chunk one transaction, written on
/// the database's own queue while the probe goes on), and the run's counts last. A run
/// over fifty thousand zones never holds its rows in memory, and a run that dies half way
/// leaves a row saying UNKNOWN with what it had found.
public final class HistoryRunWriter: Sendable {
    /// Rows per transaction: large enough that commits are few, small enough that a chunk
    /// is a few megabytes.
    static let chunk = 4096

    public let runID: Int64
    private let queue: DatabaseQueue
    private let path: String
    private let state = Mutex(State())

    private struct State {
        var findings: [Finding] = []
        var measurements: [Model.Measurement] = []
        var expiries: [(String, Date)] = []
        var failure: HistoryError?
        var started: Date = .distantPast
    }

    init(queue: DatabaseQueue, path: String, started: Date, zones: Int, resolvers: [String]) throws {
        self.queue = queue
        self.path = path
        state.withLock { $0.started = started }
        let resolverList = String(decoding: try JSONEncoder().encode(resolvers), as: UTF8.self)
        runID = try HistoryStore.access(path, "cannot record the run") {
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO run (started, finished, status, critical, warning, unknown, zones, resolvers)
                        VALUES (?, ?, ?, 0, 0, 0, ?, ?)
                        """,
                    arguments: [started, started, Severity.unknown.rawValue, zones, resolverList])
                return db.lastInsertedRowID
            }
        }
    }

    /// Queues a batch; a full chunk goes to the database at once, without waiting for it.
    public func add(_ batch: ProbeBatch) {
        let ready: (findings: [Finding], measurements: [Model.Measurement], expiries: [(String, Date)])? = state.withLock { state in
            guard state.failure == nil else { return nil }
            state.findings += batch.findings
            state.measurements += batch.measurements
            if let zone = batch.zone, let expiry = batch.dnssecExpiry { state.expiries.append((zone, expiry)) }
            guard state.findings.count + state.measurements.count >= Self.chunk else { return nil }
            defer { (state.findings, state.measurements, state.expiries) = ([], [], []) }
            return (state.findings, state.measurements, state.expiries)
        }
        guard let ready else { return }
        let (runID, started, path) = (runID, state.withLock { $0.started }, path)
        queue.asyncWrite({ db in
            try Self.insert(ready.findings, ready.measurements, ready.expiries, runID: runID, started: started, into: db)
        }, completion: { [self] _, result in
            if case .failure(let error) = result {
                self.state.withLock { $0.failure = $0.failure ?? HistoryStore.failure(path, "cannot record the run", error) }
            }
        })
    }

    /// Writes what is queued and the run's outcome; waits for every chunk. Throws the
    /// first error any chunk met.
    public func finish(finished: Date, status: Severity, critical: Int, warning: Int, unknown: Int) throws {
        let (findings, measurements, expiries, started, earlier) = state.withLock { state in
            defer { (state.findings, state.measurements, state.expiries) = ([], [], []) }
            return (state.findings, state.measurements, state.expiries, state.started, state.failure)
        }
        if let earlier { throw earlier }
        try HistoryStore.access(path, "cannot record the run") {
            try queue.write { db in
                try Self.insert(findings, measurements, expiries, runID: runID, started: started, into: db)
                try db.execute(
                    sql: "UPDATE run SET finished = ?, status = ?, critical = ?, warning = ?, unknown = ? WHERE id = ?",
                    arguments: [finished, status.rawValue, critical, warning, unknown, runID])
            }
        }
        if let failure = state.withLock({ $0.failure }) { throw failure }
    }

    private static func insert(_ findings: [Finding], _ measurements: [Model.Measurement], _ expiries: [(String, Date)],
                               runID: Int64, started: Date, into db: Database) throws {
        for (zone, expiry) in expiries {
            try db.execute(sql: "INSERT INTO dnssec_expiry (run_id, zone, expiry) VALUES (?, ?, ?)", arguments: [runID, zone, expiry])
        }
        let insertFinding = try db.cachedStatement(sql: """
            INSERT INTO finding (run_id, "check", severity, reason, zone, server, address, transport, message,
                                 evidence, parameters, time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // Most findings of a run share its start as their time: convert it once.
        var lastTime = started
        var lastTimeValue = started.databaseValue
        for finding in findings {
            if finding.time != lastTime {
                lastTime = finding.time
                lastTimeValue = finding.time.databaseValue
            }
            try insertFinding.execute(arguments: [
                runID, finding.check.rawValue, finding.severity.rawValue, finding.reason.rawValue, finding.zone,
                finding.server, finding.address, finding.transport?.rawValue, finding.message,
                RowJSON.evidence(finding.parameters), try RowJSON.parameters(finding.parameters), lastTimeValue,
            ])
        }

        let insertMeasurement = try db.cachedStatement(sql: """
            INSERT INTO measurement (run_id, zone, server, address, transport, rtt, serial)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        // min/max rather than overwrite: a run recorded late (an import, a slow clock)
        // must not move a serial's first sighting forward.
        let sawSerial = try db.cachedStatement(sql: """
            INSERT INTO serial_seen (zone, serial, first_seen, last_seen) VALUES (?, ?, ?, ?)
            ON CONFLICT (zone, serial) DO UPDATE SET
                first_seen = min(first_seen, excluded.first_seen),
                last_seen = max(last_seen, excluded.last_seen)
            """)
        let startedValue = started.databaseValue
        for measurement in measurements {
            try insertMeasurement.execute(arguments: [
                runID, measurement.zone, measurement.server, measurement.address,
                measurement.transport.rawValue, measurement.rtt, measurement.serial,
            ])
            if let serial = measurement.serial {
                try sawSerial.execute(arguments: [measurement.zone, serial, startedValue, startedValue])
            }
        }
    }
}
