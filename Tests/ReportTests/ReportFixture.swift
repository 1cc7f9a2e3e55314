import DNSCore
import DNSWardTestKit
import Foundation
import History
import Model
import Report

/// A fixed history for the report's tests, written through the real store: four hourly
/// probe runs ending with the test kit's sample run (a serial lag growing from inside its
/// tolerance to CRITICAL, another one that resolves, a data difference that goes away, a
/// hijack that starts, an unreachable server throughout), snapshots, verifications, drills,
/// a restore and headroom runs. Every value is fixed, so the rendered report is too.
enum ReportFixture {
    static let t0 = SampleRun.started  // 2026-08-22T10:00:00Z, the last run
    static let until = t0.addingTimeInterval(1800)
    static let since = t0.addingTimeInterval(-7 * 86_400)
    static func hours(_ value: Double) -> Date { t0.addingTimeInterval(value * 3600) }

    static func options(_ language: ReportLanguage, zones: [String]? = nil) -> ReportOptions {
        ReportOptions(language: language, since: since, until: until, zones: zones)
    }

    /// The history in a store under `directory`, read back as the report reads it.
    static func history(in directory: String) throws -> ReportHistory {
        let store = try HistoryStore(path: directory + "/history.sqlite")
        try fill(store)
        return try ReportHistory.read(from: store, since: since)
    }

    static func report(_ language: ReportLanguage, in directory: String) throws -> RegistryReport {
        ReportBuilder.build(try history(in: directory), options: options(language), generated: until)
    }

    static func fill(_ store: HistoryStore) throws {
        for (index, offset) in [-3.0, -2, -1, 0].enumerated() {
            let started = hours(offset)
            try store.append(SampleRun.make(started: started, findings: findings(run: index, started: started),
                                            measurements: measurements(run: index)))
        }
        for event in snapshotEvents { try store.record(event) }
        for event in restoreEvents { try store.record(event) }
        for run in headroomRuns { try store.record(run) }
    }

    static func serialLag(_ run: Int, started: Date) -> Finding {
        let lag = Double(run) * 3600
        let severity: Severity = lag > 7200 ? .critical : lag > 3600 ? .warning : .ok
        return SampleRun.finding(.authSerial, severity, "serial.test", "ns2.serial.test", "127.53.2.2", reason: .serialLag,
                                 parameters: ["serial": .serial(2_026_082_201), "reference": .serial(2_026_082_202),
                                              "distance": .integer(1), "lag": .seconds(lag), "tolerance": .seconds(3600),
                                              "expire": .seconds(7200), "referenceFirstSeen": .time(hours(-3))],
                                 second: started.timeIntervalSince(SampleRun.started) + 2)
    }

    /// Run 3 is the sample run itself (its serial lag is three hours old by then).
    static func findings(run: Int, started: Date) -> [Finding] {
        let shift = started.timeIntervalSince(SampleRun.started)
        func at(_ finding: Finding) -> Finding {
            var moved = finding
            moved.time = finding.time.addingTimeInterval(shift)
            return moved
        }
        var findings: [Finding]
        if run == 3 {
            findings = SampleRun.findings
        } else {
            findings = SampleRun.findings.filter {
                ![.serialLag, .hijack, .rrsigExpired, .legacy].contains($0.reason)
            }.map(at)
            findings.append(serialLag(run, started: started))
        }
        // A second zone whose secondary lags for two runs, then catches up.
        if run < 2 {
            findings.append(SampleRun.finding(
                .authSerial, .warning, "sync.test", "ns2.sync.test", "127.53.2.2", reason: .serialLagUnknownDuration,
                parameters: ["serial": .serial(2_026_082_001), "reference": .serial(2_026_082_003), "distance": .integer(2)],
                second: shift + 3))
        } else {
            findings.append(SampleRun.finding(.authSerial, .ok, "sync.test", "ns1.sync.test", "127.53.2.1", reason: .serialOK,
                                              parameters: ["serial": .serial(2_026_082_003), "count": .integer(2)], second: shift + 3))
        }
        // Data that differs for the first two runs only.
        if run < 2 {
            findings.append(SampleRun.finding(
                .authData, .critical, "data.test", nil, nil, nil, reason: .dataDiffersEqualSerials,
                parameters: ["name": .name("www.data.test."), "type": .text("A"),
                             "variants": .list(["[A 192.0.2.20] from ns1.data.test.(127.53.2.1)",
                                                "[A 192.0.2.21] from ns2.data.test.(127.53.2.2)"])],
                second: shift + 4))
        } else {
            findings.append(SampleRun.finding(.authData, .ok, "data.test", nil, nil, nil, reason: .dataOK,
                                              parameters: ["count": .integer(3)], second: shift + 4))
        }
        // A hijack that begins in the third run, on a resolver answering healthy.test.
        if run >= 2 {
            findings.append(SampleRun.finding(
                .recCorrect, .critical, "healthy.test", "lab-liar", "127.53.9.2", reason: .hijack,
                parameters: ["name": .name("www.healthy.test."), "type": .text("A"), "resolver": .text("A 192.0.2.66"),
                             "authoritative": .list(["A 192.0.2.10"])],
                second: shift + 5))
        }
        return findings
    }

    static func measurements(run: Int) -> [Model.Measurement] {
        var measurements = SampleRun.measurements.map { measurement -> Model.Measurement in
            var copy = measurement
            if let rtt = copy.rtt { copy.rtt = rtt * (1 + Double(run) * 0.5) }
            // One TCP answer missing in the first run.
            if run == 0, copy.zone == "signed.test", copy.transport == .tcp { copy.rtt = nil }
            return copy
        }
        for server in ["ns1", "ns2"] {
            let address = server == "ns1" ? "127.53.2.1" : "127.53.2.2"
            measurements.append(Model.Measurement(zone: "sync.test", server: "\(server).sync.test", address: address,
                                                  transport: .udp, rtt: 0.002,
                                                  serial: server == "ns2" && run < 2 ? 2_026_082_001 : 2_026_082_003))
        }
        return measurements
    }

    static let snapshotEvents: [SnapshotEvent] = [
        SnapshotEvent(time: hours(-2), zone: "healthy.test.", kind: .taken, snapshot: "20260822T080000Z-2026082201",
                      serial: 2_026_082_201, method: "axfr", records: 12, signed: false),
        SnapshotEvent(time: hours(-1), zone: "healthy.test.", kind: .verified, snapshot: "20260822T080000Z-2026082201",
                      status: "servable"),
        SnapshotEvent(time: hours(-30), zone: "signed.test.", kind: .taken, snapshot: "20260821T040000Z-7", serial: 7,
                      method: "axfr", records: 40, signed: true, usableUntil: hours(5 * 24)),
        SnapshotEvent(time: hours(-1), zone: "signed.test.", kind: .refused, snapshot: "20260822T090000Z-7", serial: 7,
                      method: "axfr", records: 24, signed: true, detail: "40.0% of the last good copy's records are gone (limit 10%)"),
        SnapshotEvent(time: hours(-5), zone: "serial.test.", kind: .failed, detail: "no server allowed a transfer: REFUSED"),
        SnapshotEvent(time: hours(-4), zone: "serial.test.", kind: .failed, detail: "no server allowed a transfer: REFUSED"),
    ]

    static let restoreEvents: [RestoreEvent] = [
        RestoreEvent(time: hours(-1.5), kind: .drill, zone: "healthy.test.", resolver: "unbound", address: "127.60.1.2@40000",
                     snapshot: "20260822T080000Z-2026082201", outcome: "passed", seconds: 0.12, checksPassed: 3, checksTotal: 3),
        RestoreEvent(time: hours(-20), kind: .drill, zone: "signed.test.", resolver: "unbound", address: "127.60.1.3@40001",
                     snapshot: "20260821T040000Z-7", outcome: "failed", seconds: 0.2, checksPassed: 2, checksTotal: 3,
                     detail: "the copy is not served as taken: www.signed.test. A: SERVFAIL instead of the snapshot's A RRset"),
        RestoreEvent(time: hours(-10), kind: .apply, zone: "signed.test.", resolver: "unbound", address: "127.0.0.1",
                     snapshot: "20260821T040000Z-7", outcome: "applied", seconds: 0.1),
    ]

    static let headroomRuns: [HeadroomSummary] = [
        HeadroomSummary(started: hours(-6), finished: hours(-5.9), server: "127.53.3.1", transport: "udp", mode: "steps",
                        capacityQps: 2000, generatorBound: false, peakAnsweredQps: 2031, baselineQps: 1200, headroom: 2000.0 / 1200,
                        bandwidthOutMbps: 1.236, bandwidthInMbps: 1.156, amplification: 1.07, limitedBy: "server",
                        verdict: "capacity 2,000 q/s (server-bound)"),
        HeadroomSummary(started: hours(-7), finished: hours(-6.9), server: "127.53.2.1", transport: "udp", mode: "steps",
                        capacityQps: 50000, generatorBound: true, peakAnsweredQps: 50000, baselineQps: 0,
                        bandwidthOutMbps: 68.6, bandwidthInMbps: 28.9, amplification: 2.37, verdict: "capacity at least 50,000 q/s"),
        HeadroomSummary(started: hours(-8), finished: hours(-7.9), server: "null", transport: "udp", mode: "calibrate",
                        capacityQps: 400_000, generatorBound: true, peakAnsweredQps: 400_000, verdict: "generator ceiling"),
    ]
}
