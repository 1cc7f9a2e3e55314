import Foundation
import Model

extension ReportBuilder {
    func snapshotEvents(zone: String) -> [SnapshotEvent] {
        history.snapshotEvents.filter { $0.time <= options.until && ZoneKey.of($0.zone) == zone }.sorted { $0.time < $1.time }
    }

    func drills(zone: String) -> [RestoreEvent] {
        history.restoreEvents.filter { $0.kind == .drill && $0.time <= options.until && ZoneKey.of($0.zone) == zone }
            .sorted { $0.time < $1.time }
    }

    /// The zone's backup as the history last saw it: the last good copy (however old), the
    /// last verification and drill, and what happened in the period.
    func backupStatus(zone: String) -> BackupStatus {
        let events = snapshotEvents(zone: zone)
        let inPeriod = events.filter { $0.time >= options.since }
        let good = events.last { $0.kind == .taken }
        let verified = events.last { $0.kind == .verified }
        let drill = drills(zone: zone).last
        let drillsInPeriod = drills(zone: zone).filter { $0.time >= options.since }
        return BackupStatus(
            lastGood: good.map {
                SnapshotSummary(time: $0.time, snapshot: $0.snapshot, serial: $0.serial, records: $0.records, method: $0.method,
                                signed: $0.signed, usableUntil: $0.usableUntil)
            },
            ageSeconds: good.map { options.until.timeIntervalSince($0.time) },
            lastVerification: verified.map { VerificationSummary(time: $0.time, status: $0.status ?? "?", detail: $0.detail) },
            lastDrill: drill.map {
                DrillSummary(time: $0.time, snapshot: $0.snapshot, passed: $0.succeeded, outcome: $0.outcome,
                             seconds: $0.seconds.map { Self.rounded($0) }, checksPassed: $0.checksPassed,
                             checksTotal: $0.checksTotal, detail: $0.detail)
            },
            taken: inPeriod.filter { $0.kind == .taken }.count, refused: inPeriod.filter { $0.kind == .refused }.count,
            failed: inPeriod.filter { $0.kind == .failed }.count, drills: drillsInPeriod.count,
            drillsFailed: drillsInPeriod.filter { !$0.succeeded }.count)
    }

    /// What is wrong with the zone's backup: none usable, too old, expiring, refused, failing
    /// verification, its drill failed or overdue. Only zones with backup events on record:
    /// a zone nobody backs up is not reported as a missing backup.
    func backupProblems(zone: String, name: String, status: BackupStatus) -> [ReportProblem] {
        let events = snapshotEvents(zone: zone)
        let drillEvents = drills(zone: zone)
        guard !events.isEmpty || !drillEvents.isEmpty else { return [] }
        var problems: [ReportProblem] = []
        func add(_ severity: Severity, _ reason: Reason, _ parameters: FindingParameters, at time: Date, count: Int = 1) {
            problems.append(ReportProblem(
                severity: severity, check: nil, reason: reason, zone: name, server: nil, address: nil, transport: nil,
                firstSeen: time, lastSeen: time, occurrences: count, ongoing: true, parameters: parameters,
                message: ReportCatalogue.message(reason, parameters, language) ?? reason.rawValue,
                action: ReportCatalogue.action(reason, parameters, zone: name, server: nil, address: nil, language) ?? ""))
        }
        let attempts = events.filter { $0.kind != .verified }
        if let good = events.last(where: { $0.kind == .taken }) {
            let age = options.until.timeIntervalSince(good.time)
            if age > options.backupMaxAge {
                add(.warning, .backupStale, ["age": .seconds(age), "taken": .time(good.time), "serial": .serial(good.serial ?? 0),
                                             "maxAge": .seconds(options.backupMaxAge)], at: good.time)
            }
            if let until = good.usableUntil {
                let left = until.timeIntervalSince(options.until)
                if left <= 0 {
                    add(.critical, .backupExpired, ["usableUntil": .time(until), "snapshot": .text(good.snapshot ?? "?")], at: until)
                } else if left < options.expiryWindow {
                    add(.warning, .backupExpiring, ["usableUntil": .time(until), "left": .seconds(left),
                                                    "snapshot": .text(good.snapshot ?? "?")], at: good.time)
                }
            }
            if let newest = attempts.last, newest.kind != .taken {
                add(.warning, .backupRefused, ["kind": .text(newest.kind.rawValue), "time": .time(newest.time),
                                               "detail": .text(newest.detail ?? "")], at: newest.time,
                    count: attempts.filter { $0.time > good.time }.count)
            }
            if let verified = events.last(where: { $0.kind == .verified }), verified.time >= good.time,
               ["expired", "failed"].contains(verified.status ?? "") {
                add(.critical, .backupVerifyFailed, ["status": .text(verified.status ?? "?"), "time": .time(verified.time),
                                                     "detail": .text(verified.detail ?? "")], at: verified.time)
            }
            let lastDrill = drillEvents.last
            if let lastDrill, !lastDrill.succeeded {
                add(.critical, .drillFailed, ["time": .time(lastDrill.time), "snapshot": .text(lastDrill.snapshot ?? "?"),
                                              "detail": .text(lastDrill.detail ?? lastDrill.outcome)], at: lastDrill.time)
            }
            if lastDrill.map({ options.until.timeIntervalSince($0.time) > options.drillMaxAge }) ?? true {
                var parameters: FindingParameters = ["maxAge": .seconds(options.drillMaxAge)]
                if let lastDrill { parameters["lastDrill"] = .time(lastDrill.time) }
                add(.warning, .drillOverdue, parameters, at: lastDrill?.time ?? good.time)
            }
        } else if let last = attempts.last {
            add(.critical, .backupNone, ["attempts": .integer(attempts.count), "lastAttempt": .time(last.time),
                                         "detail": .text(last.detail ?? last.kind.rawValue)], at: last.time, count: attempts.count)
        }
        return problems
    }

    /// The newest measurement of each server and transport (a calibration measures this
    /// host, not a server, and is left out).
    func headroomEntries() -> [HeadroomEntry] {
        var latest: [[String]: HeadroomSummary] = [:]
        for run in history.headroomRuns where run.mode != "calibrate" && run.started <= options.until {
            let key = [run.server, run.transport]
            if latest[key].map({ $0.started <= run.started }) ?? true { latest[key] = run }
        }
        return latest.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            let run = latest[key]!
            return HeadroomEntry(
                server: run.server, transport: run.transport, time: run.finished, capacityQps: run.capacityQps,
                lowerBound: run.generatorBound, baselineQps: run.baselineQps, headroom: run.headroom.map { Self.rounded($0, 100) },
                bandwidthInMbps: run.bandwidthInMbps.map { Self.rounded($0) }, bandwidthOutMbps: run.bandwidthOutMbps.map { Self.rounded($0) },
                limitedBy: run.limitedBy, verdict: run.verdict)
        }
    }

    func headroomProblems(_ entries: [HeadroomEntry]) -> [ReportProblem] {
        entries.compactMap { entry in
            let reason: Reason
            let severity: Severity
            var parameters: FindingParameters = ["minimum": .text(ReportFormat.number(options.headroomMinimum, decimals: 0))]
            if entry.capacityQps == nil {
                reason = .headroomNone
                severity = .warning
                parameters["verdict"] = .text(entry.verdict)
            } else if let ratio = entry.headroom, ratio < options.headroomMinimum, !entry.lowerBound {
                reason = .headroomLow
                severity = ratio < 1 ? .critical : .warning
                parameters["capacity"] = .number(entry.capacityQps ?? 0)
                parameters["baseline"] = .number(entry.baselineQps ?? 0)
                parameters["ratio"] = .number(ratio)
            } else {
                return nil
            }
            return ReportProblem(
                severity: severity, check: nil, reason: reason, zone: nil, server: entry.server, address: entry.server,
                transport: entry.transport, firstSeen: entry.time, lastSeen: entry.time, occurrences: 1, ongoing: true,
                parameters: parameters, message: ReportCatalogue.message(reason, parameters, language) ?? reason.rawValue,
                action: ReportCatalogue.action(reason, parameters, zone: nil, server: entry.server, address: entry.server,
                                               language) ?? "")
        }
    }
}
