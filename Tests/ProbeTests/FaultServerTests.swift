import DNSCore
import DNSWardTestKit
import Foundation
import Probe
import Testing
import Model

/// The lab's scripted fault servers (lab/faultserver.py on 127.53.4.x, in front of the lab
/// NSD) and its other new faults, each probed as a new user would: `--zone` alone, no
/// critical names configured.
@Suite(.serialized, .lab) struct FaultServerTests {
    func run(_ zones: [String], resolvers: [ResolverTarget] = []) async throws -> ProbeRun {
        var configuration = try LabProbe.configuration(zones: zones.map { ZoneTarget(name: DomainName(stringLiteral: $0)) },
                                                       resolvers: resolvers)
        configuration.queryOptions = ProbeConfiguration.defaultQueryOptions
        return await Prober(configuration: configuration).run()
    }

    func findings(_ run: ProbeRun, _ check: CheckID, at address: String) -> [Finding] {
        run.findings.filter { $0.check == check && $0.address == address }
    }

    @Test func edNSDroppingServerIsReachableAndNamedByAuthEDNS() async throws {
        let run = try await run(["ednsdrop.test."])
        let edns = try #require(findings(run, .authEDNS, at: "127.53.4.1").first)
        #expect(edns.severity == .warning)
        #expect(edns.reason == .ednsDropped)
        #expect(edns.parameters["signed"] == .flag(false))
        #expect(edns.parameters.list("transports") == ["UDP", "TCP"])
        // Reachable: the reachability findings say "only without EDNS" and stay OK.
        for check in [CheckID.authReachUDP, .authReachTCP] {
            let reach = try #require(findings(run, check, at: "127.53.4.1").first, "\(check)")
            #expect(reach.severity == .ok)
            #expect(reach.reason == (check == .authReachUDP ? .udpTimeout : .tcpTimeout))
            #expect(reach.parameters["answersWithoutEDNS"] == .flag(true))
        }
        // Its answers without EDNS still count: serial, authority, data.
        #expect(run.problems(in: "ednsdrop.test.") == ["AUTH-AXFR WARNING axfr-open", "AUTH-AXFR WARNING axfr-open",
                                                       "AUTH-EDNS WARNING edns-dropped"])
        #expect(run.findings.contains { $0.check == .authSerial && $0.reason == .serialOK && $0.parameters.integer("count") == 2 })
    }

    @Test func edNSDroppingServerOfASignedZoneIsCritical() async throws {
        let run = try await run(["ednsdrop-signed.test."])
        let edns = try #require(findings(run, .authEDNS, at: "127.53.4.1").first)
        #expect(edns.severity == .critical)
        #expect(edns.reason == .ednsDropped)
        #expect(edns.parameters["signed"] == .flag(true))
        #expect(findings(run, .authReachUDP, at: "127.53.4.1").allSatisfy { $0.severity == .ok })
        // The chain still validates on the server that speaks EDNS.
        #expect(run.findings.contains { $0.check == .authDNSSEC && $0.reason == .dnssecOK })
    }

    @Test func wrongIDFirstIsAnsweredAndFlagged() async throws {
        let run = try await run(["wrongid.test."])
        let reach = try #require(findings(run, .authReachUDP, at: "127.53.4.2").first { $0.severity != .ok })
        #expect(reach.severity == .warning)
        #expect(reach.reason == .udpMismatchedAnswers)
        #expect(reach.parameters.integer("ignored") >= 1)
        #expect(reach.server == "ns2.wrongid.test.")
        // The right answer behind the wrong one was taken.
        #expect(run.findings.contains { $0.check == .authSerial && $0.reason == .serialOK && $0.parameters.integer("count") == 2 })
    }

    @Test func truncationOverUDPIsFlagged() async throws {
        let run = try await run(["truncated.test."])
        let reach = try #require(findings(run, .authReachUDP, at: "127.53.4.3").first { $0.severity != .ok })
        #expect(reach.severity == .warning)
        #expect(reach.reason == .udpTruncated)
        #expect(reach.parameters.integer("size") < 512)
        #expect(reach.parameters.integer("offered") == 1232)
        #expect(findings(run, .authReachTCP, at: "127.53.4.3").isEmpty, "TCP works there")
    }

    @Test func refusedTCPIsNamed() async throws {
        let run = try await run(["notcp.test."])
        let reach = try #require(findings(run, .authReachTCP, at: "127.53.4.4").first)
        #expect(reach.severity == .warning)
        #expect(reach.reason == .tcpRefused)
        #expect(reach.parameters["udpWorks"] == .flag(true))
        #expect(findings(run, .authReachUDP, at: "127.53.4.4").isEmpty)
    }

    @Test func equalSerialDriftIsFoundWithoutConfiguration() async throws {
        let run = try await run(["drift.test."])
        let data = try #require(run.findings.first { $0.check == .authData && $0.severity != .ok })
        #expect(data.severity == .critical)
        #expect(data.reason == .dataDiffersEqualSerials)
        #expect(data.parameters["name"] == .name("www.drift.test."))
        #expect(data.parameters.text("type") == "A")
        #expect(data.parameters["defaultSet"] == .flag(true))
        #expect(data.parameters["answer ns1.drift.test. 127.53.2.1"] == .text("A 192.0.2.180"))
        #expect(data.parameters["answer ns2.drift.test. 127.53.2.2"] == .text("A 192.0.2.181"))
        #expect(run.problems(in: "drift.test.").filter { $0.hasPrefix("AUTH-DATA") } == ["AUTH-DATA CRITICAL data-differs-equal-serials"])
    }

    @Test func signaturesExpiringInThreeDaysAreAWarning() async throws {
        let run = try await run(["expiring.test."])
        for address in ["127.53.2.1", "127.53.2.2"] {
            let dnssec = try #require(findings(run, .authDNSSEC, at: address).first)
            #expect(dnssec.severity == .warning)
            #expect(dnssec.reason == .rrsigExpiring)
            let expiry = try #require(dnssec.parameters.time("expiry"))
            #expect(expiry > Date() && expiry < Date().addingTimeInterval(3 * 86_400 + 3600))
        }
    }

    @Test func glueDifferingFromTheChildIsNamed() async throws {
        let run = try await run(["glue.test."])
        let glue = try #require(run.findings.first { $0.check == .authDelegation && $0.reason == .glueMismatch })
        #expect(glue.severity == .warning)
        #expect(glue.parameters["nameServer"] == .name("ns2.glue.test."))
        #expect(glue.parameters.list("glue") == ["127.53.2.2"])
        #expect(glue.parameters.list("authoritative") == ["127.53.2.6"])
        // The address the zone gives is the one probed.
        #expect(run.findings.contains { $0.check == .authReachUDP && $0.severity == .ok } )
        #expect(run.findings.contains { $0.address == "127.53.2.6" })
        #expect(!run.findings.contains { $0.address == "127.53.2.2" })
    }

    @Test func aNonValidatingResolverIsCritical() async throws {
        let plain = ResolverTarget(address: Lab.address("127.53.9.3"), name: "lab-plain", validating: true, dnssecCanary: "bogus.test.")
        let run = try await run(["signed.test."], resolvers: [plain])
        let notValidating = try #require(findings(run, .recDNSSEC, at: "127.53.9.3").first { $0.reason == .notValidating })
        #expect(notValidating.severity == .critical)
        #expect(notValidating.zone == "signed.test.")
        let canary = try #require(findings(run, .recDNSSEC, at: "127.53.9.3").first { $0.reason == .canaryAccepted })
        #expect(canary.severity == .critical)
        #expect(canary.parameters["canary"] == .name("bogus.test."))
    }

    /// `--zone healthy.test --resolver <liar>`: the default set catches the rewritten A and
    /// the hidden AAAA.
    @Test func aLyingResolverIsFoundWithoutConfiguration() async throws {
        let run = try await run(["healthy.test."], resolvers: [LabProbe.liar])
        let lies = findings(run, .recCorrect, at: "127.53.9.2").filter { $0.severity != .ok }
        let a = try #require(lies.first { $0.parameters["name"] == .name("www.healthy.test.") && $0.parameters.text("type") == "A" })
        #expect(a.severity == .critical && a.reason == .hijack)
        #expect(a.parameters.text("resolver") == "A 192.0.2.66")
        let aaaa = try #require(lies.first { $0.parameters["name"] == .name("www.healthy.test.") && $0.parameters.text("type") == "AAAA" })
        #expect(aaaa.severity == .critical && aaaa.reason == .resolverNodata)
        #expect(aaaa.parameters.list("authoritative") == ["AAAA 2001:db8::10"])
        #expect(lies.count == 2, "\(lies.map(\.line))")
    }

    /// Names every authority denies are not part of the default set: a zone without `www`
    /// gives no finding about it.
    @Test func theDefaultSetSkipsNamesTheZoneDoesNotHave() async throws {
        let run = try await run(["test."], resolvers: [LabProbe.resolver])
        let data = try #require(run.findings.first { $0.check == .authData && $0.zone == "test." })
        #expect(data.reason == .dataOK)
        #expect(!run.findings.contains { $0.check == .recCorrect && $0.severity != .ok })
        let correct = try #require(findings(run, .recCorrect, at: "127.53.9.1").first)
        // SOA, NS, A, AAAA, TXT, MX at the apex and DNSKEY; www.test. does not exist.
        #expect(correct.parameters.integer("count") == 7)
    }

    /// A dead server and an EDNS-dropping one, shared by several zones, asked at most eight
    /// questions at a time: everything ends within two and a half times one question's
    /// budget. Each question to an address goes out at once, the question without EDNS
    /// does not queue behind the ones it explains, and an address silent to a kind of
    /// question is not asked that kind again in the run.
    @Test func deadAndEDNSDroppingServersCostOneBudget() async throws {
        var configuration = try LabProbe.configuration(
            zones: ["partial.test.", "ednsdrop.test.", "ednsdrop-signed.test.", "healthy.test."].map { ZoneTarget(name: $0) })
        configuration.maxInFlightPerServer = 8
        configuration.deadline = .milliseconds(5000)
        let run = await Prober(configuration: configuration).run()
        #expect(!run.findings.contains { $0.check == .probe }, "\(run.findings.filter { $0.check == .probe }.map(\.line))")
        #expect(findings(run, .authReachUDP, at: "127.53.2.3").first?.reason == .udpTimeout)
        #expect(findings(run, .authEDNS, at: "127.53.4.1").count == 2)
        #expect(findings(run, .authEDNS, at: "127.53.4.1").allSatisfy { $0.reason == .ednsDropped })
    }
}
