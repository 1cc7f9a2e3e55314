import DNSWardTestKit
import Foundation
import Platform
import Testing

/// The man page and the shell completions in share/ are what the built binary's argument
/// parser generates (scripts/generate-docs.py --check): an option added or changed without
/// regenerating them fails here.
@Suite struct ShippedDocsTests {
    static var repository: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }

    @Test func theShippedFilesAreWhatTheBinaryGenerates() async throws {
        let script = Self.repository.appendingPathComponent("scripts/generate-docs.py").path
        let result = try await Subprocess.run("/usr/bin/python3", [script, "--check", "--binary", DNSWardBinary.path])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    }

    @Test func theManPageCoversEveryCommandAndOption() async throws {
        let man = try String(contentsOf: Self.repository.appendingPathComponent("share/man/man1/dnsward.1"), encoding: .utf8)
        for command in ["probe", "snapshot", "verify", "query", "check-config", "restore", "headroom", "drill", "report", "sweep"] {
            #expect(man.contains("\n.Ss \(command)\n"), "no section for \(command)")
        }
        for option in ["--trust-anchor", "--since", "--lang", "--out", "--deadline", "--prometheus", "--rate-per-server", "--resume"] {
            #expect(man.contains(".It Fl \(option.dropFirst())"), "no \(option)")
        }
        let bash = try String(contentsOf: Self.repository.appendingPathComponent("share/completions/dnsward.bash"), encoding: .utf8)
        #expect(bash.contains("drill") && bash.contains("--trust-anchor") && bash.contains("report"))
    }
}
