import DNSCore
import DNSWardTestKit
import Foundation
import Testing

/// AXFR with TSIG against a real NSD that requires a key for the zone.
@Suite(.serialized) struct TSIGTransferTests {
    static let secret = "K2tf3TRjvQkVCmJF3/Z9vA=="
    static let key = try! TSIGKey(name: "transfer.key.", algorithm: "hmac-sha256", secret: secret)

    func withServer(_ body: (ServerAddress) async throws -> Void) async throws {
        try await withKeyedNSD(secret: Self.secret, body)
    }

    @Test func signedTransferVerifiesEveryMessage() async throws {
        try await withServer { server in
            let summary = try await AXFRClient().transfer(zone: "keyed.test.", from: server, tsig: Self.key)
            #expect(summary.complete)
            #expect(summary.recordCount == 3003)
            #expect(summary.messages > 1)  // the MAC chain across messages is exercised
        }
    }

    @Test func withoutTheKeyTheTransferIsRefused() async throws {
        try await withServer { server in
            let error = await #expect(throws: DNSCoreError.self) {
                try await AXFRClient().transfer(zone: "keyed.test.", from: server)
            }
            #expect(error?.reason.contains("refused") == true, "\(String(describing: error))")
        }
    }

    @Test func aWrongSecretFails() async throws {
        try await withServer { server in
            let wrong = try TSIGKey(name: "transfer.key.", algorithm: "hmac-sha256", secret: "AAAAAAAAAAAAAAAAAAAAAA==")
            let error = await #expect(throws: DNSCoreError.self) {
                try await AXFRClient().transfer(zone: "keyed.test.", from: server, tsig: wrong)
            }
            // A TSIG failure has a code of its own, and says what the server answered.
            #expect(error?.code == .tsig)
            #expect(error?.reason.contains("BADSIG") == true, "\(String(describing: error))")
        }
    }

    @Test(arguments: ["hmac-sha256:transfer.key:K2tf3TRjvQkVCmJF3/Z9vA==", "transfer.key:K2tf3TRjvQkVCmJF3/Z9vA=="])
    func keysParseInDigNotation(text: String) throws {
        let key = try TSIGKey(parsing: text)
        #expect(key.name == "transfer.key.")
        #expect(key.algorithm == "hmac-sha256")
        #expect(!key.description.contains(key.secret))
    }

    @Test(arguments: ["hmac-sha999:k:K2tf3TRjvQkVCmJF3/Z9vA==", "hmac-sha256:k:not base64!", "justone"])
    func badKeysAreRefused(text: String) {
        #expect(throws: DNSCoreError.self) { try TSIGKey(parsing: text) }
    }
}
