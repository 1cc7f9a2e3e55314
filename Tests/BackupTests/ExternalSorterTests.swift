@testable import Backup
import DNSCore
import DNSWardTestKit
import Foundation
import Testing

/// The bounded-memory sort must write exactly what the in-memory canonical writer writes.
@Suite struct ExternalSorterTests {
    static func records(count: Int) throws -> [ResourceRecord] {
        var records: [ResourceRecord] = [
            try ResourceRecord(parsing: "Example.ORG. 300 IN SOA ns1.example.org. h.example.org. 7 1 2 3 4"),
            try ResourceRecord(parsing: "example.org. 300 IN NS NS1.example.org."),
        ]
        var generator = SystemRandomNumberGenerator()
        for index in 0..<count {
            let label = ["h\(index)", "H\(index % 97)", "a\\.b\(index % 13)", "\\000x\(index % 7)", "*", "zz\(index % 5).deep"][index % 6]
            let type = ["A 192.0.2.\(index % 250)", "TXT \"t\(index % 31)\"", "MX \(index % 9) Mail\(index % 11).example.org.",
                        "AAAA 2001:DB8::\(String(index % 65_535, radix: 16))"][Int.random(in: 0..<4, using: &generator)]
            records.append(try ResourceRecord(parsing: "\(label).example.org. \(60 + index % 3) IN \(type)"))
        }
        return records.shuffled()
    }

    @Test(arguments: [1_000, 20_000])
    func spilledChunksMergeToTheCanonicalText(count: Int) throws {
        let directory = try TemporaryDirectory()
        let records = try Self.records(count: count)
        let sorter = ExternalSorter(directory: directory.path, apex: "example.org.", chunkSize: 997)
        for record in records { try sorter.append(record) }
        let path = directory.path + "/out.zone"
        let writer = try BufferedWriter(path: path)
        let written = try sorter.finish(into: writer)
        let hash = try writer.close(sync: true)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expected = ZoneFileWriter.canonicalText(records)
        #expect(text == expected)
        #expect(written == expected.split(separator: "\n").count)
        #expect(hash == (try SHA256Digest.file(path)))
        // The chunks are gone once merged.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.zone"])
    }

    @Test func sortKeyOrderIsCanonicalNameOrder() throws {
        let names = ["example.", "a.example.", "yljkjljk.a.example.", "Z.a.example.", "zABC.a.EXAMPLE.",
                     "z.example.", "\\001.z.example.", "*.z.example.", "\\200.z.example."].map { DomainName(stringLiteral: $0) }
        let records = names.map { ResourceRecord(owner: $0, type: .a, ttl: 1, rdata: [192, 0, 2, 1]) }
        let sorted = records.shuffled().sorted { $0.canonicalSortKey.lexicographicallyPrecedes($1.canonicalSortKey) }
        #expect(sorted.map(\.owner) == names)
    }
}
