@testable import Backup
import DNSCore
import DNSWardTestKit
import Foundation
import Testing
import Platform
import Model

/// One snapshot per zone directory at a time (issue 7, item 3).
@Suite(.serialized) struct ZoneLockTests {
    static let zone: DomainName = "locked.test."

    @Test func aSecondRunWaitsThenStopsWithoutChangingAnything() async throws {
        let setup = ZoneServer.Setup(zone: Self.zone, text: ZoneServer.zoneText(Self.zone, serial: 7, hosts: 50))
        try await withZoneServer(setup) { server in
            let harness = try BackupHarness(lockWait: .milliseconds(600))
            let first = try await harness.snapshot(Self.zone, from: [server.server])
            #expect(first.promoted)
            let directory = harness.store.directory(for: Self.zone)
            let before = try Directory.entries(directory).sorted()

            do {
                // Another run holds the zone's directory.
                let held = try await DirectoryLock.acquire(directory, wait: .seconds(1), busy: "test")
                defer { withExtendedLifetime(held) {} }
                let clock = ContinuousClock()
                let start = clock.now
                let error = await #expect(throws: DNSCoreError.self) {
                    try await harness.snapshot(Self.zone, from: [server.server])
                }
                #expect(clock.now - start >= .milliseconds(500), "it waited before giving up")
                #expect(error?.code == .locked)
                #expect(error?.reason.contains("another dnsward snapshot of locked.test. is running") == true)
                #expect(try Directory.entries(directory).sorted() == before)
            }

            // Released, the next run goes ahead.
            #expect(try await harness.snapshot(Self.zone, from: [server.server]).promoted)
        }
    }

    /// The waiting run takes the lock as soon as the first one ends.
    @Test func aWaitingRunGoesAheadWhenTheLockIsFreed() async throws {
        let setup = ZoneServer.Setup(zone: Self.zone, text: ZoneServer.zoneText(Self.zone, serial: 7, hosts: 50))
        try await withZoneServer(setup) { server in
            let harness = try BackupHarness(lockWait: .seconds(5))
            try Directory.create(harness.store.directory(for: Self.zone))
            var held: DirectoryLock? = try await DirectoryLock.acquire(harness.store.directory(for: Self.zone), wait: .seconds(1), busy: "test")
            async let run = harness.snapshot(Self.zone, from: [server.server])
            try await Task.sleep(for: .milliseconds(300))
            withExtendedLifetime(held) {}
            held = nil
            #expect(try await run.promoted)
        }
    }
}
