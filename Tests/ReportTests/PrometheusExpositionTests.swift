import DNSCore
import DNSWardTestKit
import Foundation
import Report
import Testing
import Platform
import Model

@Suite struct PrometheusExpositionTests {
    let text = PrometheusExposition.render(SampleRun.make())

    /// `name{labels}` to value, for every sample line.
    var samples: [String: String] {
        var samples: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let space = line.lastIndex(of: " ")!
            samples[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        return samples
    }

    @Test func promtoolAcceptsARealisticRun() async throws {
        try #require(Promtool.isInstalled, "promtool not on PATH: apt-get install --no-install-recommends prometheus")
        let result = try await Promtool.checkMetrics(text)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)\n\(text)")
        #expect(result.standardOutput.isEmpty, "lint: \(result.standardOutput)")
    }

    @Test func promtoolAcceptsARunWithNothingFound() async throws {
        try #require(Promtool.isInstalled, "promtool not on PATH: apt-get install --no-install-recommends prometheus")
        let empty = ProbeRun(started: SampleRun.started, finished: SampleRun.started, zones: [], resolvers: [],
                             findings: [], measurements: [], dnssecExpiry: [:])
        let result = try await Promtool.checkMetrics(PrometheusExposition.render(empty))
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    }

    /// Without this, a promtool that never ran (or a runner that ignores its status) would
    /// let the tests above pass on anything.
    @Test func promtoolRejectsAnUnescapedQuote() async throws {
        try #require(Promtool.isInstalled, "promtool not on PATH: apt-get install --no-install-recommends prometheus")
        let broken = "# HELP dnsward_zones Zones.\n# TYPE dnsward_zones gauge\ndnsward_zones{zone=\"a\"b\"} 1\n"
        let result = try await Promtool.checkMetrics(broken)
        #expect(result.status != 0)
    }

    @Test(arguments: [
        #"dnsward_check_status{check="AUTH-SERIAL",zone="serial.test",server="ns2.serial.test",address="127.53.2.2"} 2"#,
        #"dnsward_check_status{check="AUTH-SERIAL",zone="serial.test",server="ns1.serial.test",address="127.53.2.1"} 0"#,
        #"dnsward_check_status{check="AUTH-REACH-UDP",zone="partial.test",server="ns2.partial.test",address="127.53.2.4"} 1"#,
        #"dnsward_check_status{check="AUTH-DIVERSITY",zone="healthy.test",server="",address=""} 1"#,
        // The worst of several findings of one series: CRITICAL beats UNKNOWN, UNKNOWN beats WARNING.
        #"dnsward_check_status{check="AUTH-DNSSEC",zone="signed.test",server="ns1.signed.test",address="2001:db8:53::1"} 2"#,
        #"dnsward_check_status{check="AUTH-EDNS",zone="signed.test",server="ns2.signed.test",address="[fd00:53::2]:5353"} 3"#,
        #"dnsward_server_rtt_seconds{zone="serial.test",server="ns1.serial.test",address="127.53.2.1",transport="udp"} 0.0011"#,
        #"dnsward_server_rtt_seconds{zone="serial.test",server="ns1.serial.test",address="127.53.2.1",transport="tcp"} 0.0023"#,
        #"dnsward_server_rtt_seconds{zone="serial.test",server="ns2.serial.test",address="127.53.2.2",transport="udp"} 0.0031"#,
        #"dnsward_server_rtt_seconds{zone="signed.test",server="ns1.signed.test",address="2001:db8:53::1",transport="udp"} 0.012"#,
        #"dnsward_soa_serial{zone="serial.test",server="ns1.serial.test",address="127.53.2.1"} 2026082202"#,
        #"dnsward_soa_serial{zone="serial.test",server="ns2.serial.test",address="127.53.2.2"} 2026082201"#,
        #"dnsward_soa_serial{zone="signed.test",server="ns2.signed.test",address="[fd00:53::2]:5353"} 7"#,
        #"dnsward_dnssec_earliest_expiry_timestamp_seconds{zone="signed.test"} 1788220800"#,
        #"dnsward_findings{severity="OK"} 2"#,
        #"dnsward_findings{severity="WARNING"} 3"#,
        #"dnsward_findings{severity="CRITICAL"} 3"#,
        #"dnsward_findings{severity="UNKNOWN"} 2"#,
        "dnsward_run_status 2",
        "dnsward_last_run_timestamp_seconds 1787392803.5",
        "dnsward_run_duration_seconds 3.5",
        "dnsward_zones 5",
        // The lagging server, and one serving the newest serial.
        #"dnsward_serial_lag_seconds{zone="serial.test",server="ns2.serial.test",address="127.53.2.2"} 10800"#,
        #"dnsward_serial_behind{zone="serial.test",server="ns2.serial.test",address="127.53.2.2"} 1"#,
        #"dnsward_serial_lag_seconds{zone="serial.test",server="ns1.serial.test",address="127.53.2.1"} 0"#,
        #"dnsward_serial_behind{zone="serial.test",server="ns1.serial.test",address="127.53.2.1"} 0"#,
    ])
    func containsSample(_ line: String) {
        #expect(text.split(separator: "\n").contains(Substring(line)), "missing: \(line)\n\(text)")
    }

    @Test func labelValuesFromAnswersAreEscaped() {
        let zone = #"we\"ird\\zone\nname.test"#
        #expect(text.contains(
            #"dnsward_check_status{check="REC-CORRECT",zone="\#(zone)",server="lab-resolver",address="127.53.9.1"} 2"#),
            "\(text)")
        #expect(text.contains(#"dnsward_dnssec_earliest_expiry_timestamp_seconds{zone="\#(zone)"} 1788004800"#))
        #expect(text.contains(#"dnsward_soa_serial{zone="\#(zone)",server="ns1.tricky.test",address="127.53.2.9"} 1"#))
        // The raw newline of the zone name must not have split a line.
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            #expect(line.hasPrefix("# HELP dnsward_") || line.hasPrefix("# TYPE dnsward_") || line.hasPrefix("dnsward_"),
                    "stray line: \(line)")
        }
        #expect(text.hasSuffix("\n"))
    }

    @Test(arguments: [
        ("plain.test", "plain.test"),
        ("a\"b", #"a\"b"#),
        (#"a\b"#, #"a\\b"#),
        ("a\nb", #"a\nb"#),
        (#"\"#, #"\\"#),
        ("\r\n", "\r" + #"\n"#),
        ("名前.テスト", "名前.テスト"),
    ])
    func zoneNamesAreEscaped(zone: String, escaped: String) {
        let run = ProbeRun(started: SampleRun.started, finished: SampleRun.started, zones: [zone], resolvers: [],
                           findings: [], measurements: [], dnssecExpiry: [zone: SampleRun.signedExpiry])
        #expect(PrometheusExposition.render(run).contains(
            "dnsward_dnssec_earliest_expiry_timestamp_seconds{zone=\"\(escaped)\"} 1788220800\n"))
    }

    @Test func everyFamilyHasHelpAndTypeBeforeItsSamples() {
        var described: [String: Int] = [:]
        var typed: Set<String> = []
        var seenSamples: Set<String> = []
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if line.hasPrefix("# HELP ") {
                described[String(words[2]), default: 0] += 1
            } else if line.hasPrefix("# TYPE ") {
                #expect(words[3] == "gauge")
                #expect(typed.insert(String(words[2])).inserted, "TYPE twice: \(line)")
            } else {
                let name = String(line.prefix { $0 != "{" && $0 != " " })
                #expect(described[name] == 1 && typed.contains(name), "no HELP/TYPE before \(line)")
                seenSamples.insert(name)
            }
        }
        #expect(seenSamples == [
            "dnsward_check_status", "dnsward_server_rtt_seconds", "dnsward_soa_serial",
            "dnsward_dnssec_earliest_expiry_timestamp_seconds", "dnsward_findings", "dnsward_run_status",
            "dnsward_last_run_timestamp_seconds", "dnsward_run_duration_seconds", "dnsward_zones",
            "dnsward_serial_lag_seconds", "dnsward_serial_behind",
        ])
        #expect(Set(described.keys) == seenSamples)
    }

    @Test func eachSeriesOnce() {
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        let series = lines.map { $0[..<$0.lastIndex(of: " ")!] }
        #expect(Set(series).count == series.count)
        // 9 measurements: two without an answer, one retry; 8 findings series once merged.
        #expect(series.filter { $0.hasPrefix("dnsward_server_rtt_seconds{") }.count == 6)
        #expect(series.filter { $0.hasPrefix("dnsward_soa_serial{") }.count == 5)
        #expect(series.filter { $0.hasPrefix("dnsward_check_status{") }.count == 8)
    }

    @Test func unansweredServersHaveNoRTTOrSerial() {
        #expect(!text.contains(#"address="127.53.2.4",transport"#))
        #expect(!text.contains(#"dnsward_soa_serial{zone="partial.test""#))
        // The UDP serial is preferred to the TCP one of the same address.
        let tcpOnly = Measurement(zone: "z.test", server: "ns", address: "127.0.0.1", transport: .tcp, rtt: 0.1, serial: 9)
        let udp = Measurement(zone: "z.test", server: "ns", address: "127.0.0.1", transport: .udp, rtt: 0.1, serial: 8)
        let run = SampleRun.make(findings: [], measurements: [tcpOnly, udp])
        #expect(PrometheusExposition.render(run).contains(
            #"dnsward_soa_serial{zone="z.test",server="ns",address="127.0.0.1"} 8"# + "\n"))
    }

    @Test func severitiesWithoutFindingsCountZero() {
        let run = SampleRun.make(findings: [SampleRun.findings[3]])
        let rendered = PrometheusExposition.render(run)
        #expect(rendered.contains("dnsward_findings{severity=\"OK\"} 0\n"))
        #expect(rendered.contains("dnsward_findings{severity=\"WARNING\"} 0\n"))
        #expect(rendered.contains("dnsward_findings{severity=\"CRITICAL\"} 1\n"))
        #expect(rendered.contains("dnsward_findings{severity=\"UNKNOWN\"} 0\n"))
        #expect(rendered.contains("dnsward_run_status 2\n"))
        let ok = PrometheusExposition.render(SampleRun.make(findings: []))
        #expect(ok.contains("dnsward_run_status 0\n"))
        #expect(!ok.contains("dnsward_check_status"))
    }

    @Test func writeReplacesTheFileWhole() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/dnsward.prom"
        try "stale_metric 1\n".write(toFile: path, atomically: false, encoding: .utf8)
        try PrometheusExposition.write(SampleRun.make(), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["dnsward.prom"])
    }

    @Test func writeIntoAMissingDirectoryFails() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: (any Error).self) {
            try PrometheusExposition.write(SampleRun.make(), to: directory.path + "/missing/dnsward.prom")
        }
    }
}
