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
        func lag(_ history: SerialHistory?) async throws -> Finding {
            let prober = Prober(configuration: try LabProbe.configuration(zones: [zone]), serialHistory: { _, _ in history })
            return try #require(await prober.run().findings.first { $0.check == .authSerial && $0.address == "127.53.2.2" })
        }
        let now = Date()
        let day: TimeInterval = 86_400
        // History has never seen the newest serial: its lag is unknown, not zero.
        let first = try await lag(nil)
        #expect(first.severity == .warning)
        #expect(first.reason == .serialLagUnknownDuration)
        #expect(first.parameters["firstSighting"] == .flag(true))
        // The lagging serial 2026112401 reads as a date: its age is evidence.
        let age = try #require(SerialAgeProbe.age(of: 2_026_112_401))
        #expect(abs(first.parameters.seconds("serialAge") - age) < 120)
        // History saw the serial replace an older one: the lag is measured from then.
        let watched = now.addingTimeInterval(-30 * day)
        #expect(try await lag(SerialHistory(firstSeen: now.addingTimeInterval(-60), zoneFirstSeen: watched)).severity == .ok)
        #expect(try await lag(SerialHistory(firstSeen: now.addingTimeInterval(-2 * 3600), zoneFirstSeen: watched)).severity == .warning)
        #expect(try await lag(SerialHistory(firstSeen: now.addingTimeInterval(-20 * day), zoneFirstSeen: watched)).severity == .critical)
        // Served already when history began watching: a lower bound only. Within the
        // tolerance that is still an unknown duration; beyond it, a lag of at least that.
        let since = now.addingTimeInterval(-600)
        let early = try await lag(SerialHistory(firstSeen: since, zoneFirstSeen: since))
        #expect(early.severity == .warning && early.reason == .serialLagUnknownDuration)
        let long = try await lag(SerialHistory(firstSeen: now.addingTimeInterval(-2 * 3600), zoneFirstSeen: now.addingTimeInterval(-2 * 3600)))
        #expect(long.severity == .warning && long.reason == .serialLag && long.parameters["lagIsLowerBound"] == .flag(true))
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
        // Not partial.test: a cold resolver's first answers through its dead servers can take
        // longer than the liar's forwarding timeout (SERVFAIL), and slowness is not a lie.
        let zones = LabProbe.zones.filter { $0.name != "partial.test." }
        let run = await Prober(configuration: try LabProbe.configuration(zones: zones, resolvers: [LabProbe.resolver, LabProbe.liar])).run()
        let honest = run.findings.filter { $0.server == "lab-resolver" && $0.severity != .ok }
        #expect(honest.isEmpty, "\(honest.map(\.line))")
        #expect(run.findings.contains { $0.server == "lab-resolver" && $0.check == .recDNSSEC && $0.reason == .canaryRefused })
        #expect(run.findings.contains { $0.server == "lab-resolver" && $0.check == .recDNSSEC && $0.reason == .validatingOK })
        let lies = run.findings.filter { $0.server == "lab-liar" && $0.severity != .ok }
        let hijack = try #require(lies.first { $0.check == .recCorrect && $0.zone == "healthy.test." && $0.parameters.text("type") == "A" })
        #expect(hijack.severity == .critical)
        #expect(hijack.reason == .hijack)
        #expect(hijack.parameters.text("resolver").contains("192.0.2.66"))
        #expect(hijack.parameters.list("authoritative").contains { $0.contains("192.0.2.10") })
        // The liar hides www.healthy.test AAAA (NODATA) where every authority serves one.
        let hidden = try #require(lies.first { $0.check == .recCorrect && $0.parameters.text("type") == "AAAA" })
        #expect(hidden.severity == .critical)
        #expect(hidden.reason == .resolverNodata)
        #expect(hidden.zone == "healthy.test." && hidden.address == "127.53.9.2")
        #expect(hidden.parameters.list("authoritative") == ["AAAA 2001:db8::10"])
        #expect(hidden.parameters.text("resolver") == "NOERROR")
        let redirect = try #require(lies.first { $0.check == .recNXDomain })
        #expect(redirect.zone == "redirected.test.")
        #expect(redirect.reason == .nxdomainRedirect)
        #expect(redirect.parameters.list("answer").contains { $0.contains("192.0.2.99") })
        // The liar redirects the whole of redirected.test, so its www is wrong too.
        #expect(lies.contains { $0.check == .recCorrect && $0.zone == "redirected.test." })
        #expect(lies.count == 4, "\(lies.map(\.line).joined(separator: "\n"))")
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
