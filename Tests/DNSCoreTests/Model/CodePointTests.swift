import DNSCore
import Testing

@Suite struct CodePointTests {
    @Test(arguments: [("A", 1), ("aaaa", 28), ("RRSIG", 46), ("ZONEMD", 63), ("TYPE65280", 65280), ("type1", 1)])
    func typesParse(text: String, value: UInt16) {
        #expect(RRType(text)?.rawValue == value)
    }

    @Test func unknownTypesPrintInRFC3597Form() {
        #expect(RRType(65280).description == "TYPE65280")
        #expect(RRType.dnskey.description == "DNSKEY")
        #expect(RRType("NOSUCHTYPE") == nil)
    }

    @Test func classesAndRcodes() {
        #expect(RRClass("in") == .in)
        #expect(RRClass(42).description == "CLASS42")
        #expect(ResponseCode.badVers.description == "BADVERS")
        #expect(ResponseCode(3841).description == "RCODE3841")
        #expect(ResponseCode("nxdomain") == .nxDomain)
    }
}
