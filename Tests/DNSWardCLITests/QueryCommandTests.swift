import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Platform

/// `dnsward query` against the lab's servers: output, JSON schema and exit codes.
@Suite(.serialized, .lab) struct QueryCommandTests {
    @Test func textAnswerLooksLikeDig() async throws {
        let result = try await DNSWardBinary.run("query", "www.healthy.test", "A", "@127.53.2.1", "--no-recurse")
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("status: NOERROR"))
        #expect(result.standardOutput.contains(";; flags: qr aa;"))
        #expect(result.standardOutput.contains("www.healthy.test.\t300\tIN\tA\t192.0.2.10"))
        #expect(result.standardOutput.contains(";; SERVER: 127.53.2.1 (UDP)"))
    }

    @Test func jsonOverTCP() async throws {
        let result = try await DNSWardBinary.run("query", "@127.53.2.2", "healthy.test", "SOA", "--tcp", "--no-recurse", "--format", "json")
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["schema"] as? Int == 1)
        #expect(object["transport"] as? String == "tcp")
        #expect(object["rcode"] as? String == "NOERROR")
        #expect((object["flags"] as? [String])?.contains("aa") == true)
        let answer = try #require(object["answer"] as? [[String: Any]])
        #expect(answer.first?["type"] as? String == "SOA")
        #expect((answer.first?["rdata"] as? String)?.contains("2026112401") == true)
        #expect((object["rttMilliseconds"] as? Double ?? -1) >= 0)
    }

    @Test func dnssecThroughTheValidatingResolver() async throws {
        let result = try await DNSWardBinary.run("query", "www.signed.test", "@127.53.9.1", "--dnssec", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect((object["flags"] as? [String])?.contains("ad") == true)
        let answer = try #require(object["answer"] as? [[String: Any]])
        #expect(answer.contains { $0["type"] as? String == "RRSIG" })
    }

    @Test func timeoutAndRefusedAreToldApart() async throws {
        let silent = try await DNSWardBinary.run("query", "partial.test", "SOA", "@127.53.2.3", "--timeout", "0.5", "--retries", "0", "--format", "json")
        #expect(silent.status == 1)
        #expect(silent.standardOutput.contains("\"code\" : \"timeout\""))
        let closed = try await DNSWardBinary.run("query", "partial.test", "SOA", "@127.53.2.4")
        #expect(closed.status == 1)
        #expect(closed.standardOutput.contains("refused (ICMP port unreachable) by 127.53.2.4 over UDP"))
        let closedTCP = try await DNSWardBinary.run("query", "partial.test", "SOA", "@127.53.2.4", "--tcp")
        #expect(closedTCP.status == 1)
        #expect(closedTCP.standardOutput.contains("connection refused by 127.53.2.4 over TCP"))
    }

    @Test(arguments: [
        ["query", "www.healthy.test"],
        ["query", "www.healthy.test", "@300.1.1.1"],
        ["query", "www.healthy.test", "NOSUCHTYPE", "@127.53.2.1"],
        ["query", "a..b", "@127.53.2.1"],
        ["query", "www.healthy.test", "@127.53.2.1", "--timeout", "0"],
    ])
    func badArgumentsAreUsageErrors(arguments: [String]) async throws {
        let result = try await DNSWardBinary.run(arguments)
        #expect(result.status == 64)
        #expect(result.standardError.contains("Error:"))
    }
}
