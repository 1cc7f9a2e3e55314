import DNSCore
import DNSWardTestKit
import Foundation
import Model
import Platform
import Report
import Testing

/// The metrics written batch by batch say what the whole-run exposition says.
@Suite struct PrometheusStreamTests {
    /// The sample run cut into per-zone batches, as the probe delivers them.
    static func batches(_ run: ProbeRun) -> [ProbeBatch] {
        let zones = Array(Set(run.findings.map(\.zone) + run.measurements.map { Optional($0.zone) })).sorted { ($0 ?? "") < ($1 ?? "") }
        return zones.map { zone in
            ProbeBatch(zone: zone, findings: run.findings.filter { $0.zone == zone },
                       measurements: run.measurements.filter { $0.zone == zone },
                       dnssecExpiry: zone.flatMap { run.dnssecExpiry[$0] })
        }
    }

    static func stream(_ run: ProbeRun, into path: String) throws {
        let stream = try PrometheusStream(path: path)
        var tally = RunTally()
        for batch in batches(run) {
            tally.add(batch)
            try stream.add(batch)
        }
        try stream.finish(ProbeRunFrame(started: run.started, finished: run.finished, zones: run.zones, resolvers: run.resolvers),
                          tally: tally)
    }

    @Test func sameSeriesAsTheWholeRunExposition() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/dnsward.prom"
        let run = SampleRun.make()
        try Self.stream(run, into: path)
        let streamed = try String(contentsOfFile: path, encoding: .utf8)
        let whole = PrometheusExposition.render(run)
        // The same lines; the order of series within a family may differ (batches come as
        // zones finish), the order of families may not.
        #expect(streamed.split(separator: "\n").sorted() == whole.split(separator: "\n").sorted())
        let families = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("# TYPE") } }
        #expect(families(streamed) == families(whole))
        // Nothing is left beside the file but the file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["dnsward.prom"])
    }

    /// Enough zones that every per-zone family is written to its scratch file several times
    /// during the run (samples are buffered, not written per batch): nothing lost, nothing
    /// doubled.
    @Test func manyZonesCrossTheWriteBufferAndLoseNothing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/dnsward.prom"
        let started = Date(timeIntervalSince1970: 1_787_392_800)
        let zones = (0..<6000).map { String(format: "z%05d.scale", $0) }
        let batches = zones.map { zone in
            ProbeBatch(
                zone: zone,
                findings: [Finding(check: .authSerial, severity: .ok, reason: .serialOK, parameters: ["count": .integer(2)],
                                   zone: zone, time: started)],
                measurements: [("ns1." + zone, "127.53.10.1"), ("ns2." + zone, "127.53.10.2")].map { server, address in
                    Model.Measurement(zone: zone, server: server, address: address, transport: .udp, rtt: 0.001, serial: 2026112401)
                })
        }
        let stream = try PrometheusStream(path: path)
        var tally = RunTally()
        for batch in batches {
            tally.add(batch)
            try stream.add(batch)
        }
        let finished = started.addingTimeInterval(2)
        try stream.finish(ProbeRunFrame(started: started, finished: finished, zones: zones, resolvers: []), tally: tally)
        let run = ProbeRun(started: started, finished: finished, zones: zones, resolvers: [],
                           findings: batches.flatMap(\.findings), measurements: batches.flatMap(\.measurements), dnssecExpiry: [:])
        let streamed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(streamed.utf8.count > 4 * 256 * 1024)
        #expect(streamed.split(separator: "\n").sorted() == PrometheusExposition.render(run).split(separator: "\n").sorted())
    }

    @Test func promtoolAcceptsTheStreamedFile() async throws {
        guard Promtool.isInstalled else { return }
        let directory = try TemporaryDirectory()
        let path = directory.path + "/dnsward.prom"
        try Self.stream(SampleRun.make(), into: path)
        let check = try await Promtool.checkMetrics(try String(contentsOfFile: path, encoding: .utf8))
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
    }

    @Test func anUnwritableDirectoryIsAnErrorAndLeavesNothing() throws {
        #expect(throws: (any Error).self) { try PrometheusStream(path: "/proc/dnsward/none/dnsward.prom") }
    }

    @Test func aDiscardedStreamLeavesNoFile() throws {
        let directory = try TemporaryDirectory()
        let stream = try PrometheusStream(path: directory.path + "/dnsward.prom")
        try stream.add(Self.batches(SampleRun.make())[0])
        stream.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
