import DNSCore
import Testing

@Suite struct DomainNameTests {
    @Test(arguments: [
        ("www.example.org.", "www.example.org."),
        ("www.example.org", "www.example.org."),
        (".", "."),
        ("a\\.b.example.", "a\\.b.example."),
        ("\\065bc.", "Abc."),
        ("tab\\009.", "tab\\009."),
    ])
    func presentationRoundTrip(input: String, printed: String) throws {
        #expect(try DomainName(input).description == printed)
    }

    @Test(arguments: ["a..b.", "\\", "x\\25.", String(repeating: "a", count: 64) + ".",
                      Array(repeating: String(repeating: "a", count: 63), count: 5).joined(separator: ".")])
    func rejectsInvalidNames(input: String) {
        #expect(throws: DNSCoreError.self) { try DomainName(input) }
    }

    @Test func relativeNamesTakeTheOrigin() throws {
        let origin = DomainName("example.org.")
        #expect(try DomainName("www", origin: origin).description == "www.example.org.")
        #expect(try DomainName("@", origin: origin) == origin)
        #expect(try DomainName("host.example.net.", origin: origin).description == "host.example.net.")
    }

    @Test func equalityAndHashIgnoreCase() throws {
        let upper = DomainName("WWW.Example.ORG.")
        let lower = DomainName("www.example.org.")
        #expect(upper == lower)
        #expect(Set([upper, lower]).count == 1)
        #expect(upper.description == "WWW.Example.ORG.")
        #expect(upper != (DomainName("www.example.com.")))
    }

    /// RFC 4034 §6.1's example, in its canonical order.
    @Test func canonicalOrderMatchesRFC4034() throws {
        let ordered = ["example.", "a.example.", "yljkjljk.a.example.", "Z.a.example.", "zABC.a.EXAMPLE.",
                       "z.example.", "\\001.z.example.", "*.z.example.", "\\200.z.example."]
        let names = try ordered.map { try DomainName($0) }
        #expect(names.shuffled().sorted() == names)
    }

    @Test func subdomainsAndParents() throws {
        let zone = DomainName("example.org.")
        #expect(DomainName("a.b.Example.org.").isSubdomain(of: zone))
        #expect(zone.isSubdomain(of: zone))
        #expect(!(DomainName("badexample.org.").isSubdomain(of: zone)))
        #expect(zone.isSubdomain(of: .root))
        #expect(zone.parent == (DomainName("org.")))
        #expect(DomainName.root.parent == nil)
        #expect(zone.labelCount == 2)
    }

    @Test func wireFormIsValidated() throws {
        #expect(try DomainName(wire: [3, 119, 119, 119, 0]).description == "www.")
        #expect(throws: DNSCoreError.self) { try DomainName(wire: [3, 119, 119]) }
        #expect(throws: DNSCoreError.self) { try DomainName(wire: [0xC0, 12]) }
        #expect(throws: DNSCoreError.self) { try DomainName(wire: [1, 97, 0, 1]) }
    }
}
