import DNSCore
import Testing

@Suite struct SOASerialTests {
    @Test(arguments: [
        (UInt32(1), UInt32(2), SOASerial.Order.less),
        (2, 1, .greater),
        (7, 7, .equal),
        (UInt32.max, 0, .less),             // wraps: 0 is one ahead of 2^32-1
        (0, UInt32.max, .greater),
        (0, 1 << 31, .undefined),            // exactly half the space apart
        (2026112401, 2026112402, .less),
        (4_000_000_000, 100, .less),         // 100 is ahead after the wrap
    ])
    func rfc1982Comparison(a: UInt32, b: UInt32, expected: SOASerial.Order) {
        #expect(SOASerial(a).compare(SOASerial(b)) == expected)
    }

    @Test func distanceAcrossTheWrap() {
        #expect(SOASerial(UInt32.max).distance(to: SOASerial(5)) == 6)
        #expect(SOASerial(5).distance(to: SOASerial(UInt32.max)) == -6)
        #expect(SOASerial(0).distance(to: SOASerial(1 << 31)) == nil)
    }

    @Test func additionIsBounded() {
        #expect(SOASerial(UInt32.max).adding(1) == SOASerial(0))
        #expect(SOASerial(1).adding(1 << 31) == nil)
    }
}
