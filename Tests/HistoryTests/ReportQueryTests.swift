import DNSCore
import DNSWardTestKit
import Foundation
import History
import Model
import Testing

/// The report's queries: the findings problems are made of, and which runs saw which zone,
/// without reading every OK finding of a week.
@Suite struct ReportQueryTests {
    @Test func problemFindingsLeaveOutOKButTheReasonsAsked() throws {
        let directory = try TemporaryDirectory()
        let store = try HistoryStore(path: directory.path + "/history.sqlite")
        let lagWithinTolerance = SampleRun.finding(.authSerial, .ok, "sync.test", "ns2.sync.test", "127.53.2.2", reason: .serialLag,
                                                   parameters: ["serial": .serial(1), "reference": .serial(2), "lag": .seconds(60)])
        let first = try store.append(SampleRun.make(started: SampleRun.started, findings: SampleRun.findings + [lagWithinTolerance]))
        let second = try store.append(SampleRun.make(started: SampleRun.started.addingTimeInterval(300)))

        let all = try store.problemFindings()
        #expect(all.allSatisfy { $0.finding.severity != .ok })
        #expect(all.count == 2 * SampleRun.findings.filter { $0.severity != .ok }.count)
        let withLags = try store.problemFindings(alsoReasons: [.serialLag])
        #expect(withLags.count == all.count + 1)
        #expect(withLags.contains { $0.runID == first && $0.finding == lagWithinTolerance })
        #expect(try store.problemFindings(since: SampleRun.started.addingTimeInterval(1)).allSatisfy { $0.runID == second })

        let runs = try store.zoneRuns()
        // Five zones in each run, each run once per zone, the OK findings counted too.
        #expect(runs.count == 2 * 5 + 1)
        #expect(runs.filter { $0.zone == "healthy.test" }.map(\.started) == [SampleRun.started, SampleRun.started.addingTimeInterval(300)])
        #expect(runs.contains { $0.zone == "sync.test" && $0.started == SampleRun.started })
    }
}
