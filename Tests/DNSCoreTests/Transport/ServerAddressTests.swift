import Foundation
import Testing
@testable import DNSCore
import Model

@Suite("ServerAddress")
struct ServerAddressTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        let input: String
        let host: String
        let port: UInt16
        let description: String
        let isIPv6: Bool
        var testDescription: String { "\"\(input)\"" }
    }

    static let valid: [Valid] = [
        .init(input: "127.0.0.1", host: "127.0.0.1", port: 53, description: "127.0.0.1", isIPv6: false),
        .init(input: "127.0.0.1@5353", host: "127.0.0.1", port: 5353, description: "127.0.0.1@5353", isIPv6: false),
        .init(input: "127.53.2.3@53", host: "127.53.2.3", port: 53, description: "127.53.2.3", isIPv6: false),
        .init(input: " 127.60.0.1@5300\n", host: "127.60.0.1", port: 5300, description: "127.60.0.1@5300", isIPv6: false),
        .init(input: "::1", host: "::1", port: 53, description: "::1", isIPv6: true),
        .init(input: "[::1]", host: "::1", port: 53, description: "::1", isIPv6: true),
        .init(input: "[::1]:5353", host: "::1", port: 5353, description: "[::1]:5353", isIPv6: true),
        .init(input: "[::1]@5353", host: "::1", port: 5353, description: "[::1]:5353", isIPv6: true),
        .init(input: "::1@5353", host: "::1", port: 5353, description: "[::1]:5353", isIPv6: true),
        .init(input: "2001:db8::53", host: "2001:db8::53", port: 53, description: "2001:db8::53", isIPv6: true),
        .init(input: "[2001:db8::53]:65535", host: "2001:db8::53", port: 65535,
              description: "[2001:db8::53]:65535", isIPv6: true),
        // Looks like ADDR:PORT but is a complete IPv6 address; brackets are how to add a port.
        .init(input: "::1:5353", host: "::1:5353", port: 53, description: "::1:5353", isIPv6: true),
        .init(input: "::ffff:127.0.0.1", host: "::ffff:127.0.0.1", port: 53, description: "::ffff:127.0.0.1", isIPv6: true),
    ]

    @Test(arguments: valid)
    func parsesValidInput(_ case_: Valid) throws {
        let address = try ServerAddress(parsing: case_.input)
        #expect(address.host == case_.host)
        #expect(address.port == case_.port)
        #expect(address.description == case_.description)
        #expect(address.isIPv6 == case_.isIPv6)
        // The description must read back as the same address.
        #expect(try ServerAddress(parsing: address.description) == address)
    }

    static let invalid: [(String, ServerAddressError.Reason)] = [
        ("", .empty),
        ("   ", .empty),
        ("localhost", .invalidAddress),
        ("ns1.example.com", .invalidAddress),
        ("127.0.0.1:5353", .invalidAddress),
        ("256.1.1.1", .invalidAddress),
        ("1.2.3", .invalidAddress),
        ("fe80::1%eth0", .invalidAddress),
        ("[127.0.0.1]", .invalidAddress),
        ("[::1", .invalidAddress),
        ("[::1]5353", .invalidAddress),
        ("[::1]:", .invalidPort),
        ("127.0.0.1@", .invalidPort),
        ("127.0.0.1@0", .invalidPort),
        ("127.0.0.1@65536", .invalidPort),
        ("127.0.0.1@abc", .invalidPort),
        ("127.0.0.1@+53", .invalidPort),
        ("127.0.0.1@53@53", .invalidPort),
        ("[::1]:99999", .invalidPort),
        ("@53", .invalidAddress),
    ]

    @Test(arguments: invalid)
    func rejectsInvalidInput(_ input: String, _ reason: ServerAddressError.Reason) {
        #expect(throws: ServerAddressError(input: input, reason: reason)) {
            try ServerAddress(parsing: input)
        }
    }

    @Test func usesDefaultPortOnlyWhenNoneIsGiven() throws {
        #expect(try ServerAddress(parsing: "127.0.0.1", defaultPort: 5300).port == 5300)
        #expect(try ServerAddress(parsing: "[::1]", defaultPort: 5300).port == 5300)
        #expect(try ServerAddress(parsing: "127.0.0.1@8053", defaultPort: 5300).port == 8053)
    }

    @Test(arguments: ["127.0.0.1", "::1", "2001:db8::1", "192.0.2.1"])
    func initWithHostAcceptsNumericAddresses(_ host: String) throws {
        let address = try ServerAddress(host: host, port: 5300)
        #expect(address.host == host)
        #expect(address.port == 5300)
    }

    @Test(arguments: ["[::1]", "localhost", "127.0.0.1@53", "", " 127.0.0.1"])
    func initWithHostRejectsAnythingButANumericAddress(_ host: String) {
        #expect(throws: ServerAddressError.self) { try ServerAddress(host: host) }
    }

    @Test func initWithHostRejectsPortZero() {
        #expect(throws: ServerAddressError(input: "127.0.0.1", reason: .invalidPort)) {
            try ServerAddress(host: "127.0.0.1", port: 0)
        }
    }

    @Test(arguments: [
        ("127.0.0.1", true), ("127.255.1.2", true), ("::1", true), ("::ffff:127.0.0.9", true),
        ("128.0.0.1", false), ("192.0.2.1", false), ("::2", false), ("2001:db8::1", false), ("::ffff:192.0.2.1", false),
    ])
    func knowsLoopback(_ host: String, _ expected: Bool) throws {
        #expect(try ServerAddress(host: host).isLoopback == expected)
    }

    @Test func codesAsItsDescription() throws {
        let addresses = [try ServerAddress(parsing: "[::1]:5353"), try ServerAddress(parsing: "127.60.0.1@5300")]
        let data = try JSONEncoder().encode(addresses)
        #expect(String(decoding: data, as: UTF8.self) == #"["[::1]:5353","127.60.0.1@5300"]"#)
        #expect(try JSONDecoder().decode([ServerAddress].self, from: data) == addresses)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ServerAddress].self, from: Data(#"["localhost"]"#.utf8))
        }
    }

    @Test func transportErrorDescriptionsNameTheProblem() throws {
        let server = try ServerAddress(parsing: "127.53.2.3")
        #expect(TransportError(code: .timeout, server: server, transport: .udp, attempts: 2).description
                == "timeout after 2 attempts (UDP) from 127.53.2.3")
        #expect(TransportError(code: .refused, server: server, transport: .udp, errno: 111).description
                == "refused (ICMP port unreachable) by 127.53.2.3 over UDP")
        #expect(TransportError(code: .refused, server: server, transport: .tcp, errno: 111).description
                == "connection refused by 127.53.2.3 over TCP")
        #expect(TransportError.Code.networkUnreachable.description == "networkUnreachable")
    }
}
