import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Platform

/// `dnsward query` against scripted servers that send what no honest server does: another
/// opcode, junk, terminal escapes in their NSID and extended-error text.
@Suite struct QueryHostileServerTests {
    static let nsid = Array("\u{1b}]0;owned\u{07}ns1\nsecond line\r".utf8)
    static let escapedNSID = #"\027]0;owned\007ns1\010second line\013"#
    /// "bad", clear screen, red, a UTF-8 C1 CSI (C2 9B), a backslash.
    static let edeText: [UInt8] = Array("bad\u{1b}[2J\u{1b}[31mred".utf8) + [0xC2, 0x9B] + Array("31m\\".utf8)
    static let escapedEDE = #"DNSSEC Bogus: bad\027[2J\027[31mred\194\15531m\\"#

    static func query(_ server: ServerAddress, _ extra: String...) async throws -> Subprocess.Result {
        try await DNSWardBinary.run(["query", "www.example.test", "A", "@\(server)", "--no-recurse"] + extra)
    }

    @Test func answerWithAnotherOpcodeIsNoAnswer() async throws {
        try await withScriptedResponder(script: { [ScriptedResponder.reply(to: $0, opcode: 15)] }) { server in
            let result = try await Self.query(server, "--timeout", "0.3", "--retries", "0")
            #expect(result.status == 1, "\(result.standardOutput)")
            #expect(result.standardOutput == ";; error: timeout after 1 attempt (UDP) from \(server); 1 malformed answer ignored\n")
            let overTCP = try await Self.query(server, "--timeout", "0.3", "--tcp")
            #expect(overTCP.status == 1, "\(overTCP.standardOutput)")
            #expect(overTCP.standardOutput == ";; error: timeout after 1 attempt (TCP) from \(server); 1 malformed answer ignored\n")
        }
    }

    @Test func junkOnlyIsCountedNotJustATimeout() async throws {
        try await withScriptedResponder(script: { query in
            var notAResponse = query
            notAResponse[2] &= 0x7F
            return [[1, 2, 3], notAResponse, Array(repeating: 0xFF, count: 40)]
        }) { server in
            let result = try await Self.query(server, "--timeout", "0.3", "--retries", "1", "--format", "json")
            #expect(result.status == 1)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            let error = try #require(object["error"] as? [String: Any])
            #expect(error["code"] as? String == "timeout")
            #expect(error["ignoredAnswers"] as? Int == 6)
            #expect(error["message"] as? String == "timeout after 2 attempts (UDP) from \(server); 6 malformed answers ignored")
        }
    }

    @Test func nsidAndExtendedErrorTextAreEscaped() async throws {
        let options = [EDNSOption(code: EDNSOption.Code.nsid, data: Self.nsid),
                       EDNSOption(code: EDNSOption.Code.extendedDNSError, data: [0, 6] + Self.edeText)]
        try await withScriptedResponder(script: { [ScriptedResponder.reply(to: $0, options: options)] }) { server in
            let text = try await Self.query(server, "--timeout", "1")
            #expect(text.status == 0, "\(text.standardOutput)")
            #expect(text.standardOutput.contains(";; EDNS: version: 0, flags:; udp: 1232; NSID: \(Self.escapedNSID)\n"), "\(text.standardOutput)")
            #expect(text.standardOutput.contains("\n;; EDE: \(Self.escapedEDE)\n"), "\(text.standardOutput)")
            let bytes = Array(text.standardOutput.utf8)
            #expect(!bytes.contains { ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) || $0 >= 0x7F }, "raw control bytes in \(bytes)")

            let json = try await Self.query(server, "--timeout", "1", "--format", "json")
            #expect(json.status == 0)
            #expect(!Array(json.standardOutput.utf8).contains { $0 >= 0x7F } && !json.standardOutput.contains("\\u001b"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
            let edns = try #require(object["edns"] as? [String: Any])
            #expect(edns["nsid"] as? String == Self.escapedNSID)
            #expect(edns["extendedErrors"] as? [String] == [Self.escapedEDE])
        }
    }
}
