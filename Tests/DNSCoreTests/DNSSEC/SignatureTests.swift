import DNSCore
import Foundation
import Testing

/// RRSIG verification against a zone signed with ldns-signzone: valid 2026-01-01 to
/// 2036-01-01, and a copy signed for January 2020 only.
@Suite struct SignatureTests {
    static let during = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15

    func load(_ name: String) throws -> [ResourceRecord] {
        try ZoneFileReader.readAll(path: Fixtures.path("dnssec/\(name)"))
    }

    func rrset(_ records: [ResourceRecord], _ owner: String, _ type: RRType) throws -> [ResourceRecord] {
        let name = try DomainName(owner)
        return records.filter { $0.owner == name && $0.type == type }
    }

    func signatures(_ records: [ResourceRecord], _ owner: String, _ type: RRType) throws -> [ResourceRecord] {
        let name = try DomainName(owner)
        return records.filter { $0.owner == name && $0.rrsig?.typeCovered == type }
    }

    @Test(arguments: [("fixture.test.", RRType.soa), ("fixture.test.", .dnskey), ("www.fixture.test.", .aaaa),
                      ("fixture.test.", .mx)])
    func validSignaturesVerify(owner: String, type: RRType) throws {
        let zone = try load("fixture.test.signed.zone")
        let keys = try rrset(zone, "fixture.test.", .dnskey)
        let verdicts = DNSSECVerifier.verifyAll(rrset: try rrset(zone, owner, type),
                                                signatures: try signatures(zone, owner, type), keys: keys, at: Self.during)
        #expect(!verdicts.isEmpty)
        #expect(verdicts.allSatisfy { $0.isValid }, "\(verdicts)")
        #expect(verdicts.first?.expiration == Date(timeIntervalSince1970: 2_082_758_400))  // 2036-01-01
    }

    @Test func expiredSignaturesAreExpired() throws {
        let zone = try load("fixture.test.expired.zone")
        let keys = try rrset(zone, "fixture.test.", .dnskey)
        let verdicts = DNSSECVerifier.verifyAll(rrset: try rrset(zone, "www.fixture.test.", .a),
                                                signatures: try signatures(zone, "www.fixture.test.", .a), keys: keys)
        #expect(verdicts.map(\.status) == [.expired])
        // The same signature was good while it was in its window.
        let then = DNSSECVerifier.verifyAll(
            rrset: try rrset(zone, "www.fixture.test.", .a), signatures: try signatures(zone, "www.fixture.test.", .a),
            keys: keys, at: Date(timeIntervalSince1970: 1_578_500_000))
        #expect(then.map(\.status) == [.valid])
    }

    @Test func alteredDataIsBogus() throws {
        let zone = try load("fixture.test.signed.zone")
        let keys = try rrset(zone, "fixture.test.", .dnskey)
        var www = try rrset(zone, "www.fixture.test.", .a)
        www[0].rdata = [192, 0, 2, 66]
        let verdicts = DNSSECVerifier.verifyAll(rrset: www, signatures: try signatures(zone, "www.fixture.test.", .a),
                                                keys: keys, at: Self.during)
        #expect(verdicts.map(\.status) == [.bogus])
        let withoutKeys = DNSSECVerifier.verifyAll(
            rrset: try rrset(zone, "www.fixture.test.", .a), signatures: try signatures(zone, "www.fixture.test.", .a),
            keys: [], at: Self.during)
        #expect(withoutKeys.map(\.status) == [.noMatchingKey])
    }

    @Test func dsDigestsMatchOnlyTheirKey() throws {
        let zone = try load("fixture.test.signed.zone")
        let keys = try rrset(zone, "fixture.test.", .dnskey)
        let ksk = try #require(keys.first { $0.dnskey?.isSecureEntryPoint == true })
        let zsk = try #require(keys.first { $0.dnskey?.isSecureEntryPoint == false })
        let ds = try DNSSECVerifier.ds(for: ksk)
        #expect(ds.ds?.keyTag == ksk.dnskey?.keyTag)
        #expect(ds.ds?.digest.count == 32)
        #expect(DNSSECVerifier.matches(ds: ds, dnskey: ksk))
        #expect(!DNSSECVerifier.matches(ds: ds, dnskey: zsk))
    }

    @Test func serialTimeArithmeticSurvives2106() {
        let reference = Date(timeIntervalSince1970: 4_300_000_000)  // after 2^32 seconds
        let date = DNSSECVerifier.date(fromSerialTime: 10_000, near: reference)
        #expect(date.timeIntervalSince1970 == 4_294_977_296)
    }
}
