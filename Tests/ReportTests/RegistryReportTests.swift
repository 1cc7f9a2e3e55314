import DNSCore
import DNSWardTestKit
import Foundation
import Model
import Report
import Testing

/// The registry report built from a fixed history: what it says (incidents, availability,
/// backups, ranking) and, to the byte, how Markdown and JSON say it (golden files; set
/// DNSWARD_UPDATE_GOLDEN=1 to rewrite them after a deliberate change, and read the diff).
@Suite struct RegistryReportTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    func report(_ language: ReportLanguage = .en) throws -> RegistryReport {
        try ReportFixture.report(language, in: directory.path)
    }

    @Test(arguments: [("report-en.md", ReportLanguage.en), ("report-zh.md", .zh)])
    func markdownIsTheGoldenFile(name: String, language: ReportLanguage) throws {
        try Golden.check(MarkdownReport.render(try report(language)), against: name)
    }

    @Test func jsonIsTheGoldenFile() throws {
        let json = String(decoding: try RegistryReportJSON.encode(try report()), as: UTF8.self) + "\n"
        try Golden.check(json, against: "report-en.json")
        // Schema 1 is documented key by key; the document names every top-level key.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schema"] as? Int == 1)
        let schema = try String(contentsOf: Golden.repository.appendingPathComponent("Sources/Report/RegistryReportJSONSchema.md"),
                                encoding: .utf8)
        for key in object.keys { #expect(schema.contains("`\(key)`"), "RegistryReportJSONSchema.md does not document \(key)") }
    }

    @Test func aSerialLagIsOneIncidentFromItsStartToNow() throws {
        let serial = try #require(try report().zones.first { $0.zone == "serial.test" })
        let incident = try #require(serial.serialIncidents.first)
        #expect(serial.serialIncidents.count == 1)
        #expect(incident.server == "ns2.serial.test" && incident.serial == 2_026_082_201 && incident.reference == 2_026_082_202)
        #expect(incident.start == ReportFixture.hours(-3))
        #expect(incident.ongoing && incident.end == nil)
        #expect(incident.seconds == 3 * 3600)
        #expect(incident.referenceServers == ["ns1.serial.test"])
        #expect(incident.severity == .critical)
    }

    @Test func aLagThatCaughtUpHasAnEnd() throws {
        let sync = try #require(try report().zones.first { $0.zone == "sync.test" })
        let incident = try #require(sync.serialIncidents.first)
        #expect(incident.start == ReportFixture.hours(-3))
        #expect(incident.end == ReportFixture.hours(-1))
        #expect(!incident.ongoing && incident.seconds == 2 * 3600)
        #expect(incident.behind == 2)
    }

    @Test func theSummaryIsRankedAndSaysWhatToDo() throws {
        let report = try report()
        let ranks = report.summary.map(\.severity.rank)
        #expect(ranks == ranks.sorted(by: >), "worst first")
        let lag = try #require(report.summary.first { $0.reason == .serialLag })
        #expect(lag.message == "ns2.serial.test has served serial 2026082201 for 3.0 h while ns1.serial.test serves 2026082202")
        #expect(lag.action.hasPrefix("Check zone transfers from the primary to ns2.serial.test (127.53.2.2)"))
        #expect(lag.firstSeen == ReportFixture.hours(-3) && lag.occurrences == 2 && lag.ongoing)
        // Resolved problems stay in the report, after the ongoing ones of their severity.
        let data = try #require(report.summary.first { $0.reason == .dataDiffersEqualSerials })
        #expect(!data.ongoing && data.lastSeen == ReportFixture.hours(-2))
        let critical = report.summary.filter { $0.severity == .critical }
        #expect(critical.firstIndex { !$0.ongoing }! > critical.lastIndex { $0.ongoing }!)
        let zh = try self.report(.zh)
        let lagZH = try #require(zh.summary.first { $0.reason == .serialLag })
        #expect(lagZH.message == "ns2.serial.test 所服务的序列号 2026082201 已持续 3.0 小时，而 ns1.serial.test 的序列号为 2026082202")
        #expect(lagZH.action.contains("区传送"))
    }

    @Test func availabilityCountsRunsNotRetries() throws {
        let report = try report()
        let serial = try #require(report.zones.first { $0.zone == "serial.test" })
        let ns2 = try #require(serial.availability.first { $0.server == "ns2.serial.test" })
        #expect(ns2.udp == Availability(answered: 4, runs: 4))
        let partial = try #require(report.zones.first { $0.zone == "partial.test" }?.availability.first)
        #expect(partial.udp == Availability(answered: 0, runs: 4))
        let signed = try #require(report.zones.first { $0.zone == "signed.test" }?.availability.first { $0.server == "ns2.signed.test" })
        #expect(signed.tcp == Availability(answered: 3, runs: 4))
        #expect(signed.udp == Availability(answered: 0, runs: 4))
    }

    @Test func backupsDrillsAndHeadroomAreJudged() throws {
        let report = try report()
        func reasons(_ zone: String) -> Set<Reason> { Set(report.summary.filter { $0.zone.map { $0.hasPrefix(zone) } ?? false }.map(\.reason)) }
        #expect(reasons("signed.test").isSuperset(of: [.backupStale, .backupExpiring, .backupRefused, .drillFailed]))
        #expect(reasons("serial.test").contains(.backupNone))
        #expect(!reasons("healthy.test").contains(where: { $0.rawValue.hasPrefix("backup") || $0.rawValue.hasPrefix("drill") }))
        let healthy = try #require(report.zones.first { $0.zone.hasPrefix("healthy.test") })
        #expect(healthy.backup.lastGood?.serial == 2_026_082_201)
        #expect(healthy.backup.ageSeconds == 2.5 * 3600)
        #expect(healthy.backup.lastDrill?.passed == true && healthy.backup.lastDrill?.seconds == 0.12)
        // The restore (an apply) is not a drill.
        let signed = try #require(report.zones.first { $0.zone.hasPrefix("signed.test") })
        #expect(signed.backup.lastDrill?.outcome == "failed" && signed.backup.drills == 1)
        // The calibration is not a server; a generator-bound capacity is no low headroom.
        #expect(report.headroom.map(\.server) == ["127.53.2.1", "127.53.3.1"])
        let low = report.summary.filter { $0.reason == .headroomLow }
        #expect(low.map(\.server) == ["127.53.3.1"] && low.first?.severity == .warning)
    }

    @Test func aZoneFilterKeepsOnlyThatZone() throws {
        let history = try ReportFixture.history(in: directory.path)
        let report = ReportBuilder.build(history, options: ReportFixture.options(.en, zones: ["SERIAL.test."]), generated: ReportFixture.until)
        #expect(report.zones.map(\.zone) == ["serial.test"])
        #expect(report.summary.allSatisfy { $0.zone == nil || $0.zone!.lowercased().hasPrefix("serial.test") })
    }

    @Test func anEmptyHistorySaysSo() throws {
        let empty = ReportHistory(runs: [], findings: [], measurements: [], expiries: [], snapshotEvents: [], restoreEvents: [], headroomRuns: [])
        let report = ReportBuilder.build(empty, options: ReportFixture.options(.zh), generated: ReportFixture.until)
        #expect(report.summary.isEmpty && report.probeRuns == 0)
        let markdown = MarkdownReport.render(report)
        #expect(markdown.contains("统计周期内无数据。") && markdown.contains("统计周期内未发现问题。"))
    }
}

/// Golden files in Fixtures/, compared byte for byte.
enum Golden {
    static var repository: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }

    static var fixtures: URL { repository.appendingPathComponent("Tests/ReportTests/Fixtures") }

    static func check(_ text: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = fixtures.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["DNSWARD_UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if text != expected {
            let got = fixtures.appendingPathComponent(name + ".got")
            try? text.write(to: got, atomically: true, encoding: .utf8)
            let left = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let right = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(left.count, right.count)).first { left[$0] != right[$0] } ?? min(left.count, right.count)
            Issue.record("\(name) differs from line \(line + 1): expected \(line < left.count ? String(left[line]) : "<end>"), got \(line < right.count ? String(right[line]) : "<end>") (all of it in \(got.path))",
                         sourceLocation: sourceLocation)
        }
    }
}
