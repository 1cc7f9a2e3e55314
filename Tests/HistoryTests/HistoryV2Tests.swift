import DNSCore
import DNSWardTestKit
import Foundation
import History
import Model
import Testing

/// Schema v2: a v1 database upgrades in place; every command's events and the run's
/// DNSSEC expiry and resolvers are kept and read back by time range.
@Suite struct HistoryV2Tests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path + "/history.sqlite"
    }

    /// `history-v1.sqlite` was written by dnsward before reasons (two probe runs of the lab).
    @Test func aVersion1DatabaseUpgradesInPlace() throws {
        let fixture = try #require(Bundle.module.path(forResource: "history-v1", ofType: "sqlite", inDirectory: "Fixtures"))
        try FileManager.default.copyItem(atPath: fixture, toPath: path)
        let history = try HistoryStore(path: path)

        let runs = try history.runs()
        #expect(runs.map(\.zones) == [12, 13])
        #expect(runs.allSatisfy { $0.resolvers == nil && $0.status == .critical })
        let old = try history.findings(runID: runs[0].id)
        #expect(old.count == 152)
        #expect(old.allSatisfy { $0.reason == .legacy })
        // The English message and the text evidence of v1 survive as they were.
        let data = try #require(old.first { $0.check == .authData && $0.severity == .critical })
        #expect(data.message.contains("differs between servers with equal serials"))
        #expect(data.parameters["ns1.data.test. 127.53.2.1"] == .text("A 192.0.2.20"))

        // New rows next to old ones, with reasons and the v2 columns.
        let id = try history.append(SampleRun.make(started: Date()))
        #expect(try history.findings(runID: id) == SampleRun.findings)
        #expect(try history.runs().last?.resolvers == ["lab-resolver"])
        // A serial first seen in v1 keeps its first sighting.
        #expect(try history.firstSeen(zone: "serial.test.", serial: 2_026_112_401) != nil)

        // Opening again runs no migration twice.
        _ = try HistoryStore(path: path)
        #expect(try HistoryStore(path: path).runs().count == 3)
    }

    @Test func dnssecExpiryIsKeptPerRunAndZone() throws {
        let history = try HistoryStore(path: path)
        try history.append(SampleRun.make())
        let expiries = try history.dnssecExpiries()
        #expect(expiries.map(\.zone) == ["signed.test", SampleRun.trickyZone].sorted())
        #expect(expiries.first { $0.zone == "signed.test" }?.expiry == SampleRun.signedExpiry)
    }

    @Test func eventsOfEveryCommandRoundTripAndFilterByTime() throws {
        let history = try HistoryStore(path: path)
        let day = Date(timeIntervalSince1970: 1_787_392_800)
        let taken = SnapshotEvent(time: day, zone: "signed.test.", kind: .taken, snapshot: "20260822T100000Z-7", serial: 7,
                                  method: "axfr", records: 53, signed: true, usableUntil: day.addingTimeInterval(86_400 * 20))
        let refused = SnapshotEvent(time: day.addingTimeInterval(3600), zone: "signed.test.", kind: .refused,
                                    snapshot: "20260822T110000Z-7", serial: 7, method: "axfr", records: 9,
                                    detail: "44 of 53 records (83.0%) gone")
        let drill = RestoreEvent(time: day.addingTimeInterval(7200), kind: .drill, zone: "signed.test.", resolver: "unbound",
                                 address: "127.0.0.1@5399", snapshot: taken.snapshot, outcome: "passed", seconds: 0.41,
                                 checksPassed: 4, checksTotal: 4)
        let headroom = HeadroomSummary(
            started: day.addingTimeInterval(10_800), finished: day.addingTimeInterval(10_830), server: "127.53.2.1",
            transport: "udp", mode: "steps", capacityQps: 128_000, generatorBound: false, peakAnsweredQps: 131_000,
            baselineQps: 2000, headroom: 64, bandwidthOutMbps: 101.5, bandwidthInMbps: 40.2, amplification: 2.5,
            limitedBy: "server", verdict: "capacity 128000 q/s", detail: "{\"schema\":1}")
        try history.record(taken)
        try history.record(refused)
        try history.record(drill)
        try history.record(headroom)

        #expect(try history.snapshotEvents() == [taken, refused])
        #expect(try history.snapshotEvents(since: day.addingTimeInterval(1800)) == [refused])
        #expect(try history.restoreEvents() == [drill])
        #expect(try history.restoreEvents(since: day.addingTimeInterval(7201)).isEmpty)
        #expect(try history.headroomRuns() == [headroom])
    }

    @Test func findingsSinceADateAndForSomeZones() throws {
        let history = try HistoryStore(path: path)
        let early = SampleRun.make(started: SampleRun.started)
        let late = SampleRun.make(started: SampleRun.started.addingTimeInterval(86_400))
        try history.append(early)
        let lateID = try history.append(late)
        let recent = try history.findings(since: SampleRun.started.addingTimeInterval(3600))
        #expect(recent.count == late.findings.count && recent.allSatisfy { $0.runID == lateID })
        let serialOnly = try history.findings(zones: ["serial.test"])
        #expect(serialOnly.count == 2 * late.findings.filter { $0.zone == "serial.test" || $0.zone == nil }.count)
        #expect(try history.measurements(since: late.started).count == late.measurements.count)
    }
}
