import DNSCore
import DNSWardTestKit
import Foundation
@testable import Headroom
import Testing
import Platform

/// The JSON form against its documented schema, and the Prometheus form against promtool.
struct HeadroomOutputTests {
    static var sample: HeadroomResult {
        let percentiles = StepResult.Percentiles(p50: 0.1, p90: 0.2, p99: 0.5, p999: 1.2, max: 3, mean: 0.15)
        let step = StepResult(
            index: 1, kind: "step", offeredQps: 2000, seconds: 1, scheduled: 2000, sent: 2000, answered: 1995, lost: 5, late: 1,
            lossPercent: 0.25, answeredQps: 1995, rcodes: ["NOERROR": 1990, "SERVFAIL": 5], servfailPercent: 0.25, truncated: 0,
            latencyMilliseconds: percentiles, sendLagMilliseconds: percentiles, lagGrowing: false, queryBytesPerSecond: 88_000,
            answerBytesPerSecond: 300_000, meanQueryBytes: 44, meanAnswerBytes: 150,
            kernel: .init(generatorSocketDrops: 0, hostRcvbufErrors: 3, hostInErrors: 3, lossAttribution: "this-host"),
            serverReceived: 2000, generatorBound: false, passed: true, reasons: [], complete: true)
        return HeadroomResult(
            server: "127.53.2.1", transport: "udp", mode: "steps", started: Date(timeIntervalSince1970: 1_796_000_000),
            finished: Date(timeIntervalSince1970: 1_796_000_030),
            queries: .init(kind: "file", origin: "file q.txt", count: 3, meanQueryBytes: 44),
            settings: .init(maxQps: 4000, durationSeconds: 30, stepSeconds: 1, lossThresholdPercent: 1, p99ThresholdMilliseconds: 100,
                            answerTimeoutMilliseconds: 500, sockets: 8, gso: false),
            steps: [step], capacityQps: 2000, capacityCeilingQps: 2062, capacityIsLowerBound: false, limitedBy: "server",
            generatorBound: false, generatorBoundAboveQps: 400_000,
            baseline: .init(qps: 500, source: "nsd", counter: "nsd-control -c nsd.conf", intervalSeconds: 10), headroom: 4,
            bandwidth: Summary.bandwidth(at: step, lowerBound: false, headerBytes: 28, linkMbps: 1),
            interrupted: false, verdict: "capacity 2,000 q/s (server-bound)")
    }

    /// The keys documented in each table of HeadroomJSONSchema.md, by the table's heading.
    static func documentedKeys() throws -> [String: Set<String>] {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let text = try String(contentsOf: url.appendingPathComponent("Sources/Headroom/HeadroomJSONSchema.md"), encoding: .utf8)
        var tables: [String: Set<String>] = [:]
        var section = "result"
        for line in text.split(separator: "\n") {
            if line.hasPrefix("`"), line.hasSuffix(":") || line.contains("`:") || line.hasSuffix("):") {
                section = String(line.dropFirst().prefix { $0 != "`" })
            } else if line.hasPrefix("A step:") {
                section = "step"
            } else if line.hasPrefix("| `") {
                let cell = line.split(separator: "|")[0]
                for part in cell.split(separator: ",") {
                    let key = part.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
                    tables[section, default: []].insert(key)
                }
            }
        }
        return tables
    }

    @Test func everyEncodedKeyIsDocumentedAndEveryDocumentedKeyEncoded() throws {
        let data = try HeadroomJSON.encode(Self.sample)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let documented = try Self.documentedKeys()
        func keys(_ object: Any?) -> Set<String> { Set((object as? [String: Any])?.keys.map { $0 } ?? []) }
        #expect(keys(json) == documented["result"])
        #expect(keys(json["queries"]) == documented["queries"])
        #expect(keys(json["settings"]) == documented["settings"])
        #expect(keys(json["baseline"]) == documented["baseline"])
        #expect(keys(json["bandwidth"]) == documented["bandwidth"])
        let step = (json["steps"] as? [Any])?.first
        var stepKeys = documented["step"] ?? []
        stepKeys.remove("kernel")
        #expect(keys(step).subtracting(["kernel"]) == stepKeys)
        #expect(keys((step as? [String: Any])?["kernel"]) == documented["kernel"])
        #expect(json["schema"] as? Int == 1)
        #expect(json["started"] as? String == "2026-11-30T00:53:20Z")
        #expect(json["capacityQps"] as? Double == 2000)
    }

    @Test func jsonRoundTrips() throws {
        let decoded = try HeadroomJSON.decode(try HeadroomJSON.encode(Self.sample))
        #expect(decoded == Self.sample)
    }

    @Test func bandwidthIsAnswersTimesWireSize() throws {
        let bandwidth = try #require(Self.sample.bandwidth)
        #expect(bandwidth.answerWireBytes == 178 && bandwidth.queryWireBytes == 72)
        #expect(abs(bandwidth.outboundMbps - 1995 * 178 * 8 / 1e6) < 1e-9)
        #expect(abs(bandwidth.inboundMbps - 2000 * 72 * 8 / 1e6) < 1e-9)
        #expect(abs(bandwidth.amplification - 178.0 / 72) < 1e-9)
        // 1 Mbit/s fills with answers of 178 bytes at about 703 q/s, below the capacity.
        #expect(bandwidth.firstLimit == "link")
        #expect(abs((bandwidth.linkLimitQps ?? 0) - 1e6 / 8 / (178 * 1995.0 / 2000)) < 1e-6)
    }

    @Test(.enabled(if: Promtool.isInstalled)) func prometheusPassesPromtool() async throws {
        let text = HeadroomPrometheus.render(Self.sample)
        #expect(text.contains("dnsward_headroom_capacity_qps{server=\"127.53.2.1\",transport=\"udp\"} 2000"))
        #expect(text.contains("dnsward_headroom_ratio{server=\"127.53.2.1\",transport=\"udp\"} 4"))
        let check = try await Promtool.checkMetrics(text)
        #expect(check.status == 0, "promtool: \(check.standardOutput)\(check.standardError)")
    }
}
