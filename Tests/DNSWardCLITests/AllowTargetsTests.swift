import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Platform

/// The target allow-list as a user meets it: a probe or a snapshot that forgets
/// --root-hints stops at once with a clear error instead of asking the real root servers.
/// The binaries inherit the test process's DNSWARD_ALLOW_TARGETS (loopback only); the
/// network namespace the tests run in has no route out either, so a missing check would
/// show as "network unreachable", never as this error.
@Suite struct AllowTargetsTests {
    let directory = NSTemporaryDirectory() + "dnsward-allow-\(UUID().uuidString)"
    static let refusal = "198.41.0.4, 2001:503:ba3e::2:30, 170.247.170.2"
    static let list = "is outside the target allow-list 127.0.0.0/8, ::1 (DNSWARD_ALLOW_TARGETS); nothing was sent"

    @Test func probeWithoutRootHintsNamesTheAllowList() async throws {
        #expect(TestTargets.allowList == "127.0.0.0/8, ::1")
        // "nothing was sent" and no "unreachable" show that it stopped before any packet:
        // no wall-clock bound needed, which would only measure the machine's load.
        let result = try await DNSWardBinary.run("probe", "--zone", "healthy.test", "--no-history")
        #expect(result.status == 2, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("AUTH-DELEGATION"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("every address (\(Self.refusal)"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains(Self.list + " (these are the IANA root servers: give --root-hints?)"))
        #expect(!result.standardOutput.contains("unreachable"))
    }

    /// The walk's reason reaches the output once the snapshotter reports it (it says only
    /// "the delegation walk failed" today); what matters here is that it stops and writes nothing.
    @Test func snapshotWithoutRootHintsFailsAndWritesNothing() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try await DNSWardBinary.run("snapshot", "--zone", "healthy.test", "--zones-dir", directory + "/zones")
        #expect(result.status == 2, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("FAILED healthy.test.: cannot find the servers of healthy.test."))
        let left = (try? FileManager.default.subpathsOfDirectory(atPath: directory + "/zones")) ?? []
        #expect(left.allSatisfy { !$0.hasSuffix(".zone") && !$0.hasSuffix(".json") }, "\(left)")
    }

    /// A transfer (its own blocking TCP connection) is refused the same way.
    @Test func transferFromAnOutsideServerIsRefusedBeforeConnecting() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try await DNSWardBinary.run("snapshot", "--zone", "healthy.test", "--zones-dir", directory + "/zones",
                                                 "--server", "198.41.0.4", "--no-harvest")
        #expect(result.status == 2)
        #expect(result.standardOutput.contains(
            "AXFR . 198.41.0.4: 198.41.0.4 is outside the target allow-list 127.0.0.0/8, ::1 (DNSWARD_ALLOW_TARGETS): nothing was sent over TCP"),
            "\(result.standardOutput)")
    }

    /// `allow_targets` narrows further than the environment: the lab's own address is
    /// refused when the configuration allows only another network.
    @Test func configurationNarrowsTheTargets() async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = directory + "/dnsward.yml"
        try "allow_targets: [127.60.0.0/16, \"::1\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try await DNSWardBinary.run("query", "www.healthy.test", "@127.53.2.1", "--config", config, "--format", "json")
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["code"] as? String == "targetNotAllowed")
        #expect(error["message"] as? String
            == "127.53.2.1 is outside the target allow-list 127.60.0.0/16, ::1 (allow_targets in \(config)): nothing was sent over UDP")
    }

    @Test(arguments: [
        ("allow_targets: [127.0.0.0/33]\n", ":1: allow_targets: not an address prefix: '127.0.0.0/33' (the length after / must be 0 to 32)"),
        ("allow_targets: []\n", ":1: allow_targets: no address prefix given"),
        ("allow_targets: localhost\n", ":1: allow_targets: not an address prefix: 'localhost'"),
    ])
    func badAllowListsAreConfigErrors(yaml: String, expected: String) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = directory + "/dnsward.yml"
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try await DNSWardBinary.run("check-config", "--config", config)
        #expect(result.status == 3)
        #expect(result.standardError.contains(config + expected), "\(result.standardError)")
    }
}
