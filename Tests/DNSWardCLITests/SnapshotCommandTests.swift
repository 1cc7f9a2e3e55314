import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Platform

/// `dnsward snapshot` and `verify` as an operator runs them, including a kill -9 in the
/// middle of a large transfer.
@Suite(.serialized, .lab) struct SnapshotCommandTests {
    let directory = NSTemporaryDirectory() + "dnsward-snapshot-\(UUID().uuidString)"
    var zones: String { directory + "/zones" }

    func snapshot(_ arguments: String...) async throws -> Subprocess.Result {
        try await DNSWardBinary.run(["snapshot", "--root-hints", Lab.rootHintsPath, "--zones-dir", zones] + arguments)
    }

    @Test func snapshotThenVerify() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try await snapshot("--zone", "healthy.test", "--zone", "signed.test", "--zone", "noaxfr.test")
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("OK healthy.test. serial 2026112401"))
        #expect(result.standardOutput.contains("by harvest")
            && result.standardOutput.contains("(partial: AXFR refused by every server: ns1.noaxfr.test. 127.53.2.1 server answered REFUSED"))
        #expect(result.standardError.isEmpty, "cron mail must stay quiet: \(result.standardError)")
        let verify = try await DNSWardBinary.run("verify", "--zones-dir", zones)
        #expect(verify.status == 0, "\(verify.standardOutput)")
        #expect(verify.standardOutput.contains("SERVABLE signed.test. ") && verify.standardOutput.contains(" until "))
    }

    @Test func refusedSnapshotExitsOneAndVerifySaysSo() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try await snapshot("--zone", "expired.test", "--format", "json")
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let first = try #require((object["snapshots"] as? [[String: Any]])?.first)
        #expect(first["status"] as? String == "refused")
        let verify = try await DNSWardBinary.run("verify", "--zones-dir", zones, "--zone", "expired.test")
        #expect(verify.status == 2)
        #expect(verify.standardOutput.contains("no verified snapshot"))
    }

    @Test func tamperedSnapshotFailsVerify() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try await snapshot("--zone", "healthy.test").status == 0)
        let path = zones + "/healthy.test/latest"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "192.0.2.10", with: "192.0.2.66")
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: path)
        try text.write(toFile: zones + "/healthy.test/" + target, atomically: false, encoding: .utf8)
        let verify = try await DNSWardBinary.run("verify", "--zones-dir", zones)
        #expect(verify.status == 2)
        #expect(verify.standardOutput.contains("FAILED healthy.test.") && verify.standardOutput.contains("SHA-256"))
    }

    /// Kill -9 at several moments of a 200,000-record snapshot: the previous `latest`
    /// always verifies intact, and the next run cleans up what the killed one left.
    @Test(arguments: [250, 800])
    func killNineNeverBreaksLatest(afterMilliseconds delay: Int) async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try await snapshot("--zone", "large.test").status == 0)
        let latest = try FileManager.default.destinationOfSymbolicLink(atPath: zones + "/large.test/latest")
        let running = try Subprocess.start(
            DNSWardBinary.path, ["snapshot", "--root-hints", Lab.rootHintsPath, "--zones-dir", zones, "--zone", "large.test"])
        try await Task.sleep(for: .milliseconds(delay))
        running.signal(SIGKILL)
        let killed = running.wait()
        let after = try FileManager.default.destinationOfSymbolicLink(atPath: zones + "/large.test/latest")
        // Either the kill came first and latest is untouched, or the run had finished.
        #expect(after == latest || killed.status == 0)
        let verify = try await DNSWardBinary.run("verify", "--zones-dir", zones, "--zone", "large.test")
        #expect(verify.standardOutput.contains("SERVABLE large.test. ") && verify.standardOutput.contains("(latest)"), "\(verify.standardOutput)")
        #expect(try await snapshot("--zone", "large.test").status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: zones + "/large.test").filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// A disk that fills up mid-write (here: a file-size limit) is a clear error, and the
    /// previous good copy stays `latest`.
    @Test func fullDiskKeepsThePreviousCopy() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try await snapshot("--zone", "large.test").status == 0)
        let latest = try FileManager.default.destinationOfSymbolicLink(atPath: zones + "/large.test/latest")
        let limited = try await Subprocess.run("/bin/sh", ["-c", "ulimit -f 2048; exec \"$0\" \"$@\"", DNSWardBinary.path, "snapshot",
                                                       "--root-hints", Lab.rootHintsPath, "--zones-dir", zones, "--zone", "large.test"])
        #expect(limited.status == 2, "\(limited.standardOutput)\(limited.standardError)")
        #expect(limited.standardOutput.contains("FAILED large.test.") && limited.standardOutput.contains("File too large"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: zones + "/large.test/latest") == latest)
        let verify = try await DNSWardBinary.run("verify", "--zones-dir", zones, "--zone", "large.test")
        #expect(verify.status == 0, "\(verify.standardOutput)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: zones + "/large.test").filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func badInputExitsThree() async throws {
        #expect(try await snapshot().status == 3)
        #expect(try await snapshot("--zone", "a..b").status == 3)
        #expect(try await snapshot("--zone", "healthy.test", "--max-loss", "2").status == 3)
        #expect(try await DNSWardBinary.run("verify", "--zones-dir", "/nonexistent").status == 3)
    }
}
