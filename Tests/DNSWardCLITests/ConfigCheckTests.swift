import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Platform

/// Configuration errors must name file, line and key (cron mail has to say what to fix).
@Suite struct ConfigCheckTests {
    func check(_ yaml: String) async throws -> (Subprocess.Result, String) {
        let path = NSTemporaryDirectory() + "dnsward-config-\(UUID().uuidString).yml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return (try await DNSWardBinary.run("check-config", "--config", path), path)
    }

    @Test func validConfigIsSummarised() async throws {
        let (result, path) = try await check("""
            timeout: 1
            zones:
              - name: healthy.test
                critical:
                  - name: www.healthy.test
                    types: [A, AAAA]
            resolvers:
              - 127.53.9.1
              - address: "[::1]:5353"
                name: local
            """)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "\(path): OK - 1 zones, 1 critical names, 2 resolvers\n")
    }

    @Test(arguments: [
        ("zones:\n  - name: healthy.test\n    critical:\n      - name: www.healthy.test\n        types: [A, AAA]\n", ":5: zones[0].critical[0].types: unknown record type 'AAA'"),
        ("timeout: 1\nzonez: []\n", ":2: zonez: unknown key 'zonez'"),
        ("timeout: fast\n", ":1: timeout: expected a number"),
        ("timeout: 100\n", ":1: timeout: must be between 0.01 and 60 seconds, not 100"),
        ("resolvers:\n  - 127.53.9.1\n  - address: 999.1.1.1\n", ":3: resolvers[1].address: not a server address: '999.1.1.1'"),
        ("zones:\n  - critical: []\n", ":2: zones[0]: missing key 'name'"),
        ("zones: [\n", ":2: YAML syntax"),
    ])
    func errorsNameFileLineAndKey(yaml: String, expected: String) async throws {
        let (result, path) = try await check(yaml)
        #expect(result.status == 3)
        #expect(result.standardError.contains(path + expected), "\(result.standardError)")
    }

    /// A 50 MB configuration once took 53 s and 1.27 GB to reject; anything over 4 MiB is
    /// refused before parsing. The message proves which path refused it (the parser would
    /// name a line and key); a wall-clock bound would only measure how busy the machine is.
    @Test func oversizedFileIsRefusedAtOnce() async throws {
        let value = String(repeating: "a", count: 5 * 1024 * 1024)
        let (result, path) = try await check("zones:\n  - name: \(value)\n")
        #expect(result.status == 3)
        #expect(result.standardError == "dnsward: \(path): larger than 4 MiB: too large for a dnsward configuration\n")
    }

    /// An error about a huge or hostile value quotes 80 characters of it, escaped, on one line.
    @Test func quotedValuesAreCutAndEscaped() async throws {
        let long = String(repeating: "a", count: 1_000_000)
        let (result, path) = try await check("zones:\n  - name: \(long)\n")
        #expect(result.status == 3)
        let quoted = "'" + String(repeating: "a", count: 80) + "…'"
        #expect(result.standardError.hasPrefix("dnsward: \(path):2: zones[0].name: not a domain name: \(quoted)"), "\(result.standardError.prefix(300))")
        #expect(result.standardError.utf8.count < 400)

        let (escaped, _) = try await check("zones:\n  - name: healthy.test\n    critical:\n      - name: www.healthy.test\n        types: [\"A\\e[2J\\nB\"]\n")
        #expect(escaped.status == 3)
        #expect(escaped.standardError.hasSuffix(":5: zones[0].critical[0].types: unknown record type 'A\\027[2J\\010B'\n"), "\(escaped.standardError)")
    }

    @Test func missingFileIsNamed() async throws {
        let result = try await DNSWardBinary.run("check-config", "--config", "/nonexistent/dnsward.yml")
        #expect(result.status == 3)
        #expect(result.standardError.contains("/nonexistent/dnsward.yml: cannot read the file"))
    }
}
