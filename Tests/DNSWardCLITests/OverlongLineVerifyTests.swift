import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Platform

/// A copy whose last line ldns cannot read (longer than its 10,230-character lines) fails
/// `verify`, naming the file and the line, even with a manifest hash that matches it.
@Suite(.serialized) struct OverlongLineVerifyTests {
    static let zone: DomainName = "overlong.test."

    @Test func anOverlongLastLineFailsVerify() async throws {
        let world = try BackupWorld()
        defer { world.remove() }
        let setup = ZoneServer.Setup(zone: Self.zone, text: ZoneServer.zoneText(Self.zone, serial: 3, hosts: 10))
        try await withZoneServer(setup) { server in
            #expect(try await world.snapshot(Self.zone, from: server).status == 0)
            #expect(try await world.verify().standardOutput.contains("SERVABLE overlong.test. "))
            let target = try #require(world.latestTarget(Self.zone))
            let path = world.zoneDirectory(Self.zone) + "/" + target
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let line = text.filter { $0 == "\n" }.count + 1
            try (text + String(repeating: "x", count: 11_000) + ".overlong.test. 300 IN A 192.0.2.2")
                .write(toFile: path, atomically: false, encoding: .utf8)
            let manifestPath = path.replacingOccurrences(of: ".zone", with: ".json")
            let manifest = try String(contentsOfFile: manifestPath, encoding: .utf8)
            let oldHash = try #require(manifest.firstMatch(of: /"sha256" : "([0-9a-f]{64})"/)?.1)
            try manifest.replacingOccurrences(of: String(oldHash), with: try SHA256Digest.file(path))
                .write(toFile: manifestPath, atomically: false, encoding: .utf8)

            let verify = try await world.verify()
            #expect(verify.status == 2, "\(verify.standardOutput)")
            #expect(verify.standardOutput.contains("FAILED overlong.test. "), "\(verify.standardOutput)")
            #expect(!verify.standardOutput.contains("SERVABLE"), "\(verify.standardOutput)")
            #expect(verify.standardOutput.contains("\(path):\(line): "), "\(verify.standardOutput)")
            #expect(!verify.standardOutput.contains("SHA-256"), "\(verify.standardOutput)")
        }
    }
}
