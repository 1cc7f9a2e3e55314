import DNSCore
import DNSWardTestKit
import Foundation
import Restore
import Testing
import Platform
import Model
import ServerControl

/// `rndc addzone` / `delzone` against a real BIND resolver.
@Suite(.serialized)
struct BINDRestoreTests {
    @Test func applyVerifyAndUndoInBIND() async throws {
        try await withRestoreLab { lab in
            let zone = RestoreLab.unsignedZone
            let www = try zone.prepending("www")
            let snapshot = try await RestoreCLITests.snapshotByCLI(zone, lab)
            #expect(snapshot.status == 0, "\(snapshot.standardOutput)\(snapshot.standardError)")
            try await withBINDResolver { bind in
                let client = DNSClient(options: QueryOptions(timeout: .seconds(3), udpRetries: 0))
                func resolves() async -> Bool {
                    guard let answer = try? await client.query(www, .a, at: BINDResolver.address, recursionDesired: true) else { return false }
                    return answer.message.rcode == .noError && !answer.message.answers(.a, for: www).isEmpty
                }
                // The authorities go down; the resolver has nothing cached.
                try lab.stopAuthority()
                #expect(!(await resolves()))
                let restorer = BINDRestorer(rndc: try #require(RNDC(arguments: bind.rndcArguments)),
                                            directory: bind.directory + "/zones", verifier: RestoreVerifier(resolver: BINDResolver.address))
                let loaded = try RestoreSnapshot.load(from: SnapshotStore(root: lab.storeDirectory), zone: zone)
                let report = try await restorer.apply(loaded, critical: CriticalQuestion.defaults(for: zone) + [CriticalQuestion(name: www, type: .a)])
                #expect(report.outcome == .applied, "\(report.failure ?? "") \(report.checks)")
                #expect(report.checks.count == 3 && report.checks.allSatisfy(\.passed))
                #expect(await resolves())
                let undone = try await restorer.undo(zone: zone)
                #expect(undone.outcome == .undone)
                #expect(!(await resolves()))
                #expect(try await restorer.undo(zone: zone).outcome == .nothingToUndo)

                // The same through the command line.
                let reach = ["--rndc-server", BINDResolver.controlAddress, "--rndc-port", BINDResolver.controlPort,
                             "--rndc-key", bind.directory + "/rndc.key"]
                let common = ["restore", "--zone", zone.description, "--to", "bind", "--zones-dir", lab.storeDirectory,
                              "--include-dir", bind.directory + "/zones", "--resolver", BINDResolver.address.description] + reach
                let applied = try await Subprocess.run(RestoreCLITests.binary, common + ["--apply", "--critical", "\(www)/A"])
                #expect(applied.status == 0, "\(applied.standardOutput)\(applied.standardError)")
                #expect(applied.standardOutput.hasPrefix("RESTORE OK \(zone) -> bind"), "\(applied.standardOutput)")
                #expect(await resolves())
                let cliUndo = try await Subprocess.run(RestoreCLITests.binary, common + ["--undo"])
                #expect(cliUndo.status == 0, "\(cliUndo.standardOutput)")
                #expect(!(await resolves()))
            }
        }
    }
}
