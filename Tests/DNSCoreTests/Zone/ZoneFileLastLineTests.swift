import DNSCore
import DNSWardTestKit
import Foundation
import Testing

/// The last line of a zone file is read like any other: what ldns cannot parse there is an
/// error naming the file and the line, never a quiet end of the zone with the line lost.
@Suite struct ZoneFileLastLineTests {
    static let head = """
        $ORIGIN last.test.
        $TTL 300
        @ IN SOA ns1 hostmaster 1 3600 900 604800 60
        @ IN NS ns1
        ns1 IN A 192.0.2.1

        """
    /// Line 6: longer than ldns's line length (10,230 characters), one name it cannot read.
    static let overlong = String(repeating: "x", count: 11_000) + " IN A 192.0.2.2"

    func write(_ text: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.path + "/last.zone"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Without a final newline, with one, and with blank lines after it.
    @Test(arguments: ["", "\n", "\n\n\n"])
    func anOverlongLastLineIsAnErrorNamingFileAndLine(ending: String) throws {
        let directory = try TemporaryDirectory()
        let path = try write(Self.head + Self.overlong + ending, in: directory)
        let error = #expect(throws: DNSCoreError.self) { try ZoneFileReader.readAll(path: path) }
        #expect(error?.code == .invalidZoneFile)
        #expect(error?.reason.hasPrefix("\(path):6: Syntax error, could not parse the RR") == true, "\(String(describing: error))")
        #expect(error?.reason.contains("(a line of 11015 characters)") == true, "\(String(describing: error))")
    }

    /// The same text from memory (the fuzzer's reader) fails the same way.
    @Test func anOverlongLastLineInMemoryIsAnError() throws {
        let error = #expect(throws: DNSCoreError.self) {
            let reader = try ZoneFileReader(contents: Array((Self.head + Self.overlong).utf8), name: "memory")
            while try reader.nextRecord() != nil {}
        }
        #expect(error?.reason.hasPrefix("memory:6: ") == true, "\(String(describing: error))")
    }

    /// Followed by a record, the overlong line was always an error; it still names line 6.
    @Test func anOverlongLineInTheMiddleIsAnErrorToo() throws {
        let directory = try TemporaryDirectory()
        let path = try write(Self.head + Self.overlong + "\nwww IN A 192.0.2.3\n", in: directory)
        let error = #expect(throws: DNSCoreError.self) { try ZoneFileReader.readAll(path: path) }
        #expect(error?.reason.hasPrefix("\(path):6: ") == true, "\(String(describing: error))")
    }

    /// A bad last line without a final newline is named by its own number, not the one before.
    @Test func aBadLastLineWithoutNewlineNamesItsOwnLine() throws {
        let directory = try TemporaryDirectory()
        let path = try write(Self.head + "www IN A 192.0.2.999", in: directory)
        let error = #expect(throws: DNSCoreError.self) { try ZoneFileReader.readAll(path: path) }
        #expect(error?.reason.hasPrefix("\(path):6: ") == true, "\(String(describing: error))")
    }

    /// Comments and blank lines at the end are still just the end.
    @Test(arguments: ["; the end", "; the end\n", "\n\n; the end\n\n", "   \n\t\n"])
    func trailingCommentsAndBlankLinesEndTheZone(ending: String) throws {
        let directory = try TemporaryDirectory()
        let path = try write(Self.head + "www IN A 192.0.2.3\n" + ending, in: directory)
        let records = try ZoneFileReader.readAll(path: path)
        #expect(records.count == 4)
        #expect(records.last?.owner == "www.last.test.")
    }
}
