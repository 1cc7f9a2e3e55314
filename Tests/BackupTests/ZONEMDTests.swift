import DNSCore
import Testing

/// RFC 8976's published vector: ldns, through our bridge, must agree with the RFC.
@Suite struct ZONEMDTests {
    @Test func rfc8976VectorVerifies() throws {
        #expect(try ZONEMDVerifier.verify(path: Fixtures.path("zonemd-rfc8976-a1.zone"), origin: "example.") == .valid)
    }

    @Test func oneChangedAddressBreaksTheDigest() throws {
        let result = try ZONEMDVerifier.verify(path: Fixtures.path("zonemd-tampered.zone"), origin: "example.")
        guard case .mismatch = result else {
            Issue.record("expected a mismatch, got \(result)")
            return
        }
    }
}
