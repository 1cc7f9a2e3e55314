import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Platform

@Suite struct ZoneFileTests {
    /// The golden file is ldns-read-zone's own canonical output for the same input.
    @Test func canonicalWritingMatchesTheGoldenFile() throws {
        let records = try ZoneFileReader.readAll(path: Fixtures.path("zones/messy.zone"))
        let golden = try String(contentsOfFile: Fixtures.path("zones/messy.canonical"), encoding: .utf8)
        #expect(ZoneFileWriter.canonicalText(records) == golden)
    }

    @Test func canonicalTextIsAFixedPoint() throws {
        let records = try ZoneFileReader.readAll(path: Fixtures.path("zones/messy.zone"))
        let once = ZoneFileWriter.canonicalText(records)
        let directory = try TemporaryDirectory()
        let path = directory.path + "/again.zone"
        try ZoneFileWriter.write(records, to: path)
        let twice = ZoneFileWriter.canonicalText(try ZoneFileReader.readAll(path: path))
        #expect(once == twice)
    }

    @Test func duplicatesAreDroppedAndSOALeads() throws {
        let records = try [
            "www.example.org. 300 IN A 192.0.2.1",
            "WWW.example.org. 300 IN A 192.0.2.1",
            "example.org. 300 IN NS ns.example.org.",
            "example.org. 300 IN SOA ns.example.org. h.example.org. 1 2 3 4 5",
        ].map { try ResourceRecord(parsing: $0) }
        let lines = ZoneFileWriter.canonicalText(records).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains("\tSOA\t"))
    }

    /// The real root zone: ~22,000 records, IDN labels, IPv6 glue, read as a stream.
    @Test func streamsTheRealRootZone() throws {
        let reader = try ZoneFileReader(path: Fixtures.path("zones/root-2026082201.zone"))
        var count = 0
        var delegations = Set<DomainName>()
        var serial: SOASerial?
        for record in reader {
            count += 1
            if record.type == .ns, !record.owner.isRoot { delegations.insert(record.owner) }
            if record.type == .soa { serial = record.soa?.serial }
        }
        #expect(reader.error == nil)
        #expect(count > 20_000)
        #expect(delegations.count == 1438)
        #expect(serial == SOASerial(2026082201))
    }

    @Test func syntaxErrorsNameFileAndLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/bad.zone"
        try "$ORIGIN example.org.\n$TTL 300\n@ IN SOA ns h 1 2 3 4 5\nwww IN A 192.0.2.1\nbad IN A not-an-address\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: DNSCoreError.self) { try ZoneFileReader.readAll(path: path) }
        #expect(error?.code == .invalidZoneFile)
        #expect(error?.reason.hasPrefix("\(path):5:") == true)
        #expect(throws: DNSCoreError.self) { try ZoneFileReader.readAll(path: directory.path + "/missing.zone") }
    }
}
