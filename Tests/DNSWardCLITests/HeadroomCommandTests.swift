import DNSCore
import DNSWardTestKit
import Foundation
import History
import Testing
#if canImport(Glibc)
import Glibc
#endif
import Platform
import Model

/// `dnsward headroom` as an operator runs it: the built binary, its output and exit code.
@Suite(.serialized, .lab, .timeLimit(.minutes(2)))
struct HeadroomCommandTests {
    let directory = NSTemporaryDirectory() + "dnsward-headroom-\(UUID().uuidString)"

    func write(_ name: String, _ text: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func queries() throws -> String { try write("queries.txt", "; dnsperf format\nwww.healthy.test A\nhealthy.test MX\n") }

    /// Against a private NSD: reading NSD 4.6's counters restarts its server process, which
    /// would cut the transfers other suites run against the lab's NSD.
    @Test func jsonWithTheServersOwnCounters() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let metrics = directory + "/headroom.prom"
        let queries = try write("counted.txt", "www.counted.test A\ncounted.test MX\n")
        var captured: Subprocess.Result?
        var server = ""
        try await withCountedNSD { nsd in
            server = nsd.address.description
            captured = try await DNSWardBinary.run(
                "headroom", "--server", server, "--queries", queries, "--max-qps", "2000", "--start-qps", "1000",
                "--step-seconds", "1", "--duration", "5", "--answer-timeout", "2000", "--p99-threshold", "2000", "--baseline-from", "nsd",
                "--control-config", nsd.configPath, "--baseline-interval", "1", "--link-mbps", "100",
                "--format", "json", "--prometheus", metrics, "--history", directory + "/history.sqlite")
        }
        let result = try #require(captured)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardError.isEmpty, "no progress line off a terminal: \(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["schema"] as? Int == 1)
        #expect(json["capacityQps"] as? Double == 2000)
        #expect(json["limitedBy"] as? String == "rate-cap")
        #expect((json["baseline"] as? [String: Any])?["source"] as? String == "nsd")
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.count == 2)
        #expect(steps.allSatisfy { ($0["serverReceived"] as? Int ?? 0) >= ($0["sent"] as? Int ?? .max) })
        let bandwidth = try #require(json["bandwidth"] as? [String: Any])
        #expect((bandwidth["linkLimitQps"] as? Double ?? 0) > 2000)
        let prometheus = try String(contentsOfFile: metrics, encoding: .utf8)
        #expect(prometheus.contains("dnsward_headroom_capacity_qps{server=\"\(server)\",transport=\"udp\"} 2000"))

        // The run is in the history with the figures the report shows, and all of it beside them.
        let recorded = try #require(try HistoryStore(path: directory + "/history.sqlite").headroomRuns().first)
        #expect(recorded.server == server && recorded.capacityQps == 2000 && !recorded.generatorBound)
        #expect(recorded.baselineQps == (json["baseline"] as? [String: Any])?["qps"] as? Double)
        #expect(recorded.limitedBy == bandwidth["firstLimit"] as? String ?? "rate-cap")
        let detail = try #require(recorded.detail)
        #expect((try JSONSerialization.jsonObject(with: Data(detail.utf8)) as? [String: Any])?["capacityQps"] as? Double == 2000)
    }

    @Test func textTableAndVerdict() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let queries = try write("counted.txt", "www.counted.test A\ncounted.test MX\n")
        var captured: Subprocess.Result?
        try await withCountedNSD { nsd in
            captured = try await DNSWardBinary.run(
                "headroom", "--server", nsd.address.description, "--queries", queries, "--max-qps", "1000", "--start-qps", "1000",
                "--step-seconds", "1", "--duration", "1", "--answer-timeout", "2000", "--p99-threshold", "2000")
        }
        let result = try #require(captured)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("dnsward headroom 127.62.0.1@") == true)
        #expect(lines.first?.hasSuffix("(udp, steps): 2 queries from file \(queries)") == true)
        #expect(lines.contains { $0.hasPrefix("1  step      1,000  1,000     1,000   0.00") && $0.hasSuffix("pass") })
        #expect(lines.last?.hasPrefix("HEADROOM capacity at least 1,000 q/s") == true)
    }

    @Test func aZoneTakesItsNamesFromTheLatestSnapshot() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let zones = directory + "/zones"
        let snapshot = try await DNSWardBinary.run("snapshot", "--root-hints", Lab.rootHintsPath, "--zones-dir", zones, "--zone", "healthy.test")
        #expect(snapshot.status == 0, "\(snapshot.standardOutput)")
        let result = try await DNSWardBinary.run(
            "headroom", "--server", Lab.authB.description, "--zone", "healthy.test", "--zones-dir", zones, "--max-qps", "500",
            "--start-qps", "500", "--step-seconds", "1", "--duration", "1", "--answer-timeout", "2000", "--p99-threshold", "2000",
            "--loss-threshold", "5%", "--format", "json")
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let queries = try #require(json["queries"] as? [String: Any])
        #expect(queries["kind"] as? String == "zone-snapshot")
        #expect((queries["origin"] as? String)?.contains(zones + "/healthy.test/") == true)
        #expect((queries["count"] as? Int ?? 0) >= 10)
    }

    @Test func calibrationAgainstTheBuiltInNullResponder() async throws {
        let result = try await DNSWardBinary.run("headroom", "--calibrate", "--max-qps", "20000", "--start-qps", "10000",
                                                 "--step-seconds", "0.5", "--duration", "1", "--answer-timeout", "300")
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("dnsward headroom 127.0.0.1@"))
        #expect(result.standardOutput.contains("(udp, calibrate): 1 queries from built-in calibration query"))
        #expect(result.standardOutput.split(separator: "\n").last?.hasPrefix("HEADROOM generator ceiling on this host") == true)
    }

    @Test func aTargetOffLoopbackIsRefusedUnlessAllowed() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try await DNSWardBinary.run("headroom", "--server", "192.0.2.53", "--queries", try queries())
        #expect(result.status == 3)
        #expect(result.standardError.contains("192.0.2.53 is not loopback and not listed in headroom.allow"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func theRateCapCannotBePassedOnTheCommandLine() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let over = try await DNSWardBinary.run("headroom", "--server", Lab.authA.description, "--queries", try queries(), "--max-qps", "60000")
        #expect(over.status == 3)
        #expect(over.standardError.contains("above the rate cap of 50000 q/s"))
        let long = try await DNSWardBinary.run("headroom", "--server", Lab.authA.description, "--queries", try queries(), "--duration", "601")
        #expect(long.status == 3)
        #expect(long.standardError.contains("--duration must be between 0 and 600 seconds"))
        let config = try write("cap.yml", "headroom:\n  max_qps: 1000\n  allow: [192.0.2.0/24]\n")
        let capped = try await DNSWardBinary.run("headroom", "--config", config, "--server", Lab.authA.description, "--queries",
                                                 try queries(), "--max-qps", "2000")
        #expect(capped.status == 3)
        #expect(capped.standardError.contains("above the rate cap of 1000 q/s"))
    }

    @Test func aBadQueryFileNamesFileAndLine() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = try write("bad.txt", "www.healthy.test A\nwww.healthy.test AAA\n")
        let result = try await DNSWardBinary.run("headroom", "--server", Lab.authA.description, "--queries", file)
        #expect(result.status == 3)
        #expect(result.standardError.contains("\(file):2: unknown record type 'AAA'"))
        let config = try write("typo.yml", "headroom:\n  alow: [192.0.2.1]\n")
        let typo = try await DNSWardBinary.run("headroom", "--config", config, "--server", Lab.authA.description, "--queries", file)
        #expect(typo.status == 3)
        #expect(typo.standardError.contains("typo.yml:2: headroom.alow: unknown key 'alow'"))
        let badAllow = try write("allow.yml", "headroom:\n  allow: [not-an-address]\n")
        let allow = try await DNSWardBinary.run("check-config", "--config", badAllow)
        #expect(allow.status != 0)
        #expect((allow.standardOutput + allow.standardError).contains("allow.yml:2: headroom.allow: not an address prefix: 'not-an-address'"))
    }

    /// Ctrl-C stops the load at once and still prints what was measured.
    @Test func interruptPrintsThePartialResult() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let queries = try write("counted.txt", "www.counted.test A\ncounted.test MX\n")
        var captured: Subprocess.Result?
        var stopTook = Duration.zero
        try await withCountedNSD { nsd in
            let child = try Subprocess.start(DNSWardBinary.path, [
                "headroom", "--server", nsd.address.description, "--queries", queries, "--max-qps", "2000", "--start-qps", "1000",
                "--step-seconds", "20", "--duration", "60", "--answer-timeout", "2000", "--p99-threshold", "2000", "--format", "json",
            ])
            try await Task.sleep(for: .seconds(3))
            let clock = ContinuousClock()
            let start = clock.now
            child.signal(SIGINT)
            captured = await child.finished(timeout: .seconds(20))
            stopTook = clock.now - start
        }
        let result = try #require(captured)
        #expect(stopTook < .seconds(3), "the load stops at once")
        #expect(result.status == 130, "\(result.standardOutput)\(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["interrupted"] as? Bool == true)
        #expect(json["limitedBy"] as? String == "interrupted")
        let step = try #require((json["steps"] as? [[String: Any]])?.first)
        #expect(step["complete"] as? Bool == false)
        // About three seconds of 1,000 q/s were sent, not twenty.
        let sent = step["sent"] as? Int ?? 0
        #expect(sent > 1_500 && sent < 8_000, "sent \(sent)")
        #expect(step["answered"] as? Int == sent)
    }
}
