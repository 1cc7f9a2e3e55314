import DNSCore
import DNSWardTestKit
import Foundation
@testable import History
import Model
import Testing

/// A run written in batches, as the probe hands them on.
@Suite struct HistoryRunWriterTests {
    @Test func batchesReadBackAsTheRun() throws {
        let directory = try TemporaryDirectory()
        let history = try HistoryStore(path: directory.path + "/history.sqlite")
        let run = SampleRun.make()
        let writer = try history.beginRun(started: run.started, zones: run.zones.count, resolvers: run.resolvers)
        // Until it finishes, the run says UNKNOWN.
        #expect(try history.recentRuns(limit: 1).first?.status == .unknown)
        for finding in run.findings { writer.add(ProbeBatch(zone: finding.zone, findings: [finding])) }
        writer.add(ProbeBatch(zone: "signed.test", findings: [], measurements: run.measurements, dnssecExpiry: SampleRun.signedExpiry))
        try writer.finish(finished: run.finished, status: run.status, critical: run.count(.critical),
                          warning: run.count(.warning), unknown: run.count(.unknown))
        #expect(try history.findings(runID: writer.runID) == run.findings)
        #expect(try history.measurements(runID: writer.runID) == run.measurements)
        let summary = try #require(try history.recentRuns(limit: 1).first)
        #expect(summary.status == run.status && summary.critical == run.count(.critical) && summary.zones == 5)
        #expect(try history.firstSeen(zone: "serial.test", serial: 2_026_082_202) == run.started)
    }

    /// More rows than one chunk: written in several transactions while the run goes on.
    @Test func manyChunks() throws {
        let directory = try TemporaryDirectory()
        let history = try HistoryStore(path: directory.path + "/history.sqlite")
        let writer = try history.beginRun(started: SampleRun.started, zones: 3000, resolvers: [])
        var expected: [Finding] = []
        for index in 0..<3000 {
            let zone = "z\(index).test."
            let findings = [
                SampleRun.finding(.authSerial, .ok, zone, "ns1.\(zone)", "127.53.10.1", reason: .serialOK,
                                  parameters: ["serial": .serial(UInt32(index)), "count": .integer(2)]),
                SampleRun.finding(.authReachUDP, .ok, zone, nil, nil, nil, reason: .udpOK, parameters: ["count": .integer(2)]),
            ]
            expected += findings
            writer.add(ProbeBatch(zone: zone, findings: findings))
        }
        try writer.finish(finished: SampleRun.started, status: .ok, critical: 0, warning: 0, unknown: 0)
        #expect(try history.findings(runID: writer.runID) == expected)
    }

    @Test func rowJSONIsWhatJSONDecoderReads() throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        for finding in SampleRun.findings {
            let parameters = try decoder.decode(FindingParameters.self, from: Data(try RowJSON.parameters(finding.parameters).utf8))
            #expect(parameters == finding.parameters)
            #expect(try decoder.decode([String: String].self, from: Data(RowJSON.evidence(finding.parameters).utf8)) == finding.evidence)
        }
        let odd: FindingParameters = ["control\u{1}": .text("tab\tquote\"nl\n\u{7f}é"), "n": .number(0.000123), "big": .seconds(1e20),
                                      "list": .list(["a", "b\"c"]), "when": .time(SampleRun.started)]
        #expect(try decoder.decode(FindingParameters.self, from: Data(try RowJSON.parameters(odd).utf8)) == odd)
        #expect(throws: RowJSON.NotFinite.self) { try RowJSON.parameters(["x": .number(.nan)]) }
    }
}
