import DNSCore
import Foundation
import Testing

/// Replays the fuzzer's seed corpus and every crasher it ever found (Fixtures/fuzz/):
/// each input must decode or throw, never crash, and what decodes must survive a round
/// trip with its question intact — the property FuzzTesting/ checks.
@Suite struct FuzzReplayTests {
    static let inputs: [String] = {
        let directory = Fixtures.path("fuzz")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().map { directory + "/" + $0 }
    }()

    @Test func corpusIsThere() {
        #expect(Self.inputs.count >= 7)
    }

    @Test(arguments: inputs)
    func replays(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        guard let message = try? Message(wire: bytes) else { return }
        for record in message.answer + message.authority + message.additional {
            #expect(!record.description.isEmpty)
        }
        let again = try Message(wire: try message.wire())
        #expect(again.question == message.question)
        #expect(again.answer.map(\.canonicalKey) == message.answer.map(\.canonicalKey))
    }

    @Test func seedsDecodeAsBuilt() throws {
        func load(_ name: String) throws -> Message {
            try Message(wire: [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("fuzz/\(name)")))))
        }
        #expect(try load("answer-a").answer.compactMap(\.address) == ["192.0.2.1", "::"])
        #expect(try load("answer-mx-soa").answer.first?.target == "mail.example.org.")
        #expect(try load("badvers").rcode == .badVers)
        #expect(try load("txt-rrsig").answer.last?.rrsig?.keyTag == 4242)
        #expect(try load("truncated").flags.contains(.tc))
    }
}

/// Replays the zone-file fuzzer's seeds and crashers (Fixtures/fuzz-zonefile/) with its
/// property: read or throw, never crash; every record read prints on one line that reads
/// back as the same record (malformed rdata, printed as generic data, excepted).
@Suite struct ZoneFileFuzzReplayTests {
    static let inputs: [String] = {
        let directory = Fixtures.path("fuzz-zonefile")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().map { directory + "/" + $0 }
    }()

    @Test func corpusIsThere() {
        #expect(Self.inputs.count >= 10)
        #expect(Self.inputs.filter { $0.contains("/crash-") }.count >= 5)
    }

    @Test(arguments: inputs)
    func replays(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var records: [ResourceRecord] = []
        if let reader = try? ZoneFileReader(contents: bytes, name: "fuzz", origin: "fuzz.test.") {
            while records.count < 10_000, let record = try? reader.nextRecord() { records.append(record) }
        }
        for line in bytes.split(separator: UInt8(ascii: "\n")).prefix(1_000) {
            if let record = try? ResourceRecord(parsing: String(decoding: line, as: UTF8.self), origin: "fuzz.test.") {
                records.append(record)
            }
        }
        for record in records {
            let text = record.description
            #expect(!text.isEmpty && !text.contains("\n"))
            let again = try? ResourceRecord(parsing: text)
            if again == nil, text.contains("\t\\# ") { continue }
            #expect(again == record, "'\(text)'")
        }
    }

    /// The in-memory reader is the file reader: the same records from the same text.
    @Test func memoryAndFileReadersAgree() throws {
        let path = Fixtures.path("zones/messy.zone")
        let fromMemory = try ZoneFileReader(contents: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), name: "messy")
        var records: [ResourceRecord] = []
        while let record = try fromMemory.nextRecord() { records.append(record) }
        #expect(records == (try ZoneFileReader.readAll(path: path)))
        #expect(records.count > 15)
    }

    // What the fuzzer found, each now an error or a record that survives its own text.

    @Test func aTypeBeyondSixteenBitsIsAnErrorNotATrap() {
        #expect(throws: DNSCoreError.self) { try ResourceRecord(parsing: "x.fuzz.test. 300 IN TYPE6521020 \\# 0") }
        #expect(throws: DNSCoreError.self) { try ResourceRecord(parsing: "x.fuzz.test. 300 CLASS70000 A 192.0.2.1") }
    }

    /// Rdata no record can carry (over 65535 octets) is an error, never a trap in `wire`.
    @Test func rdataLongerThanARecordCanHoldIsAnErrorNotATrap() throws {
        let record = ResourceRecord(owner: "big.fuzz.test.", type: .txt, ttl: 300, rdata: [UInt8](repeating: 1, count: 70_000))
        #expect(record.description.hasPrefix("big.fuzz.test.\t300\tIN\tTXT\t\\# 70000 0101"))
        #expect(throws: DNSCoreError.self) { try ResourceRecord(parsing: record.description) }
    }

    /// ldns prints an inception it places before 1970 as a date it cannot read back.
    @Test func anRRSIGTimeBefore1970PrintsAsSeconds() throws {
        let record = try ResourceRecord(parsing: "x.fuzz.test. 300 IN RRSIG A 13 3 300 20360101000000 4294967295 26197 fuzz.test. AAAA")
        #expect(record.rrsig?.inception == 4_294_967_295)
        #expect(record.description.contains(" 20360101000000 4294967295 26197 "))
        #expect(try ResourceRecord(parsing: record.description) == record)
    }

    @Test func rdataShortOfItsFieldsPrintsGeneric() throws {
        let full = try ResourceRecord(parsing: "x.fuzz.test. 300 IN RRSIG A 13 3 300 20360101000000 20260101000000 26197 fuzz.test. AAAA")
        let short = ResourceRecord(owner: full.owner, type: .rrsig, ttl: 300, rdata: Array(full.rdata.prefix(18)))
        #expect(short.description.contains("\t\\# 18 "), "\(short.description)")
        #expect(try ResourceRecord(parsing: short.description) == short)
    }
}

/// Replays the AXFR fuzzer's seeds and crashers (Fixtures/fuzz-axfr/): length-prefixed
/// messages through `AXFRStream`, the client's own per-message logic.
@Suite struct AXFRFuzzReplayTests {
    static let inputs: [String] = {
        let directory = Fixtures.path("fuzz-axfr")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().map { directory + "/" + $0 }
    }()

    static func stream(_ bytes: [UInt8]) -> AXFRStream {
        AXFRStream(zone: "example.org.", queryID: UInt16(bytes[2]) << 8 | UInt16(bytes[3]), source: "fuzz",
                   limits: TransferLimits(maxRecords: 500, maxBytes: 60_000, maxDuration: .seconds(60), basis: "fuzz"))
    }

    static func load(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("fuzz-axfr/" + name))))
    }

    @Test(arguments: inputs)
    func replays(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        guard bytes.count >= 4 else { return }
        var stream = Self.stream(bytes)
        let records = (try? stream.consume(framed: bytes)) ?? []
        #expect(stream.recordCount <= 500)
        if stream.finished {
            #expect(stream.soa != nil && records.count == stream.recordCount && records.first?.type == .soa)
        }
    }

    @Test func seedsEndAsBuilt() throws {
        var complete = Self.stream(try Self.load("two-messages"))
        let records = try complete.consume(framed: try Self.load("two-messages"))
        #expect(complete.finished && complete.messages == 2 && records.count == 5)
        for (name, reason) in [("closing-serial-changed", "the closing SOA has serial 2, the opening one 1"),
                               ("refused", "REFUSED (transfer refused)"), ("not-soa-first", "first record is not the zone's SOA"),
                               ("cut-off", "message 1 cut off"), ("foreign-id", "foreign message ID")] {
            let bytes = try Self.load(name)
            var stream = Self.stream(bytes)
            let error = #expect(throws: DNSCoreError.self) { try stream.consume(framed: bytes) }
            #expect(error?.reason.contains(reason) == true, "\(name): \(String(describing: error))")
        }
    }
}
