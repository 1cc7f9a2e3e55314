import DNSCore
import DNSWardTestKit
import Foundation
import Probe
import Testing
import Model

/// Every lab fault zone yields exactly its expected findings; the healthy zone none.
@Suite(.serialized, .lab) struct ProbeLabTests {
    static let expected: [(String, [String])] = [
        ("healthy.test.", []),
        ("signed.test.", []),
        ("expired.test.", ["AUTH-DNSSEC CRITICAL rrsig-expired", "AUTH-DNSSEC CRITICAL rrsig-expired"]),
        ("bogus.test.", ["AUTH-DNSSEC CRITICAL ds-no-key", "AUTH-DNSSEC CRITICAL ds-no-key"]),
        // Without history the duration of a lag is unknown: reported, as a warning.
        ("serial.test.", ["AUTH-SERIAL WARNING serial-lag-unknown-duration"]),
        ("data.test.", ["AUTH-DATA CRITICAL data-differs-equal-serials"]),
        ("lame.test.", ["AUTH-AUTHORITY WARNING lame-refused"]),
        ("partial.test.", ["AUTH-REACH-TCP WARNING tcp-refused", "AUTH-REACH-TCP WARNING tcp-timeout",
                           "AUTH-REACH-UDP WARNING udp-refused", "AUTH-REACH-UDP WARNING udp-timeout"]),
        ("mismatch.test.", ["AUTH-DELEGATION WARNING glue-mismatch", "AUTH-DELEGATION WARNING ns-set-mismatch"]),
        ("noaxfr.test.", []),
        ("redirected.test.", []),
    ]

    @Test func everyFaultZoneYieldsExactlyItsFindings() async throws {
        let run = await Prober(configuration: try LabProbe.configuration()).run()
        for (zone, problems) in Self.expected {
            #expect(run.problems(in: zone) == problems, "\(zone): \(run.findings.filter { $0.zone == zone && $0.severity != .ok }.map(\.line))")
        }
        #expect(run.status == .critical)
        #expect(!run.findings.contains { $0.check == .probe })
    }

    @Test func timeoutAndRefusedAreNamedPerAddress() async throws {
        let run = await Prober(configuration: try LabProbe.configuration(zones: [LabProbe.zone("partial.test.")])).run()
        let udp = run.findings.filter { $0.check == .authReachUDP && $0.severity == .warning }
        #expect(udp.first { $0.address == "127.53.2.3" }?.reason == .udpTimeout)
        #expect(udp.first { $0.address == "127.53.2.4" }?.reason == .udpRefused)
        #expect(udp.first { $0.address == "127.53.2.4" }?.message.contains("refused (ICMP port unreachable)") == true)
        #expect(udp.first { $0.address == "127.53.2.3" }?.server == "ns2.partial.test.")
    }

    @Test func dataDifferingWithEqualSerialsShowsBothAnswers() async throws {
        let run = await Prober(configuration: try LabProbe.configuration(zones: [LabProbe.zone("data.test.", critical: [("www.data.test.", .a)])])).run()
        let finding = try #require(run.findings.first { $0.check == .authData })
        #expect(finding.severity == .critical)
        #expect(finding.reason == .dataDiffersEqualSerials)
        #expect(finding.parameters["name"] == .name("www.data.test."))
        #expect(finding.parameters["answer ns1.data.test. 127.53.2.1"] == .text("A 192.0.2.20"))
        #expect(finding.parameters["answer ns2.data.test. 127.53.2.2"] == .text("A 192.0.2.21"))
        #expect(finding.message.contains("192.0.2.20") && finding.message.contains("192.0.2.21"))
    }

    @Test func serialLagIsJudgedAgainstHistory() async throws {
        let zone = ZoneTarget(name: "serial.test.", serialLagTolerance: .seconds(3600), axfrExpected: true)
        func run(firstSeen: Date?) async throws -> Severity? {
            let prober = Prober(configuration: try LabProbe.configuration(zones: [zone]), serialFirstSeen: { _, _ in firstSeen })
            return await prober.run().findings.first { $0.check == .authSerial && $0.address == "127.53.2.2" }?.severity
        }
        // Seen for the first time now: within tolerance, noted as OK.
        #expect(try await run(firstSeen: nil) == .ok)
        #expect(try await run(firstSeen: Date().addingTimeInterval(-2 * 3600)) == .warning)
        #expect(try await run(firstSeen: Date().addingTimeInterval(-60 * 86_400)) == .critical)
    }

    @Test func axfrOpenIsAWarningUnlessExpected() async throws {
        let open = await Prober(configuration: try LabProbe.configuration(zones: [ZoneTarget(name: "healthy.test.")])).run()
        #expect(open.problems(in: "healthy.test.") == ["AUTH-AXFR WARNING axfr-open", "AUTH-AXFR WARNING axfr-open"])
        let refused = await Prober(configuration: try LabProbe.configuration(zones: [LabProbe.zone("noaxfr.test.")])).run()
        let notes = refused.findings.filter { $0.check == .authAXFR }
        #expect(notes.count == 2 && notes.allSatisfy { $0.severity == .ok && $0.reason == .axfrRefused })
    }

    @Test func diversityWithTheRealPrefix() async throws {
        let run = await Prober(configuration: try LabProbe.configuration(zones: [LabProbe.zone("healthy.test.")], diversityPrefix: 24)).run()
        #expect(run.problems(in: "healthy.test.") == ["AUTH-DIVERSITY WARNING diversity-low"])
        let diversity = try #require(run.findings.first { $0.check == .authDiversity })
        #expect(diversity.parameters["problems"] == .list(["one-ipv4-prefix"]))
    }

    @Test func dnssecExpiryIsReportedForTheSignedZone() async throws {
        let run = await Prober(configuration: try LabProbe.configuration(zones: [LabProbe.zone("signed.test.")])).run()
        let expiry = try #require(run.dnssecExpiry["signed.test."])
        #expect(expiry > Date().addingTimeInterval(20 * 86_400))
        var thresholds = try LabProbe.configuration().thresholds
        thresholds.dnssecExpiryWarning = .seconds(60 * 86_400)
        var configuration = try LabProbe.configuration(zones: [LabProbe.zone("signed.test.")])
        configuration.thresholds = thresholds
        let soon = await Prober(configuration: configuration).run()
        #expect(soon.problems(in: "signed.test.") == ["AUTH-DNSSEC WARNING rrsig-expiring", "AUTH-DNSSEC WARNING rrsig-expiring"])
        let expiring = try #require(soon.findings.first { $0.reason == .rrsigExpiring })
        #expect(expiring.parameters.time("expiry") == expiry)
    }

    @Test func resolversAreJudgedAgainstTheAuthorities() async throws {
        let run = await Prober(configuration: try LabProbe.configuration(resolvers: [LabProbe.resolver, LabProbe.liar])).run()
        let honest = run.findings.filter { $0.server == "lab-resolver" && $0.severity != .ok }
        #expect(honest.isEmpty, "\(honest.map(\.line))")
        #expect(run.findings.contains { $0.server == "lab-resolver" && $0.check == .recDNSSEC && $0.reason == .canaryRefused })
        #expect(run.findings.contains { $0.server == "lab-resolver" && $0.check == .recDNSSEC && $0.reason == .validatingOK })
        let lies = run.findings.filter { $0.server == "lab-liar" && $0.severity != .ok }
        let hijack = try #require(lies.first { $0.check == .recCorrect })
        #expect(hijack.severity == .critical)
        #expect(hijack.reason == .hijack)
        #expect(hijack.parameters.text("resolver").contains("192.0.2.66"))
        #expect(hijack.parameters.list("authoritative").contains { $0.contains("192.0.2.10") })
        let redirect = try #require(lies.first { $0.check == .recNXDomain })
        #expect(redirect.zone == "redirected.test.")
        #expect(redirect.reason == .nxdomainRedirect)
        #expect(redirect.parameters.list("answer").contains { $0.contains("192.0.2.99") })
        // The liar redirects the whole of redirected.test, so its www is wrong too.
        #expect(lies.contains { $0.check == .recCorrect && $0.zone == "redirected.test." })
        #expect(lies.count == 3, "\(lies.map(\.line))")
    }

    @Test func deadlineEndsTheRunWithUnknown() async throws {
        var configuration = try LabProbe.configuration(zones: [LabProbe.zone("partial.test.")])
        configuration.queryOptions = QueryOptions(timeout: .seconds(5), udpRetries: 0)
        configuration.deadline = .milliseconds(700)
        let clock = ContinuousClock()
        let start = clock.now
        let run = await Prober(configuration: configuration).run()
        #expect(clock.now - start < .seconds(3))
        #expect(run.findings.contains { $0.check == .probe && $0.reason == .deadlineZone && $0.zone == "partial.test." })
    }

    @Test func everythingUnreachableIsCriticalNotACrash() async throws {
        let dead = RootHints(servers: [NameServer(name: "dead.root.", addresses: [Lab.closed])])
        var configuration = try LabProbe.configuration(zones: [LabProbe.zone("healthy.test.")])
        configuration.rootHints = dead
        let run = await Prober(configuration: configuration).run()
        #expect(run.status == .critical)
        #expect(run.findings.first?.check == .authDelegation)
        #expect(run.findings.first?.reason == .delegationUnresolved)
    }
}
