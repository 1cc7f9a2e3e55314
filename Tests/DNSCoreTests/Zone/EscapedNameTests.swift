@testable import DNSCore
import DNSWardTestKit
import Foundation
import Testing

/// Names with bytes a zone file must escape (`"`, `$`, `@`, `;`, `(`, `)`, `\`, blanks,
/// control and high bytes), as owners and inside rdata: what the writer makes of them
/// loads in every server's checker and reads back as the very same records.
@Suite struct EscapedNameTests {
    /// The fixture as ldns reads it, plus what ldns's reader cannot take from text: a PTR
    /// whose target's first label is `@` (ldns reads that label as the origin).
    static func records() throws -> [ResourceRecord] {
        var records = try ZoneFileReader.readAll(path: Fixtures.path("zones/odd.test.zone"))
        records.append(ResourceRecord(owner: "ptr.odd.test.", type: .ptr, ttl: 300, rdata: try DomainName("\\@.odd.test.").wire))
        records.append(ResourceRecord(owner: "ptr3.odd.test.", type: .ptr, ttl: 300, rdata: try DomainName("\\@.\\$.odd.test.").wire))
        return records
    }

    @Test func writtenZoneLoadsInAllFourCheckersAndReadsBackIdentically() async throws {
        let records = try Self.records()
        #expect(records.count == 43)
        let directory = try TemporaryDirectory()
        let path = directory.path + "/odd.test.zone"
        try ZoneFileWriter.write(records, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // No line may start a directive, open a string or a comment by accident.
        for line in text.split(separator: "\n") {
            #expect(!line.hasPrefix("$") && !line.hasPrefix("\"") && !line.hasPrefix(";") && !line.hasPrefix("@"), "\(line)")
        }
        #expect(text.contains("\\$include.odd.test.\t300\tIN\tA\t127.0.0.2\n"))
        #expect(text.contains("\tNS\t\\$include.odd.test.\n"))
        #expect(text.contains("\tSOA\tns1.odd.test. host\\\"master.odd.test. "))
        #expect(text.contains("\tRRSIG\tA 8 3 300 20270101000000 20261201000000 12345 \\$signer\\\".odd.test. "))

        let verdicts = try await ZoneCheckers.checkAll(zone: "odd.test.", path: path)
        #expect(verdicts.count == 4)
        for verdict in verdicts {
            #expect(verdict.passed, "\(verdict)")
        }

        let expected = Set(records.map(\.canonical))
        #expect(Set(try ZoneFileReader.readAll(path: path)) == expected)
        let lines = text.split(separator: "\n").map { try? ResourceRecord(parsing: String($0)) }
        #expect(Set(lines.compactMap { $0 }) == expected)
        #expect(lines.count == expected.count)
    }

    /// Each name, by its own presentation, parses back to its exact wire form.
    @Test func everyNameOfTheFixturePrintsAsItParses() throws {
        for record in try Self.records() {
            #expect(try DomainName(record.owner.description).wire == record.owner.wire, "\(record.owner)")
        }
    }

    /// Where nothing needs dnsward's own escapes, its field-by-field printing is ldns's
    /// byte for byte: one presentation, whichever path a record takes.
    @Test(arguments: ["zones/root-2026082201.zone", "zones/messy.zone", "dnssec/fixture.test.signed.zone"])
    func ownPrintingAgreesWithLDNS(fixture: String) throws {
        var compared = 0
        for record in try ZoneFileReader.readAll(path: Fixtures.path(fixture)) {
            let ldns = try LDNSRecord(record)
            #expect(try ldns.escapedPresentation() == ldns.ldnsPresentation(), "\(record)")
            compared += 1
        }
        #expect(compared > 10)
    }

    @Test func quoteDollarAndAtAreEscapedInNames() throws {
        let name = try DomainName("\\$a\\\"b\\@c.test.")
        #expect(name.description == "\\$a\\\"b\\@c.test.")
        let record = ResourceRecord(owner: name, type: .cname, ttl: 60, rdata: name.wire)
        #expect(record.description == "\\$a\\\"b\\@c.test.\t60\tIN\tCNAME\t\\$a\\\"b\\@c.test.")
    }

    @Test func anRDATANameLDNSCannotReadBackIsWrittenGeneric() throws {
        let record = ResourceRecord(owner: "ptr.odd.test.", type: .ptr, ttl: 300, rdata: try DomainName("\\@.odd.test.").wire)
        #expect(record.description == "ptr.odd.test.\t300\tIN\tPTR\t\\# 12 0140036f6464047465737400")
        #expect(try ResourceRecord(parsing: record.description) == record)
    }
}
