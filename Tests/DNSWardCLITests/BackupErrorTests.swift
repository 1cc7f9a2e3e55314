import DNSCore
import DNSWardTestKit
import Foundation
import Glibc
import Testing
import Platform

/// Clear errors of `snapshot`, `verify` and `restore` (issue 7, "Clear errors").
@Suite(.serialized) struct BackupErrorTests {
    static let zone: DomainName = "clear.test."
    static let setup = ZoneServer.Setup(zone: zone, text: ZoneServer.zoneText(zone, serial: 3, hosts: 20))

    @Test func verifySkipsWhatIsNotAZoneDirectory() async throws {
        let world = try BackupWorld()
        defer { world.remove() }
        try await withZoneServer(Self.setup) { server in
            #expect(try await world.snapshot(Self.zone, from: server).status == 0)
            for name in [".git", "lost+found", "empty.test"] {
                try FileManager.default.createDirectory(atPath: world.zones + "/" + name, withIntermediateDirectories: true)
            }
            try "stray\n".write(toFile: world.zones + "/README", atomically: true, encoding: .utf8)
            let verify = try await world.verify()
            #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
            #expect(verify.standardOutput.contains("SERVABLE clear.test. "))
            for name in [".git", "lost+found", "README"] {
                #expect(verify.standardOutput.contains("note: \(world.zones)/\(name): not a"), "\(name): \(verify.standardOutput)")
            }
            #expect(verify.standardOutput.contains("note: \(world.zones)/empty.test: no snapshots in it, ignored"))
        }
    }

    @Test func verifyHonoursTheConfiguration() async throws {
        let world = try BackupWorld()
        defer { world.remove() }
        try await withZoneServer(Self.setup) { server in
            #expect(try await world.snapshot(Self.zone, from: server).status == 0)
            let other: DomainName = "other.test."
            let otherSetup = ZoneServer.Setup(zone: other, text: ZoneServer.zoneText(other, serial: 1, hosts: 3))
            try await server.restart(with: otherSetup)
            #expect(try await world.snapshot(other, from: server).status == 0)
            try FileManager.default.removeItem(atPath: world.zoneDirectory(other) + "/latest")

            let config = world.directory + "/dnsward.yml"
            try "zones_dir: \(world.zones)\nzones:\n  - name: clear.test\n".write(toFile: config, atomically: true, encoding: .utf8)
            // No --zones-dir: the configuration's store; only the configuration's zones.
            let verify = try await Subprocess.run(DNSWardBinary.path, ["verify", "--config", config], timeout: .seconds(30))
            #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
            #expect(verify.standardOutput.contains("SERVABLE clear.test. "))
            #expect(!verify.standardOutput.contains("other.test"), "a zone outside the configuration: \(verify.standardOutput)")

            try "zones_dir: \(world.zones)\nzones:\n  - name: clear.test\n  - name: missing.test\n".write(toFile: config, atomically: true, encoding: .utf8)
            let missing = try await Subprocess.run(DNSWardBinary.path, ["verify", "--config", config], timeout: .seconds(30))
            #expect(missing.status == 2)
            #expect(missing.standardOutput.contains("FAILED missing.test. -"))
        }
    }

    @Test func aFailedSnapshotOfAMisspelledZoneLeavesNothing() async throws {
        let world = try BackupWorld()
        defer { world.remove() }
        try await withZoneServer(Self.setup) { server in
            #expect(try await world.snapshot(Self.zone, from: server).status == 0)
            let typo = try await world.snapshot("clera.test.", from: server)
            #expect(typo.status == 2, "\(typo.standardOutput)")
            #expect(!FileManager.default.fileExists(atPath: world.zones + "/clera.test"))
            // A directory an older dnsward left this way is a note, not a failure forever.
            try FileManager.default.createDirectory(atPath: world.zones + "/clera.test", withIntermediateDirectories: true)
            let verify = try await world.verify()
            #expect(verify.status == 0, "\(verify.standardOutput)")
        }
    }

    @Test func anEmptyZoneNameIsRefused() async throws {
        let world = try BackupWorld()
        defer { world.remove() }
        let snapshot = try await world.snapshot(["--zone", "", "--server", "127.61.0.250"])
        #expect(snapshot.status == 3)
        #expect(snapshot.standardError.contains("--zone '': not a domain name (empty name (the root zone is written '.'))"),
                "\(snapshot.standardError)")
        let verify = try await world.verify(["--zone", ""])
        #expect(verify.status == 3 && verify.standardError.contains("empty name"))
        let restore = try await Subprocess.run(DNSWardBinary.path, ["restore", "--zone", "", "--to", "unbound", "--zones-dir", world.zones])
        #expect(restore.status == 3 && restore.standardOutput.contains("empty name"), "\(restore.standardOutput)")
        let config = world.directory + "/empty.yml"
        try "zones:\n  - name: \"\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let check = try await Subprocess.run(DNSWardBinary.path, ["check-config", "--config", config])
        #expect(check.status != 0 && (check.standardOutput + check.standardError).contains("empty name"))
    }

    @Test func aZonesDirThatIsAFileIsNamed() async throws {
        let world = try BackupWorld()
        defer { world.remove() }
        try "not a directory\n".write(toFile: world.zones, atomically: true, encoding: .utf8)
        let results = [
            try await world.snapshot(["--zone", "clear.test", "--server", "127.61.0.250"]),
            try await world.verify(),
            try await Subprocess.run(DNSWardBinary.path, ["restore", "--zone", "clear.test", "--to", "unbound", "--zones-dir", world.zones]),
        ]
        for result in results {
            let text = result.standardOutput + result.standardError
            #expect(result.status == 3, "\(text)")
            #expect(text.contains("--zones-dir \(world.zones): not a directory"), "\(text)")
            #expect(!text.contains("NSCocoaErrorDomain"), "\(text)")
        }
    }

    @Test func aTSIGFailureSaysTSIGAndHasItsOwnExitStatus() async throws {
        let world = try BackupWorld()
        defer { world.remove() }
        let secret = "K2tf3TRjvQkVCmJF3/Z9vA=="
        let setup = ZoneServer.Setup(zone: Self.zone, text: ZoneServer.zoneText(Self.zone, serial: 3, hosts: 20),
                                     provideXFR: ["127.0.0.0/8 transfer.key"], keys: [("transfer.key", secret)])
        try await withZoneServer(setup) { server in
            let good = try await world.snapshot(Self.zone, from: server, ["--tsig", "hmac-sha256:transfer.key:\(secret)"])
            #expect(good.status == 0, "\(good.standardOutput)")
            let wrong = try await world.snapshot(Self.zone, from: server, ["--tsig", "hmac-sha256:transfer.key:AAAAAAAAAAAAAAAAAAAAAA=="])
            #expect(wrong.status == 4, "\(wrong.standardOutput)")
            #expect(wrong.standardOutput.hasPrefix("FAILED (TSIG) clear.test.: TSIG authentication"), "\(wrong.standardOutput)")
            #expect(wrong.standardOutput.contains("BADSIG"))
            #expect(!wrong.standardOutput.contains("AXFR refused") && !wrong.standardOutput.contains("partial"))
        }
    }

    /// A harvest in place of a full copy only with the flag, and `verify` says so.
    @Test func verifySaysWhenLatestIsPartialInPlaceOfAFullCopy() async throws {
        let world = try BackupWorld()
        defer { world.remove() }
        try await withZoneServer(Self.setup) { server in
            #expect(try await world.snapshot(Self.zone, from: server).status == 0)
            var refusing = Self.setup
            refusing.provideXFR = []
            try await server.restart(with: refusing)
            let refused = try await world.snapshot(Self.zone, from: server)
            #expect(refused.status == 1, "\(refused.standardOutput)")
            #expect(refused.standardOutput.contains("may not replace the full copy"))
            #expect(refused.standardOutput.contains("kept in \(world.zoneDirectory(Self.zone))/refused/"))
            let allowed = try await world.snapshot(Self.zone, from: server, ["--allow-harvest-over-axfr"])
            #expect(allowed.status == 0, "\(allowed.standardOutput)")
            #expect(allowed.standardOutput.contains("(partial: AXFR refused by every server: "))
            let verify = try await world.verify()
            #expect(verify.status == 1, "\(verify.standardOutput)")
            #expect(verify.standardOutput.contains("(latest) (partial)"))
            #expect(verify.standardOutput.contains("took the place of the full copy"))
        }
    }
}
