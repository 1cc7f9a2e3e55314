import Backup
import DNSCore
import DNSWardTestKit
import Foundation
import Testing

/// The verifier on files made by hand: a corrupt snapshot is an error naming file and line.
@Suite struct SnapshotVerifierTests {
    func write(_ text: String) throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/snapshot.zone"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (directory, path)
    }

    @Test func corruptLineIsNamed() throws {
        let (directory, path) = try write("""
            example.org.\t300\tIN\tSOA\tns.example.org. h.example.org. 1 2 3 4 5
            example.org.\t300\tIN\tNS\tns.example.org.
            www.example.org.\t300\tIN\tA\t192.0.2.300

            """)
        _ = directory
        let error = #expect(throws: DNSCoreError.self) { try SnapshotVerifier(zone: "example.org.").verify(path: path) }
        #expect(error?.reason.hasPrefix("\(path):3:") == true, "\(String(describing: error))")
    }

    @Test func missingApexAndForeignRecordsAreProblems() throws {
        let (directory, path) = try write("www.example.org.\t300\tIN\tA\t192.0.2.1\nwww.example.net.\t300\tIN\tA\t192.0.2.2\n")
        _ = directory
        let report = try SnapshotVerifier(zone: "example.org.").verify(path: path)
        #expect(report.problems.contains("no SOA at the apex example.org."))
        #expect(report.problems.contains("no NS at the apex example.org."))
        #expect(report.problems.contains { $0.contains(":2: www.example.net. is outside the zone") })
        #expect(report.recordCount == 1)
    }
}
