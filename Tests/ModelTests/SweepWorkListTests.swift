import DNSCore
import Foundation
import Model
import Testing

/// The sweep's sources: delegations with NS, DS and glue from a TLD zone file as it
/// streams, a list of names, and the operator rule of the census.
@Suite struct SweepWorkListTests {
    final class Collected: SweepWorkListWriter {
        var delegations: [SweepDelegation] = []
        var glue: [SweepGlue] = []
        func add(_ delegation: SweepDelegation) throws { delegations.append(delegation) }
        func add(_ glue: SweepGlue) throws { self.glue.append(glue) }
    }

    func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "dnsward-sweep-source-\(UUID().uuidString)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func delegationsNSDSAndGlueFromATLDZoneFile() throws {
        let path = try file("""
            $ORIGIN sweep.
            $TTL 3600
            @ IN SOA ns1.nic hostmaster.nic 2026112401 1800 900 604800 300
            @ IN NS ns1.nic
            @ IN A 127.53.20.99
            ns1.nic IN A 127.53.20.1
            ; in-bailiwick glue right after the cut
            alpha IN NS ns1.alpha
            alpha IN NS NS2.Alpha
            alpha IN DS 12345 13 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE
            ns1.alpha IN A 127.53.21.1
            ns2.alpha IN AAAA ::1
            ; occluded data below the cut: not a delegation
            deep.alpha IN NS ns.elsewhere.example.
            beta IN NS ns1.host
            beta IN NS ns2.host
            ; sibling glue under the next cut, used by beta before it
            host IN NS ns1.host
            ns1.host IN A 127.53.22.1
            ns2.host IN A 127.53.22.2
            ; a host name of the TLD's own data, no cut above it
            ns.operator IN A 127.53.23.1
            gamma IN NS ns.operator
            gamma IN TXT "not a delegation record"
            """)
        defer { unlink(path) }
        let collected = Collected()
        let loaded = try SweepWorkList.load(zoneFile: path, tld: nil, into: collected)
        #expect(loaded.tld == "sweep.")
        #expect(loaded.delegations == 4 && loaded.glue == 6)
        #expect(collected.delegations == [
            SweepDelegation(zone: "alpha.sweep.", nameServers: ["ns1.alpha.sweep.", "ns2.alpha.sweep."],
                            ds: ["12345 13 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE"]),
            SweepDelegation(zone: "beta.sweep.", nameServers: ["ns1.host.sweep.", "ns2.host.sweep."]),
            SweepDelegation(zone: "host.sweep.", nameServers: ["ns1.host.sweep."]),
            SweepDelegation(zone: "gamma.sweep.", nameServers: ["ns.operator.sweep."]),
        ])
        #expect(collected.glue == [
            SweepGlue(name: "ns1.nic.sweep.", address: "127.53.20.1"),
            SweepGlue(name: "ns1.alpha.sweep.", address: "127.53.21.1"),
            SweepGlue(name: "ns2.alpha.sweep.", address: "::1"),
            SweepGlue(name: "ns1.host.sweep.", address: "127.53.22.1"),
            SweepGlue(name: "ns2.host.sweep.", address: "127.53.22.2"),
            SweepGlue(name: "ns.operator.sweep.", address: "127.53.23.1"),
        ])
    }

    @Test func badTLDFilesAreRefusedWithFileAndLine() throws {
        let outside = try file("sweep. 3600 IN SOA a. b. 1 2 3 4 5\nx.sweep. 3600 IN NS ns.x.sweep.\nother. 3600 IN A 127.0.0.1\n")
        defer { unlink(outside) }
        let error = #expect(throws: DNSCoreError.self) { try SweepWorkList.load(zoneFile: outside, tld: nil, into: Collected()) }
        #expect(error?.reason == "\(outside):3: other. is outside the zone sweep.")

        let noSOA = try file("x.sweep. 3600 IN NS ns.x.sweep.\n")
        defer { unlink(noSOA) }
        #expect(throws: DNSCoreError.self) { try SweepWorkList.load(zoneFile: noSOA, tld: nil, into: Collected()) }
        // ... unless the TLD is given.
        let collected = Collected()
        try SweepWorkList.load(zoneFile: noSOA, tld: try DomainName("sweep."), into: collected)
        #expect(collected.delegations.map(\.zone) == ["x.sweep."])

        let dsAlone = try file("sweep. 3600 IN SOA a. b. 1 2 3 4 5\nx.sweep. 3600 IN DS 1 13 2 AABB\ny.sweep. 3600 IN NS ns.y.sweep.\n")
        defer { unlink(dsAlone) }
        let lonely = #expect(throws: DNSCoreError.self) { try SweepWorkList.load(zoneFile: dsAlone, tld: nil, into: Collected()) }
        #expect(lonely?.reason == "\(dsAlone):2: DS for x.sweep. without an NS record (no delegation)")
    }

    @Test func aListOfZoneNames() throws {
        let path = try file("# the registry's export\nalpha\nBeta.sweep.   # absolute, mixed case\n\n  gamma  \n")
        defer { unlink(path) }
        let collected = Collected()
        let loaded = try SweepWorkList.load(zoneList: path, tld: try DomainName("sweep."), into: collected)
        #expect(loaded.delegations == 3)
        #expect(collected.delegations == ["alpha.sweep.", "beta.sweep.", "gamma.sweep."].map { SweepDelegation(zone: $0) })

        let wrong = try file("alpha\nexample.org.\n")
        defer { unlink(wrong) }
        let error = #expect(throws: DNSCoreError.self) {
            try SweepWorkList.load(zoneList: wrong, tld: try DomainName("sweep."), into: Collected())
        }
        #expect(error?.reason == "\(wrong):2: example.org. is not below the TLD sweep.")
    }

    @Test(arguments: [
        ("ns1.example.cz.", "example.cz."), ("NS2.DNS.Example.CZ.", "example.cz."), ("ns1.example.co.uk.", "example.co.uk."),
        ("a.b.hosting.com.cn.", "hosting.com.cn."), ("ns.cz.", "ns.cz."), ("co.uk.", "co.uk."), ("ns1.co.uk.", "ns1.co.uk."),
    ])
    func operatorsAreRegisteredDomains(name: String, expected: String) {
        #expect(NameServerOperator.of(name) == expected)
    }

    @Test func aTallyAddsUpZonesFindingsAndOperators() {
        let item = SweepItem(sequence: 1, delegation: SweepDelegation(zone: "a.sweep.", nameServers: ["ns1.h.sweep.", "ns2.h.sweep."]),
                             glue: [:])
        let lame = Finding(check: .authAuthority, severity: .warning, reason: .lameRefused, zone: "a.sweep.")
        let ok = Finding(check: .authSerial, severity: .ok, reason: .serialOK, zone: "a.sweep.")
        let result = SweepZoneResult(item: item, findings: [lame, lame, ok])
        #expect(result.status == .warning && result.findings == [lame, lame])
        let tally = SweepTally([result, SweepZoneResult(item: item, findings: [ok])])
        #expect(tally.statuses == [.warning: 1, .ok: 1])
        #expect(tally.sortedReasons.map { "\($0.0.reason) \($0.zones) \($0.findings)" } == ["lame-refused 1 2"])
        // Both servers are one operator's: the zone counts there once.
        #expect(tally.sortedOperators.map { "\($0.0) \($0.zones) \($0.broken)" } == ["h.sweep. 2 1"])
    }
}
