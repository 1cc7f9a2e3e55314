import DNSCore
import Foundation
import Report
import Testing
import Model
import DNSWardTestKit

@Suite struct StatusLineTests {
    let zones = ["healthy.test", "serial.test", "partial.test"]

    func run(_ findings: [Finding], rtts: [Double?] = [0.004, 0.012, nil], zones: [String]? = nil) -> ProbeRun {
        let measurements = rtts.enumerated().map { index, rtt in
            Measurement(zone: "serial.test", server: "ns\(index).serial.test", address: "127.53.2.\(index)",
                        transport: .udp, rtt: rtt, serial: 1)
        }
        return ProbeRun(started: SampleRun.started, finished: SampleRun.started.addingTimeInterval(2),
                        zones: zones ?? self.zones, resolvers: [], findings: findings, measurements: measurements,
                        dnssecExpiry: [:])
    }

    let serialBehind = SampleRun.finding(.authSerial, .critical, "serial.test", "ns2.serial.test", "127.53.2.2",
                                         reason: .serialLagUnknownDuration, message: "serial 2026082201 is behind 2026082202")
    let notDelegated = SampleRun.finding(.authDelegation, .critical, "partial.test", nil, nil, nil,
                                         reason: .notDelegated, message: "not delegated")
    let udpRefused = SampleRun.finding(.authReachUDP, .warning, "partial.test", "ns2.partial.test", "127.53.2.4",
                                       reason: .udpRefused, message: "refused (ICMP port unreachable)")
    let axfrRefused = SampleRun.finding(.authAXFR, .ok, "healthy.test", "ns1.healthy.test", "127.53.2.1", .tcp,
                                        reason: .axfrRefused, message: "AXFR refused")

    @Test func criticalRun() {
        let lines = StatusLine.render(run([udpRefused, axfrRefused, serialBehind, notDelegated]))
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines == [
            "DNSWARD CRITICAL - 2 critical, 1 warning in 3 zones | zones=3 critical=2 warning=1 unknown=0 rtt_max=0.012s;0.2;1",
            "AUTH-DELEGATION CRITICAL partial.test: not delegated",
            "AUTH-SERIAL CRITICAL serial.test ns2.serial.test (127.53.2.2/udp): serial 2026082201 is behind 2026082202",
            "AUTH-REACH-UDP WARNING partial.test ns2.partial.test (127.53.2.4/udp): refused (ICMP port unreachable)",
        ])
    }

    @Test func okRun() {
        #expect(StatusLine.render(run([axfrRefused], rtts: [0.004, nil]))
            == "DNSWARD OK - 3 zones | zones=3 critical=0 warning=0 unknown=0 rtt_max=0.004s;0.2;1")
    }

    @Test func unknownBeatsWarningsAndOneZoneIsSingular() {
        let unknown = SampleRun.finding(.probe, .unknown, nil, nil, nil, nil, reason: .deadlineZone,
                                        message: "deadline reached")
        #expect(StatusLine.render(run([udpRefused, unknown, udpRefused], rtts: [], zones: ["serial.test"])) == """
            DNSWARD UNKNOWN - 1 unknown, 2 warnings in 1 zone | zones=1 critical=0 warning=2 unknown=1
            PROBE UNKNOWN: deadline reached
            \(udpRefused.line)
            \(udpRefused.line)
            """)
    }

    @Test func thresholdsAreParameters() {
        #expect(StatusLine.render(run([]), warning: 0.05, critical: 0.5).hasSuffix(" rtt_max=0.012s;0.05;0.5"))
    }

    @Test(arguments: [(0.0000123, "0.000012"), (2.5, "2.5"), (1, "1"), (0.2, "0.2"), (0.0000004, "0")])
    func perfdataIsPlainDecimal(rtt: Double, expected: String) {
        #expect(StatusLine.render(run([], rtts: [rtt])).hasSuffix(" rtt_max=\(expected)s;0.2;1"))
    }

    /// A newline would fake another finding line, a `|` would start performance data.
    @Test func answerTextCannotBreakTheOutput() {
        let hostile = SampleRun.finding(.recCorrect, .critical, "a|b.test", "lab-resolver", "127.53.9.1", reason: .hijack,
                                        message: "got \"evil\nDNSWARD OK - fine | zones=0\"\r\tend")
        let lines = StatusLine.render(run([hostile])).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2)
        #expect(lines[0].filter { $0 == "|" }.count == 1)
        #expect(!lines[1].contains("|"))
        #expect(lines[1] == "REC-CORRECT CRITICAL a¦b.test lab-resolver (127.53.9.1/udp): got \"evil DNSWARD OK - fine ¦ zones=0\"  end")
    }
}
