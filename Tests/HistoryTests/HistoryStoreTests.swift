import DNSCore
import Foundation
import Report
import Testing
import Model
import History
import DNSWardTestKit

@Suite struct HistoryStoreTests {
    let directory: TemporaryDirectory
    let path: String
    let first = SampleRun.make()
    /// Five minutes later: the same findings bar one, and a new serial.
    let second: ProbeRun

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path + "/history.sqlite"
        var second = SampleRun.make(started: SampleRun.started.addingTimeInterval(300))
        second.findings = [SampleRun.finding(.authSerial, .warning, "serial.test", "ns2.serial.test", "127.53.2.2",
                                             reason: .serialLagUnknownDuration,
                                             parameters: ["serial": .serial(2_026_082_202), "reference": .serial(2_026_082_203)],
                                             second: 301)]
        second.measurements = [
            Measurement(zone: "serial.test", server: "ns1.serial.test", address: "127.53.2.1", transport: .udp,
                        rtt: 0.001, serial: 2_026_082_203),
            Measurement(zone: "serial.test", server: "ns2.serial.test", address: "127.53.2.2", transport: .udp,
                        rtt: 0.001, serial: 2_026_082_202),
        ]
        self.second = second
    }

    @Test func runsReadBackNewestFirst() throws {
        let history = try HistoryStore(path: path)
        let firstID = try history.append(first)
        let secondID = try history.append(second)
        #expect(secondID > firstID)

        let runs = try history.recentRuns(limit: 10)
        #expect(runs == [
            RunSummary(id: secondID, started: second.started, finished: second.finished, status: .warning,
                       critical: 0, warning: 1, unknown: 0, zones: 5, resolvers: ["lab-resolver"]),
            RunSummary(id: firstID, started: first.started, finished: first.finished, status: .critical,
                       critical: 3, warning: 3, unknown: 2, zones: 5, resolvers: ["lab-resolver"]),
        ])
        #expect(try history.recentRuns(limit: 1).map(\.id) == [secondID])
        #expect(try history.recentRuns(limit: 0).isEmpty)
        #expect(try history.recentRuns(limit: -1).isEmpty)
    }

    @Test func findingsAndMeasurementsRoundTrip() throws {
        let history = try HistoryStore(path: path)
        let id = try history.append(first)
        let findings = try history.findings(runID: id)
        #expect(findings == first.findings)
        // The tricky evidence (quotes, backslash, newline in keys and values) survives JSON.
        #expect(findings[1].evidence["quote\"key"] == "back\\slash\nline")
        #expect(findings.contains { $0.server == nil && $0.address == nil && $0.transport == nil })
        #expect(try history.measurements(runID: id) == first.measurements)
        #expect(try history.findings(runID: id + 100).isEmpty)
    }

    @Test func aSerialKeepsItsFirstSightingWhileLastSightingMoves() throws {
        let history = try HistoryStore(path: path)
        try history.append(first)
        try history.append(second)

        // 2026082202 was answered by ns1 in the first run and by ns2 in the second.
        let seen = try #require(try history.sighting(zone: "serial.test", serial: 2_026_082_202))
        #expect(seen.firstSeen == first.started)
        #expect(seen.lastSeen == second.started)
        #expect(try history.firstSeen(zone: "serial.test", serial: 2_026_082_202) == first.started)
        #expect(try history.firstSeen(zone: "serial.test", serial: 2_026_082_203) == second.started)
        #expect(try history.sighting(zone: "serial.test", serial: 2_026_082_201)?.lastSeen == first.started)
        #expect(try history.firstSeen(zone: "serial.test", serial: 1) == nil)
        #expect(try history.firstSeen(zone: "other.test", serial: 2_026_082_202) == nil)
        #expect(try history.firstSeen(zone: SampleRun.trickyZone, serial: 1) == first.started)
    }

    @Test func aLateRunDoesNotMoveAFirstSightingForward() throws {
        let history = try HistoryStore(path: path)
        try history.append(second)
        var earlier = second
        earlier.started = first.started
        try history.append(earlier)
        #expect(try history.sighting(zone: "serial.test", serial: 2_026_082_203)
            == SerialSighting(zone: "serial.test", serial: 2_026_082_203, firstSeen: first.started, lastSeen: second.started))
    }

    @Test func pruneRemovesOldRunsWithTheirRows() throws {
        let history = try HistoryStore(path: path)
        let firstID = try history.append(first)
        let secondID = try history.append(second)

        #expect(try history.prune(keepingRunsNewerThan: first.started.addingTimeInterval(60)) == 1)
        #expect(try history.recentRuns(limit: 10).map(\.id) == [secondID])
        #expect(try history.findings(runID: firstID).isEmpty)
        #expect(try history.measurements(runID: firstID).isEmpty)
        #expect(try history.findings(runID: secondID) == second.findings)
        // Seen only by the removed run: gone. Still seen: its first sighting is kept.
        #expect(try history.sighting(zone: "serial.test", serial: 2_026_082_201) == nil)
        #expect(try history.firstSeen(zone: "serial.test", serial: 2_026_082_202) == first.started)

        #expect(try history.prune(keepingRunsNewerThan: first.started) == 0)
        #expect(try history.recentRuns(limit: 10).count == 1)
    }

    @Test func reopeningKeepsTheRuns() throws {
        let nested = directory.path + "/var/lib/dnsward/history.sqlite"
        let firstID = try HistoryStore(path: nested).append(first)
        let reopened = try HistoryStore(path: nested)
        #expect(try reopened.recentRuns(limit: 10).map(\.id) == [firstID])
        let secondID = try reopened.append(second)
        #expect(secondID > firstID)
        #expect(try HistoryStore(path: nested).recentRuns(limit: 10).count == 2)
    }

    @Test func aDirectoryThatCannotBeMadeIsNamed() throws {
        // A regular file where a directory should be: fails for root too, unlike permissions.
        let file = directory.path + "/plain-file"
        try "x".write(toFile: file, atomically: false, encoding: .utf8)
        let database = file + "/sub/history.sqlite"
        let error = try #require(throws: HistoryError.self) { try HistoryStore(path: database) }
        #expect(error.path == database)
        #expect(error.description == "history database \(database): cannot create the directory \(file)/sub: Not a directory")
    }

    @Test func aFileThatIsNotADatabaseIsNamed() throws {
        try String(repeating: "not a database, just text\n", count: 200).write(toFile: path, atomically: false, encoding: .utf8)
        let error = try #require(throws: HistoryError.self) { try HistoryStore(path: path) }
        #expect(error.description.hasPrefix("history database \(path): cannot open: "), "\(error)")
        #expect(error.description.contains("not a database"), "\(error)")
    }

    @Test func aDirectoryInPlaceOfTheFileIsNamed() throws {
        let error = try #require(throws: HistoryError.self) { try HistoryStore(path: directory.path) }
        #expect(error.description.hasPrefix("history database \(directory.path): cannot open: "), "\(error)")
    }
}
