import DNSCore
import Testing

@Suite struct MessageCodecTests {
    @Test func queryRoundTripsThroughLDNS() throws {
        var query = Message.query(DomainName("www.Example.org."), .aaaa, recursionDesired: true,
                                  edns: EDNS(udpPayloadSize: 1232, dnssecOK: true, options: [EDNSOption(code: 3)]))
        query.id = 0xBEEF
        let wire = try query.wire()
        // Header: ID, flags RD, one question, one additional (the OPT).
        #expect(Array(wire.prefix(12)) == [0xBE, 0xEF, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1])
        let decoded = try Message(wire: wire)
        #expect(decoded == query)
        #expect(decoded.edns?.dnssecOK == true)
        #expect(decoded.edns?.options == [EDNSOption(code: 3)])
    }

    /// A response built by hand, byte by byte, the way a server sends it: compressed
    /// names, an OPT with the extended rcode bits for BADVERS and an extended DNS error.
    @Test func decodesAHandBuiltResponse() throws {
        let wire: [UInt8] = [
            0x12, 0x34, 0x84, 0x00, 0, 1, 0, 1, 0, 0, 0, 1,
            3, 0x77, 0x77, 0x77, 7, 0x65, 0x78, 0x61, 0x6D, 0x70, 0x6C, 0x65, 0, 0, 1, 0, 1,
            0xC0, 12, 0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, 192, 0, 2, 1,
            0, 0, 41, 0x04, 0xD0, 1, 0, 0x80, 0, 0, 10, 0, 15, 0, 6, 0, 6, 0x62, 0x61, 0x64, 0x21,
        ]
        let message = try Message(wire: wire)
        #expect(message.id == 0x1234)
        #expect(message.flags == [.qr, .aa])
        #expect(message.question == [Question(name: DomainName("www.example."), type: .a)])
        #expect(message.answer.count == 1)
        #expect(message.answer[0].address == "192.0.2.1")
        #expect(message.answer[0].ttl == 3600)
        #expect(message.edns?.udpPayloadSize == 1232)
        #expect(message.edns?.dnssecOK == true)
        #expect(message.rcode == .badVers)
        #expect(message.edns?.extendedErrors.first?.infoCode == 6)
        #expect(message.edns?.extendedErrors.first?.description == "DNSSEC Bogus: bad!")
    }

    @Test(arguments: [
        [UInt8](),
        [0, 1, 2],
        [0x12, 0x34, 0x84, 0x00, 0, 1, 0, 1, 0, 0, 0, 0],                       // counts without sections
        [0x12, 0x34, 0x84, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1], // pointer loop
        [0x12, 0x34, 0x84, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 70, 0x61],              // label runs off the end
    ])
    func garbageIsAnErrorNotACrash(bytes: [UInt8]) {
        #expect(throws: DNSCoreError.self) { try Message(wire: bytes) }
    }

    @Test func recordsPrintAndParseInPresentationFormat() throws {
        let record = try ResourceRecord(parsing: "www.example.org. 300 IN A 192.0.2.10")
        #expect(record.description == "www.example.org.\t300\tIN\tA\t192.0.2.10")
        #expect(record.rdata == [192, 0, 2, 10])
        let soa = try ResourceRecord(parsing: "example.org. 3600 IN SOA ns1.example.org. h.example.org. 7 1 2 3 4")
        #expect(soa.soa?.serial == SOASerial(7))
        #expect(soa.soa?.minimum == 4)
        let unknown = try ResourceRecord(parsing: "x.example. 60 IN TYPE65280 \\# 2 ABCD")
        #expect(unknown.type == RRType(65280))
        #expect(unknown.description.hasSuffix("TYPE65280\t\\# 2 abcd"))
        #expect(throws: DNSCoreError.self) { try ResourceRecord(parsing: "www.example.org. 300 IN A 300.1.1.1") }
    }

    @Test func canonicalFormLowersEmbeddedNamesOnlyWhereRFC4034Says() throws {
        let mx = try ResourceRecord(parsing: "Example.ORG. 300 IN MX 10 Mail.Example.ORG.")
        #expect(mx.canonical.description == "example.org.\t300\tIN\tMX\t10 mail.example.org.")
        let txt = try ResourceRecord(parsing: "example.org. 300 IN TXT \"KeepCase\"")
        #expect(txt.canonicalRDATA == txt.rdata)
        var set = RRSet(owner: mx.owner, type: .mx)
        set.append(mx)
        set.append(try ResourceRecord(parsing: "example.org. 60 IN MX 10 mail.example.org."))
        #expect(set.records.count == 1)
        #expect(set.ttl == 60)
    }
}
