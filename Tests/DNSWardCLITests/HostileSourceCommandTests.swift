import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Platform

/// `dnsward snapshot` and `verify` against sources that must not become a backup quietly:
/// a forgery whose parent cannot be asked, a transfer that never ends.
@Suite(.serialized) struct HostileSourceCommandTests {
    let directory = NSTemporaryDirectory() + "dnsward-hostile-\(UUID().uuidString)"
    var zones: String { directory + "/zones" }

    /// Root hints naming a server that does not exist: every delegation walk fails.
    func deadRootHints() throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/dead.hints"
        try ".\t3600000\tIN\tNS\tnone.\nnone.\t3600000\tIN\tA\t127.61.0.9\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let forgery = """
        $ORIGIN signed.test.
        $TTL 300
        @       IN SOA  ns1.signed.test. hostmaster.signed.test. 2026112401 3600 900 604800 60
        @       IN NS   ns1
        ns1     IN A    127.53.2.1
        www     IN A    198.51.100.66

        """

    @Test func aForgeryWithoutItsParentsDSIsRefusedOrKeptMarked() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let hints = try deadRootHints()
        try await withZoneNSD(zone: "signed.test.", zoneFile: Self.forgery) { server in
            let base = ["snapshot", "--zone", "signed.test", "--server", server.description, "--root-hints", hints,
                        "--zones-dir", zones, "--no-harvest"]
            let refused = try await DNSWardBinary.run(base)
            #expect(refused.status == 1, "\(refused.standardOutput)\(refused.standardError)")
            #expect(refused.standardOutput.contains("REFUSED signed.test.") && refused.standardOutput.contains("chain of trust is not checked"),
                    "\(refused.standardOutput)")

            let kept = try await DNSWardBinary.run(base + ["--no-chain-check"])
            #expect(kept.status == 0, "\(kept.standardOutput)\(kept.standardError)")
            #expect(kept.standardOutput.contains("OK signed.test.") && kept.standardOutput.contains("(chain not checked)"))

            let verify = try await DNSWardBinary.run("verify", "--zones-dir", zones)
            #expect(verify.status == 0, "\(verify.standardOutput)")
            #expect(verify.standardOutput.contains("SERVABLE signed.test. ") && verify.standardOutput.contains("(latest) (chain not checked)"),
                    "\(verify.standardOutput)")
            let json = try await DNSWardBinary.run("verify", "--zones-dir", zones, "--format", "json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
            let latest = try #require((object["snapshots"] as? [[String: Any]])?.first { $0["isLatest"] as? Bool == true })
            #expect(latest["chainChecked"] as? Bool == false)
            let manifest = try String(contentsOfFile: zones + "/signed.test/" + FileManager.default
                .destinationOfSymbolicLink(atPath: zones + "/signed.test/latest").replacingOccurrences(of: ".zone", with: ".json"),
                encoding: .utf8)
            #expect(manifest.contains("\"chainChecked\" : false"))
        }
    }

    @Test func aTricklingTransferEndsAtMaxTransferSeconds() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let zone: DomainName = "slow.test."
        let script: ScriptedAXFRServer.Script = { query, connection in
            // Left alone it would take 30 s.
            let records = try ScriptedAXFRServer.zone(zone, serial: 1, hosts: 120)
            try connection.send(ScriptedAXFRServer.answer(query, Array(records[..<3])))
            for record in records[3...] {
                Thread.sleep(forTimeInterval: 0.25)
                try connection.send(ScriptedAXFRServer.answer(query, [record]))
            }
        }
        let hints = try deadRootHints()
        try await withScriptedAXFRServer(script: script) { server in
            let started = ContinuousClock.now
            let result = try await DNSWardBinary.run(
                "snapshot", "--zone", "slow.test", "--server", server.description, "--root-hints", hints, "--zones-dir", zones,
                "--no-harvest", "--no-chain-check", "--max-transfer-seconds", "1")
            #expect(ContinuousClock.now - started < .seconds(20))
            #expect(result.status == 2, "\(result.standardOutput)\(result.standardError)")
            #expect(result.standardOutput.contains("FAILED slow.test.") && result.standardOutput.contains("transfer stopped after")
                    && result.standardOutput.contains("limit 1.0 s"), "\(result.standardOutput)")
            let left = (try? FileManager.default.contentsOfDirectory(atPath: zones + "/slow.test")) ?? []
            #expect(!left.contains { $0.hasPrefix(".") || $0 == "latest" }, "\(left)")
        }
    }

    @Test(arguments: [["--max-transfer-seconds", "nan"], ["--max-transfer-seconds", "0"], ["--max-transfer-records", "0"],
                      ["--max-transfer-bytes", "0"], ["--max-transfer-seconds", "inf"]])
    func badTransferLimitsExitThree(arguments: [String]) async throws {
        let result = try await DNSWardBinary.run(["snapshot", "--zone", "healthy.test", "--zones-dir", zones] + arguments)
        #expect(result.status == 3, "\(result.standardOutput)\(result.standardError)")
    }
}

/// With the lab's root the walk reaches the real parent, whose DS unmasks the forgery.
@Suite(.serialized, .lab) struct ForgeryAgainstTheLabTests {
    @Test func theParentsDSRefusesAnUnsignedForgery() async throws {
        let directory = NSTemporaryDirectory() + "dnsward-forgery-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withZoneNSD(zone: "signed.test.", zoneFile: HostileSourceCommandTests.forgery) { server in
            let result = try await DNSWardBinary.run(
                "snapshot", "--zone", "signed.test", "--server", server.description, "--root-hints", Lab.rootHintsPath,
                "--zones-dir", directory + "/zones", "--no-harvest")
            #expect(result.status == 1, "\(result.standardOutput)\(result.standardError)")
            #expect(result.standardOutput.contains("the parent has DS records but the snapshot carries no signatures"), "\(result.standardOutput)")
            #expect(!result.standardOutput.contains("chain of trust is not checked"))
        }
    }
}
