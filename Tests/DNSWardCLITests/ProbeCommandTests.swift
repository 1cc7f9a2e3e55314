import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Platform
import History
import Model

/// `dnsward probe` as cron runs it: exit code, first line, JSON, metrics, history.
@Suite(.serialized, .lab) struct ProbeCommandTests {
    let directory = NSTemporaryDirectory() + "dnsward-probe-\(UUID().uuidString)"

    func config(_ zones: String, resolvers: String = "[]") async throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/dnsward.yml"
        try """
            root_hints: \(Lab.rootHintsPath)
            timeout: 1
            retries: 0
            history: \(directory)/history.sqlite
            prometheus: \(directory)/dnsward.prom
            probe:
              deadline: 20
              diversity_ipv4_prefix: 32
            zones:
            \(zones)
            resolvers: \(resolvers)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func healthyZoneIsOK() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try await config("  - name: healthy.test\n    axfr_expected: true\n")
        let result = try await DNSWardBinary.run("probe", "--config", path)
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(result.standardOutput.hasPrefix("DNSWARD OK - 1 zone | zones=1 critical=0 warning=0 unknown=0 rtt_max="))
        #expect(FileManager.default.fileExists(atPath: directory + "/history.sqlite"))
    }

    @Test func faultsGiveCriticalWithOneLinePerFinding() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try await config("""
              - name: data.test
                axfr_expected: true
                critical:
                  - name: www.data.test
                    types: [A]
              - name: lame.test
                axfr_expected: true
            """)
        let result = try await DNSWardBinary.run("probe", "--config", path)
        #expect(result.status == 2)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("DNSWARD CRITICAL - 1 critical, 1 warning in 2 zones |") == true, "\(lines)")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("AUTH-DATA CRITICAL data.test."))
        #expect(lines[2].hasPrefix("AUTH-AUTHORITY WARNING lame.test. ns2.lame.test. (127.53.2.2/udp)"))
    }

    @Test func metricsPassPromtoolAndJSONFollowsTheSchema() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try await config("  - name: serial.test\n    axfr_expected: true\n  - name: signed.test\n    axfr_expected: true\n",
                              resolvers: "[{address: 127.53.9.1, name: lab-resolver, validating: true, dnssec_canary: bogus.test}]")
        let result = try await DNSWardBinary.run("probe", "--config", path, "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["schema"] as? Int == 1)
        #expect(object["exitCode"] as? Int == Int(result.status))
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["check"] as? String == "REC-DNSSEC" && $0["severity"] as? String == "OK" })
        #expect((object["dnssecExpiry"] as? [String: String])?["signed.test."] != nil)

        let metrics = directory + "/dnsward.prom"
        let check = try await Subprocess.run("/bin/sh", ["-c", "exec promtool check metrics < \"$1\"", "sh", metrics])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        let text = try String(contentsOfFile: metrics, encoding: .utf8)
        #expect(text.contains("dnsward_soa_serial{zone=\"serial.test.\",server=\"ns1.serial.test.\",address=\"127.53.2.1\"} 2026112402"))
        #expect(text.contains("dnsward_soa_serial{zone=\"serial.test.\",server=\"ns2.serial.test.\",address=\"127.53.2.2\"} 2026112401"))
    }

    /// A new history has never seen the newest serial: the lag's duration is unknown, not
    /// zero, so the first sighting is a WARNING as without history, with the lagging
    /// serial's date as evidence; it stays unknown while history has seen nothing older.
    /// Once history has watched the newest serial replace an older one, the lag is measured.
    @Test func firstSightingOfTheNewestSerialIsAWarning() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try await config("  - name: serial.test\n    axfr_expected: true\n    serial_lag_tolerance: 3600\n")
        func serialFinding(_ result: Subprocess.Result) throws -> [String: Any] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            let findings = try #require(object["findings"] as? [[String: Any]])
            return try #require(findings.first { $0["check"] as? String == "AUTH-SERIAL" && $0["address"] as? String == "127.53.2.2" })
        }
        let first = try await DNSWardBinary.run("probe", "--config", path, "--format", "json")
        #expect(first.status == 1, "\(first.standardOutput)")
        let sighting = try serialFinding(first)
        #expect(sighting["severity"] as? String == "WARNING")
        #expect(sighting["reason"] as? String == "serial-lag-unknown-duration")
        let parameters = try #require(sighting["parameters"] as? [String: [String: Any]])
        #expect(parameters["firstSighting"]?["value"] as? Bool == true)
        #expect(parameters["serialAge"]?["kind"] as? String == "seconds", "2026112401 reads as a date")

        // History now knows 2026112402, but only since it began watching: still unknown.
        let history = try HistoryStore(path: directory + "/history.sqlite")
        let started = try #require(try history.firstSeen(zone: "serial.test.", serial: 2_026_112_402))
        #expect(try history.zoneFirstSeen("serial.test.") == started)
        let second = try serialFinding(try await DNSWardBinary.run("probe", "--config", path, "--format", "json"))
        #expect(second["severity"] as? String == "WARNING")
        #expect(second["reason"] as? String == "serial-lag-unknown-duration")
        #expect((second["parameters"] as? [String: Any])?["referenceFirstSeen"] != nil)

        // An earlier run saw only the older serial: 2026112402 appeared since, so the lag is
        // measured from its first sighting, within the hour of tolerance.
        let earlier = Date().addingTimeInterval(-7200)
        try history.append(ProbeRun(
            started: earlier, finished: earlier, zones: ["serial.test."], resolvers: [], findings: [],
            measurements: [Model.Measurement(zone: "serial.test.", server: "ns1.serial.test.", address: "127.53.2.1",
                                             transport: .udp, rtt: 0.001, serial: 2_026_112_401)],
            dnssecExpiry: [:]))
        let third = try await DNSWardBinary.run("probe", "--config", path, "--format", "json")
        let measured = try serialFinding(third)
        #expect(measured["severity"] as? String == "OK")
        #expect(measured["reason"] as? String == "serial-lag")
        #expect(third.status == 0, "\(third.standardOutput)")
        let once = try await DNSWardBinary.run("probe", "--config", path, "--no-history")
        #expect(once.standardOutput.contains("for an unknown time (no history)"))
    }

    @Test(arguments: [
        (["probe"], "nothing to probe"),
        (["probe", "--zone", "a..b"], "--zone a..b: not a domain name"),
        (["probe", "--zone", "healthy.test", "--root-hints", "/nonexistent/root.hints"], "root hints /nonexistent/root.hints"),
        (["probe", "--config", "/nonexistent/dnsward.yml"], "/nonexistent/dnsward.yml: cannot read the file"),
        (["probe", "--zone", "healthy.test", "--history", "/proc/dnsward/history.sqlite"], "history database /proc/dnsward/history.sqlite"),
        // What the argument parser refuses is UNKNOWN too, on one line: cron's plugin runner reads that.
        (["probe", "--zone", "healthy.test", "--deadline", "soon"], "The value 'soon' is invalid for '--deadline"),
        (["probe", "--zones", "healthy.test"], "Unknown option '--zones'"),
    ])
    func badInputIsUnknown(arguments: [String], message: String) async throws {
        let result = try await DNSWardBinary.run(arguments)
        #expect(result.status == 3)
        #expect(result.standardOutput.hasPrefix("DNSWARD UNKNOWN - "))
        #expect(result.standardOutput.contains(message), "\(result.standardOutput)")
        #expect(result.standardOutput.split(separator: "\n").count == 1, "\(result.standardOutput)")
    }
}
