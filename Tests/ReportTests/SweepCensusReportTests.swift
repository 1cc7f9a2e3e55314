import DNSWardTestKit
import Foundation
import Model
import Platform
import Report
import Testing

/// The sweep's census section, its status line and its metrics, from a census built here.
@Suite struct SweepCensusReportTests {
    static let run = SweepRun(id: 7, tld: "sweep.", started: Date(timeIntervalSince1970: 1_790_000_000),
                              source: SweepSource(.zoneFile, path: "/srv/sweep.zone"), zones: 1000,
                              finished: Date(timeIntervalSince1970: 1_790_000_030))
    static let census = SweepCensus(
        run: run, progress: SweepProgress(total: 1000, done: 1000, leased: 0),
        statuses: [.ok: 958, .warning: 35, .critical: 7],
        reasons: [ReasonCount(check: .authDNSSEC, reason: .dsNoKey, severity: .critical, zones: 5, findings: 10),
                  ReasonCount(check: .authAuthority, reason: .lameRefused, severity: .warning, zones: 10, findings: 10),
                  ReasonCount(check: .authDelegation, reason: .delegationOK, severity: .ok, zones: 990, findings: 990)],
        operators: [OperatorCount(name: "hosting1.sweep.", zones: 248, broken: 13),
                    OperatorCount(name: "<script>.sweep.", zones: 2, broken: 2),
                    OperatorCount(name: "dead.sweep.", zones: 10, broken: 10)],
        change: SweepChange(previousRun: 6, counts: [.newlyBroken: 3, .fixed: 1, .stillBroken: 39]))

    @Test(arguments: ReportLanguage.allCases) func theCensusHasEverySectionInBothLanguages(language: ReportLanguage) {
        let report = SweepCensusReport(census: Self.census, changed: [.newlyBroken: ["d000001.sweep.", "d000002.sweep."]], language: language)
        let markdown = report.markdown()
        let html = report.html()
        for text in [markdown, html] {
            #expect(text.contains("ds-no-key") && text.contains("lame-refused"))
            #expect(!text.contains("delegation-ok"), "OK reasons are not problems")
            #expect(text.contains("958") && text.contains("d000001.sweep. d000002.sweep."))
            #expect(text.contains(language == .en ? "Per name-server operator" : "按名字服务器运维单位"))
            #expect(text.contains(language == .en ? "New problems" : "新增问题"))
            #expect(text.contains(language == .en ? "Since the previous sweep" : "与上次检查相比"))
        }
        // Most broken operator first: hosting1 (13), dead (10), then the two-zone one.
        let hosting = markdown.range(of: "hosting1.sweep.")!.lowerBound
        let dead = markdown.range(of: "dead.sweep.")!.lowerBound
        #expect(hosting < dead && dead < markdown.range(of: "&lt;script&gt;")!.lowerBound, "\(markdown)")
        #expect(html.contains("&lt;script&gt;.sweep.") && !html.contains("<script>"))
        #expect(html.contains("lang=\"\(language.htmlLanguage)\""))
    }

    @Test func theStatusLineIsTheWorstStatusAndUnknownWhileIncomplete() {
        let line = SweepStatusLine.render(Self.census, hostZones: 600, seconds: 2)
        #expect(line.hasPrefix("DNSWARD CRITICAL - 7 critical, 35 warnings in 1000 of 1000 zones of sweep. (sweep 7)"), "\(line)")
        #expect(line.contains("(300 zones/s)") && line.contains("| zones=1000 done=1000 ok=958 warning=35 critical=7"))
        let partial = SweepCensus(run: Self.run, progress: SweepProgress(total: 1000, done: 400, leased: 100), statuses: [.ok: 400],
                                  reasons: [], operators: [], change: nil)
        #expect(SweepStatusLine.status(partial) == .unknown)
        #expect(SweepStatusLine.render(partial, hostZones: 400, seconds: 1).contains("incomplete: 100 leased, 500 waiting"))
    }

    @Test(.enabled(if: Promtool.isInstalled)) func theHostMetricsPassPromtool() async throws {
        let host = SweepPrometheus.Host(name: "sweep1", zonesDone: 600, zonesPerSecond: 300, claims: 3, zonesClaimed: 1000,
                                        leaseLosses: 1, renewals: 4, serverAddresses: 10, seconds: 2)
        let text = SweepPrometheus.render(run: Self.run, host: host, census: Self.census)
        #expect(text.contains("dnsward_sweep_zones_done{run=\"7\",tld=\"sweep.\",host=\"sweep1\"} 600"))
        #expect(text.contains("dnsward_sweep_lease_losses{run=\"7\",tld=\"sweep.\",host=\"sweep1\"} 1"))
        #expect(text.contains("dnsward_sweep_run_zones{run=\"7\",tld=\"sweep.\",state=\"done\"} 1000"))
        #expect(text.contains("dnsward_sweep_census_reason_zones{run=\"7\",tld=\"sweep.\",check=\"AUTH-DNSSEC\",reason=\"ds-no-key\",severity=\"CRITICAL\"} 5"))
        for family in SweepPrometheus.hostFamilies { #expect(text.contains("# TYPE \(family) gauge"), "\(family)") }
        let check = try await Promtool.checkMetrics(text)
        #expect(check.status == 0, "promtool: \(check.standardOutput)\(check.standardError)")
    }
}
