import DNSCore
import DNSWardTestKit
import Foundation
import Model
import SweepStorage
import Testing

/// The sweep lab (`labctl start-sweep`) at 1,000 delegations: its TLD zone file loads into a
/// sweep store with the numbers expected.json states, its servers show each fault as
/// described, and a census of the known truth per zone gives expected.json's counts.
@Suite(.lab, .sweepLab, .serialized, .timeLimit(.minutes(5))) struct SweepLabTests {
    static let count = SweepLab.count

    @Test func theSweepLabHasItsFaultsInTheNumbersItStates() async throws {
        try await check()
    }

    private func check() async throws {
        let directory = Lab.runDirectory + "/sweep"
        let truth = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: directory + "/expected.json"))) as? [String: Any])
        #expect(truth["zones"] as? Int == Self.count)
        let faults = try #require(truth["faults"] as? [String: [String: Any]])
        func zones(_ kind: String) throws -> [String] {
            try String(contentsOfFile: directory + "/faults/\(kind).txt", encoding: .utf8).split(separator: "\n").map(String.init)
        }

        let temporary = NSTemporaryDirectory() + "dnsward-sweep-lab-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let store = try SQLiteSweepStore(path: temporary + "/sweep.sqlite")
        let zoneFile = try #require(truth["zone_file"] as? String)
        let run = try await store.createRun(tld: "sweep.", source: SweepSource(.zoneFile, path: zoneFile), started: Date()) { writer in
            try SweepWorkList.load(zoneFile: zoneFile, tld: nil, into: writer)
        }
        #expect(run.zones == Self.count)
        let items = try await store.claim(run: run.id, owner: "lab-test", count: Self.count, lease: .seconds(300))
        #expect(items.count == Self.count)
        let byZone = Dictionary(uniqueKeysWithValues: items.map { ($0.zone, $0) })
        let signed = try zones("ds-no-key") + zones("rrsig-expired") + zones("signed")
        #expect(Set(items.filter { !$0.delegation.ds.isEmpty }.map(\.zone)) == Set(signed))
        #expect(items.allSatisfy { $0.delegation.nameServers.count == 2 && $0.glue.count == 2 }, "every NS name has glue in sweep.")

        let client = DNSClient(options: QueryOptions(timeout: .milliseconds(500), udpRetries: 1))
        func answer(_ zone: String, _ address: String, _ type: RRType = .soa, name: String? = nil) async throws -> Message {
            try await client.query(try DomainName(name ?? zone), type, at: try ServerAddress(host: address)).message
        }
        // Lame: ns1 answers with authority, ns2 refuses.
        for zone in try zones("lame").prefix(5) {
            let item = try #require(byZone[zone])
            let first = try #require(item.glue[item.delegation.nameServers[0]]?.first)
            let second = try #require(item.glue[item.delegation.nameServers[1]]?.first)
            let good = try await answer(zone, first)
            #expect(good.rcode == .noError && good.flags.contains(.aa))
            #expect(try await answer(zone, second).rcode == .refused, "\(zone) at \(second)")
        }
        // Unreachable: one server's glue is where nothing listens, or the blackhole.
        for (kind, address) in [("unreachable-refused", "127.53.20.250"), ("unreachable-silent", "127.53.2.3")] {
            #expect(faults[kind]?["address"] as? String == address)
            for zone in try zones(kind) {
                #expect(byZone[zone]?.glue.values.flatMap { $0 }.contains(address) == true, "\(zone) has a server at \(address)")
            }
        }
        await #expect(throws: (any Error).self) { _ = try await answer(try zones("unreachable-refused")[0], "127.53.20.250") }
        // Glue mismatch: the child's own A for ns1 differs from the TLD's glue, and both serve the zone.
        for zone in try zones("glue-mismatch").prefix(5) {
            let item = try #require(byZone[zone])
            let glue = try #require(item.glue["ns1.\(zone)"]?.first)
            let child = try await answer(zone, glue, .a, name: "ns1.\(zone)")
            let childAddress = try #require(child.answer.first?.address)
            #expect(childAddress != glue)
            #expect(try await answer(zone, childAddress).flags.contains(.aa))
        }
        // Broken DNSSEC: a DS without a DNSKEY behind it; signatures from 2020.
        let unsigned = try await answer(try zones("ds-no-key")[0], "127.53.21.1", .dnskey)
        #expect(unsigned.answer.isEmpty)
        let expiredZone = try zones("rrsig-expired")[0]
        let expiredItem = try #require(byZone[expiredZone])
        let expired = try await client.query(try DomainName(expiredZone), .soa,
            at: try ServerAddress(host: try #require(expiredItem.glue.values.first?.first)), dnssec: true).message
        let signature = try #require(expired.answer.compactMap(\.rrsig).first)
        #expect(signature.expiration < UInt32(Date().timeIntervalSince1970))

        // The truth recorded as results: the census gives expected.json's numbers.
        var kindOf: [String: String] = [:]
        for kind in faults.keys { for zone in try zones(kind) { kindOf[zone] = kind } }
        let results = items.map { item in
            guard let kind = kindOf[item.zone], let spec = faults[kind], let expected = spec["findings"] as? [[String: Any]] else {
                return SweepZoneResult(item: item, findings: [])
            }
            let findings = expected.map { finding in
                Finding(check: CheckID(finding["check"] as! String), severity: Severity(rawValue: finding["severity"] as! String)!,
                        reason: Reason(finding["reason"] as! String), zone: item.zone)
            }
            return SweepZoneResult(item: item, findings: findings)
        }
        _ = try await store.record(run: run.id, owner: "lab-test", results: results)
        let census = try await store.census(run: run.id)
        let statuses = try #require(truth["statuses"] as? [String: Int])
        #expect(Dictionary(uniqueKeysWithValues: census.statuses.map { ($0.key.rawValue, $0.value) }) == statuses.filter { $0.value > 0 })
        let operators = try #require(truth["operators"] as? [String: [String: Int]])
        let counted = census.operators.filter { $0.zones > 1 }
        #expect(Dictionary(uniqueKeysWithValues: counted.map { ($0.name, ["zones": $0.zones, "broken": $0.broken]) }) == operators)
        #expect(census.operators.filter { $0.zones == 1 }.count == truth["single_zone_operators"] as? Int)
        for (kind, spec) in faults {
            let expected = try #require(spec["findings"] as? [[String: Any]])
            for finding in expected {
                #expect(census.zones(CheckID(finding["check"] as! String), Reason(finding["reason"] as! String)) == spec["zones"] as? Int,
                        "\(kind)")
            }
        }
    }
}
