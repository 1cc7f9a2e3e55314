import DNSCore
import DNSWardTestKit
import Foundation
import History
import Model
import Platform
import Testing

/// `dnsward drill` against real Unbound, with the lab's zones snapshotted by `dnsward
/// snapshot`: the root, `test.` and `signed.test.` make the chain from the lab's real trust
/// anchor; the private resolvers know the lab's root servers (root hints) and must still
/// reach none of them.
@Suite(.serialized, .lab) struct DrillCommandTests {
    let directory = NSTemporaryDirectory() + "dnsward-drill-test-\(UUID().uuidString)"
    var zones: String { directory + "/zones" }
    var history: String { directory + "/history.sqlite" }
    static var trustAnchor: String { Lab.runDirectory + "/root.key" }

    func snapshot(_ names: [String]) async throws {
        let arguments = ["snapshot", "--root-hints", Lab.rootHintsPath, "--zones-dir", zones, "--no-history"]
            + names.flatMap { ["--zone", $0] }
        let result = try await DNSWardBinary.run(arguments)
        try #require(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    }

    func drill(_ arguments: [String]) async throws -> Subprocess.Result {
        try await DNSWardBinary.run(["drill", "--zones-dir", zones, "--root-hints", Lab.rootHintsPath, "--history", history,
                                     "--format", "json"] + arguments)
    }

    static func zones(_ result: Subprocess.Result) throws -> [String: [String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
                                  "not JSON: \(result.standardOutput)\(result.standardError)")
        let zones = try #require(object["zones"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: zones.map { ($0["zone"] as! String, $0) })
    }

    /// The pids of processes whose command line mentions a drill's directory.
    static func drillProcesses() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.filter { pid in
            let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline").map { String(decoding: $0, as: UTF8.self) } ?? ""
            return line.contains("dnsward-drill-") && line.contains("unbound")
        }
    }

    @Test func everyBackupIsServedAndTheSignedOneValidatesFromTheRealAnchor() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await snapshot([".", "test.", "signed.test", "healthy.test"])
        let before = Set(Self.drillProcesses())
        let directoriesBefore = Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()))
        let result = try await drill(["--trust-anchor", Self.trustAnchor, "--critical", "www.signed.test/A",
                                      "--critical", "www.healthy.test/AAAA"])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let zones = try Self.zones(result)
        #expect(Set(zones.keys) == [".", "test.", "signed.test.", "healthy.test."])
        for (zone, drill) in zones {
            #expect(drill["severity"] as? String == "OK", "\(zone): \(drill)")
            let seconds = try #require(drill["secondsToServe"] as? Double, "\(zone)")
            #expect(seconds > 0 && seconds < 20)
            let checks = try #require(drill["checks"] as? [[String: Any]])
            #expect(!checks.isEmpty && checks.allSatisfy { $0["passed"] as? Bool == true })
        }
        let signed = try #require(zones["signed.test."])
        #expect(signed["validated"] as? Bool == true && signed["chain"] as? [String] == ["test.", "."])
        let signedChecks = try #require(signed["checks"] as? [[String: Any]])
        #expect(signedChecks.allSatisfy { $0["authenticated"] as? Bool == true })
        #expect(signedChecks.contains { ($0["received"] as? [String])?.contains { $0.contains("192.0.2.30") } == true })
        // A name outside every copy went unanswered although the root hints name the lab (with
        // the root's copy served too, every name is inside a copy: nothing to ask).
        #expect(zones["healthy.test."]?["isolated"] as? Bool == true)
        #expect(zones["signed.test."]?["isolated"] as? Bool == false)
        #expect(zones["healthy.test."]?["validated"] as? Bool == false)

        // Recorded in the history, the way the report reads "last drill".
        let drills = try HistoryStore(path: history).restoreEvents().filter { $0.kind == .drill }
        #expect(drills.count == 4 && drills.allSatisfy { $0.outcome == "passed" && $0.seconds != nil && $0.snapshot != nil })
        // Every private resolver was stopped, and its directory removed.
        #expect(Set(Self.drillProcesses()).subtracting(before).isEmpty)
        let leftovers = Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())).subtracting(directoriesBefore)
            .filter { $0.hasPrefix("dnsward-drill-") && !$0.hasPrefix("dnsward-drill-test-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func aForgedRecordFailsValidation() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await snapshot([".", "test.", "signed.test"])
        // The copy edited and its manifest's hash made to match: only the signatures can tell.
        let link = zones + "/signed.test/latest"
        let file = zones + "/signed.test/" + (try FileManager.default.destinationOfSymbolicLink(atPath: link))
        let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "192.0.2.30", with: "192.0.2.66")
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        let manifestPath = String(file.dropLast(5)) + ".json"
        var manifest = try SnapshotManifest.decoder.decode(SnapshotManifest.self, from: Data(contentsOf: URL(fileURLWithPath: manifestPath)))
        manifest.sha256 = try RestoreLabSnapshot.sha256sum(file)
        try SnapshotManifest.encoder.encode(manifest).write(to: URL(fileURLWithPath: manifestPath))

        let result = try await drill(["--zone", "signed.test", "--trust-anchor", Self.trustAnchor, "--critical", "www.signed.test/A"])
        #expect(result.status == 2, "\(result.standardOutput)")
        let drill = try #require(try Self.zones(result)["signed.test."])
        #expect(drill["severity"] as? String == "CRITICAL")
        #expect((drill["problem"] as? String)?.contains("www.signed.test. A: SERVFAIL") == true, "\(drill)")
        let recorded = try HistoryStore(path: history).restoreEvents().last
        #expect(recorded?.kind == .drill && recorded?.outcome == "failed" && recorded?.detail?.contains("SERVFAIL") == true)
    }

    @Test func aSignedCopyWithoutItsParentsCannotValidate() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await snapshot(["signed.test"])
        let result = try await drill(["--trust-anchor", Self.trustAnchor])
        #expect(result.status == 2)
        let problem = try #require(try Self.zones(result)["signed.test."]?["problem"] as? String)
        #expect(problem.contains("SERVFAIL") && problem.contains("snapshot the parents too"), "\(problem)")
    }

    @Test func withoutATrustAnchorASignedCopyIsAWarningAndTextSaysSo() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await snapshot(["signed.test"])
        let result = try await DNSWardBinary.run(["drill", "--zones-dir", zones, "--no-history"])
        #expect(result.status == 1, "\(result.standardOutput)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("DRILL WARNING - 1 zone served from its backup, 1 with warnings | zones=1 passed=1 failed=0 serve_max=") == true,
                "\(lines)")
        #expect(lines.contains { $0.hasPrefix("PASSED (WARNING) signed.test. ") })
        #expect(lines.contains("  warning: signed, but no trust anchor was given (--trust-anchor): the answers were not validated"))
    }

    @Test func badInputIsUnknown() async throws {
        let missing = try await DNSWardBinary.run(["drill", "--zones-dir", directory + "/nothing", "--no-history"])
        #expect(missing.status == 3 && missing.standardOutput.hasPrefix("DRILL UNKNOWN - no zones to drill"))
        let anchor = try await DNSWardBinary.run(["drill", "--zones-dir", zones, "--trust-anchor", directory + "/no.key", "--no-history"])
        #expect(anchor.status == 3 && anchor.standardOutput.contains("--trust-anchor"))
        let option = try await DNSWardBinary.run(["drill", "--no-such-option"])
        #expect(option.status == 3 && option.standardOutput.hasPrefix("DRILL UNKNOWN - "))
    }
}
