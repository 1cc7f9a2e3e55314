@testable import Backup
import DNSCore
import DNSWardTestKit
import Foundation
import Model

/// A store in a temporary directory and a snapshotter that takes zones from the servers a
/// test gives (`ZoneServer`), with root hints that lead nowhere: no lab needed (and no
/// parent DS, so copies are kept unchecked, as `--no-chain-check` asks).
struct BackupHarness: Sendable {
    let directory: TemporaryDirectory
    let store: SnapshotStore
    let snapshotter: Snapshotter

    init(storeBelow subdirectory: String = "zones", axfrTimeout: Duration = .seconds(5), lockWait: Duration = .seconds(5)) throws {
        try self.init(rootHints: try Self.deadRoot("127.61.0.250"), storeBelow: subdirectory, axfrTimeout: axfrTimeout, lockWait: lockWait)
    }

    /// The same, walking from `rootHints` (the lab's, or a dead root of the test's own)
    /// with `queryTimeout` for each query.
    init(rootHints: RootHints, queryTimeout: Duration = .seconds(1), storeBelow subdirectory: String = "zones",
         axfrTimeout: Duration = .seconds(5), lockWait: Duration = .seconds(5)) throws {
        directory = try TemporaryDirectory()
        store = SnapshotStore(root: directory.path + "/" + subdirectory)
        let client = DNSClient(options: QueryOptions(timeout: queryTimeout, udpRetries: 0))
        snapshotter = Snapshotter(store: store, client: client, walker: DelegationWalker(client: client, rootHints: rootHints),
                                  axfrTimeout: axfrTimeout, lockWait: lockWait)
    }

    /// A root served by nobody at `host`: no parent DS can ever be fetched.
    static func deadRoot(_ host: String) throws -> RootHints {
        RootHints(servers: [NameServer(name: "none.", addresses: [try ServerAddress(host: host)])])
    }

    func snapshot(_ zone: DomainName, from servers: [NameServer], allowHarvestOverAXFR: Bool = false,
                  retention: RetentionPolicy = RetentionPolicy(), tsig: TSIGKey? = nil) async throws -> SnapshotResult {
        try await snapshotter.snapshot(SnapshotRequest(
            zone: zone, servers: servers, critical: [(try zone.prepending("www"), .a)],
            allowHarvestOverAXFR: allowHarvestOverAXFR, retention: retention, tsig: tsig, requireChainOfTrust: false))
    }

    /// The bytes of a file, to show that something did not change at all.
    static func bytes(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path)
    }

    /// Waits until the clock is just past a second boundary, so two quick runs that follow
    /// start within the same second (the store's names have second resolution).
    static func alignToSecond() async throws {
        let fraction = Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 1)
        try await Task.sleep(for: .milliseconds(Int((1 - fraction) * 1000) + 5))
    }
}
