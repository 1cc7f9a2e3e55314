import DNSCore
import DNSWardTestKit
import Foundation
import Restore
import Testing
import Platform
import Model
import ServerControl

/// One restore at a time per resolver directory, for Unbound and BIND alike (issue 7,
/// item 3): a second apply waits, then stops before it changes anything.
@Suite(.serialized)
struct RestoreLockTests {
    @Test func unboundApplyWaitsForTheDirectoryThenStops() async throws {
        try await withRestoreLab { lab in
            let zone = RestoreLab.unsignedZone
            try await RestoreLabSnapshot.take(zone, lab: lab)
            let snapshot = try RestoreSnapshot.load(from: SnapshotStore(root: lab.storeDirectory), zone: zone)
            var restorer = UnboundRestorer(control: try UnboundControl(configPath: lab.unboundConfig),
                                           includeDirectory: lab.includeDirectory,
                                           verifier: RestoreVerifier(resolver: RestoreLab.resolver))
            restorer.lockWait = .milliseconds(500)
            do {
                let held = try await DirectoryLock.acquire(lab.includeDirectory, wait: .seconds(1), busy: "test")
                defer { withExtendedLifetime(held) {} }
                let error = await #expect(throws: RestoreError.self) { try await restorer.apply(snapshot) }
                #expect(error?.kind == .busy)
                #expect(error?.message.contains("another dnsward restore is working in \(lab.includeDirectory)") == true)
                #expect(try FileManager.default.contentsOfDirectory(atPath: lab.includeDirectory).isEmpty, "nothing was changed")

                // The command line says the same, with exit 3 and kind `busy`.
                let cli = try await Subprocess.run(RestoreCLITests.binary, ["restore"] + RestoreCLITests.lab(lab, zone)
                    + ["--to", "unbound", "--apply", "--format", "json"], timeout: .seconds(60))
                #expect(cli.status == 3, "\(cli.standardOutput)")
                #expect(cli.standardOutput.contains("\"kind\" : \"busy\""), "\(cli.standardOutput)")
            }
            #expect(try await restorer.apply(snapshot).outcome == .applied)
        }
    }

    @Test func bindApplyAndUndoTakeTheLockToo() async throws {
        try await withRestoreLab { lab in
            let zone = RestoreLab.unsignedZone
            try await RestoreLabSnapshot.take(zone, lab: lab)
            let snapshot = try RestoreSnapshot.load(from: SnapshotStore(root: lab.storeDirectory), zone: zone)
            try await withBINDResolver { bind in
                var restorer = BINDRestorer(rndc: try #require(RNDC(arguments: bind.rndcArguments)),
                                            directory: bind.directory + "/zones", verifier: RestoreVerifier(resolver: BINDResolver.address))
                restorer.lockWait = .milliseconds(500)
                let before = try FileManager.default.contentsOfDirectory(atPath: restorer.directory).sorted()
                do {
                    let held = try await DirectoryLock.acquire(restorer.directory, wait: .seconds(1), busy: "test")
                    defer { withExtendedLifetime(held) {} }
                    let applied = await #expect(throws: RestoreError.self) { try await restorer.apply(snapshot) }
                    #expect(applied?.kind == .busy)
                    let undone = await #expect(throws: RestoreError.self) { try await restorer.undo(zone: zone) }
                    #expect(undone?.kind == .busy)
                    #expect(try FileManager.default.contentsOfDirectory(atPath: restorer.directory).sorted() == before)
                }
                #expect(try await restorer.apply(snapshot).outcome == .applied)
                #expect(try await restorer.undo(zone: zone).outcome == .undone)
            }
        }
    }
}

/// The root zone and the zone `root.` never share a fragment or a zone copy name.
struct FragmentNamingRootTests {
    @Test func theRootAndTheZoneNamedRootHaveTheirOwnFiles() {
        let named: DomainName = "root."
        #expect(FragmentNaming.fragmentName(for: .root, resolver: .unbound) == "dnsward-root.conf")
        #expect(FragmentNaming.fragmentName(for: named, resolver: .unbound) != FragmentNaming.fragmentName(for: .root, resolver: .unbound))
        #expect(!FragmentNaming.isZoneCopy("dnsward-root@1-ab.zone", of: named))
        #expect(!FragmentNaming.isZoneCopy("dnsward-root.@1-ab.zone", of: .root))
        #expect(FragmentNaming.isZoneCopy("dnsward-root.@1-ab.zone", of: named))
    }
}
