import DNSCore
import DNSWardTestKit
import Foundation
import History
import Model
import Platform
import Testing

/// Every command writes its result into the one history: what the report is built from.
@Suite(.serialized) struct HistoryEventTests {
    static let zone: DomainName = "events.test."

    @Test func snapshotsRefusalsAndVerificationsAreRecorded() async throws {
        let world = try BackupWorld()
        defer { world.remove() }
        let history = world.directory + "/history.sqlite"
        let full = ZoneServer.Setup(zone: Self.zone, text: ZoneServer.zoneText(Self.zone, serial: 3, hosts: 40))
        try await withZoneServer(full) { server in
            #expect(try await world.snapshot(Self.zone, from: server, ["--history", history]).status == 0)
            // The same serial with most of the zone gone: refused, and recorded as refused.
            try await server.restart(with: ZoneServer.Setup(zone: Self.zone, text: ZoneServer.zoneText(Self.zone, serial: 3, hosts: 2)))
            #expect(try await world.snapshot(Self.zone, from: server, ["--history", history]).status == 1)
            let verify = try await world.verify(["--history", history])
            #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
        }
        let events = try HistoryStore(path: history).snapshotEvents()
        #expect(events.map(\.kind) == [.taken, .refused, .verified])
        #expect(events.allSatisfy { $0.zone == Self.zone.description })
        #expect(events[0].serial == 3 && events[0].method == "axfr" && events[0].records == events[0].records)
        #expect(events[1].detail?.contains("gone since the last good snapshot") == true)
        #expect(events[2].status == "servable" && events[2].snapshot == events[0].snapshot)
    }

    @Test func aFailedSnapshotIsRecordedAndNoHistoryWritesNothing() async throws {
        let world = try BackupWorld()
        defer { world.remove() }
        let history = world.directory + "/history.sqlite"
        // Nothing listens there: no copy at all.
        #expect(try await world.snapshot(["--zone", Self.zone.description, "--server", "127.61.0.251", "--no-harvest",
                                          "--history", history]).status == 2)
        let events = try HistoryStore(path: history).snapshotEvents()
        #expect(events.map(\.kind) == [.failed])
        #expect(events.first?.detail?.isEmpty == false)

        let untouched = world.directory + "/untouched.sqlite"
        _ = try await world.snapshot(["--zone", Self.zone.description, "--server", "127.61.0.251", "--no-harvest",
                                      "--history", untouched, "--no-history"])
        #expect(!Directory.somethingExists(at: untouched))
    }
}
