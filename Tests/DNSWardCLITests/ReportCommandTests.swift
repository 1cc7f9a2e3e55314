import DNSCore
import DNSWardTestKit
import Foundation
import History
import Model
import Platform
import Testing

/// `dnsward report` as cron runs it: from a history file to a report file, in each format
/// and language; bad input exits 3 and writes nothing.
@Suite struct ReportCommandTests {
    let directory = try! TemporaryPath()
    var history: String { directory.path + "/history.sqlite" }

    func fill() throws {
        let store = try HistoryStore(path: history)
        try store.append(SampleRun.make())
        try store.record(SnapshotEvent(time: SampleRun.started, zone: "serial.test", kind: .failed, detail: "no server allowed a transfer"))
    }

    @Test(arguments: [("html", "en"), ("md", "zh"), ("json", "en")])
    func writesTheReportFile(format: String, language: String) async throws {
        try fill()
        let out = directory.path + "/report.\(format)"
        let result = try await DNSWardBinary.run(["report", "--history", history, "--since", "2026-08-01", "--format", format,
                                                  "--lang", language, "--out", out])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("REPORT \(out): 5 zones, 1 probe run, "))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        switch format {
        case "html": #expect(text.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">") && text.contains("ns2.serial.test has served serial 2026082201"))
        case "md": #expect(text.hasPrefix("# DNS 监测报告\n") && text.contains("序列号 2026082201"))
        default:
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(object["schema"] as? Int == 1 && object["language"] as? String == "en" && object["probeRuns"] as? Int == 1)
        }
    }

    @Test func zonesAndStandardOutput() async throws {
        try fill()
        let result = try await DNSWardBinary.run(["report", "--history", history, "--since", "2026-08-01", "--zone", "partial.test.",
                                                  "--format", "md", "--out", "-"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("| Zones | partial.test |"))
        #expect(!result.standardOutput.contains("serial.test"))
    }

    @Test func theReportsDirectoryIsMadeWhenMissing() async throws {
        try fill()
        let out = directory.path + "/reports/weekly/report.md"
        let result = try await DNSWardBinary.run(["report", "--history", history, "--format", "md", "--out", out])
        #expect(result.status == 0 && FileManager.default.fileExists(atPath: out))
    }

    @Test func aPeriodWithoutRunsSaysSo() async throws {
        try fill()
        let result = try await DNSWardBinary.run(["report", "--history", history, "--since", "1h", "--format", "md", "--out", "-"])
        #expect(result.status == 0 && result.standardOutput.contains("| Probe runs | 0 |") && result.standardOutput.contains("No data in the period."))
    }

    @Test func badInputExitsThreeAndWritesNothing() async throws {
        let out = directory.path + "/never.html"
        let missing = try await DNSWardBinary.run(["report", "--history", directory.path + "/none.sqlite", "--out", out])
        #expect(missing.status == 3 && missing.standardError.contains("does not exist"))
        try fill()
        let since = try await DNSWardBinary.run(["report", "--history", history, "--since", "yesterday", "--out", out])
        #expect(since.status == 3 && since.standardError.contains("--since yesterday"))
        let format = try await DNSWardBinary.run(["report", "--history", history, "--format", "pdf", "--out", out])
        #expect(format.status == 3 && format.standardError.contains("pdf"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/none.sqlite"), "a missing history must not be created")
    }
}
