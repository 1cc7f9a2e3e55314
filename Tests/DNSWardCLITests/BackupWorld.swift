import DNSCore
import DNSWardTestKit
import Foundation
import Platform
import Model

/// A temporary directory with a snapshot store, root hints that lead nowhere (every
/// server is given with `--server`, so no parent DS can be fetched: `--no-chain-check`),
/// and `dnsward snapshot` / `verify` run against it.
struct BackupWorld: Sendable {
    let directory: String
    var zones: String { directory + "/zones" }
    var hints: String { directory + "/root.hints" }

    init() throws {
        directory = NSTemporaryDirectory() + "dnsward-cli-backup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try ". 3600 IN NS none.\nnone. 3600 IN A 127.61.0.250\n".write(toFile: hints, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    func snapshot(_ zone: DomainName, from server: ZoneServer, _ extra: [String] = []) async throws -> Subprocess.Result {
        try await snapshot(["--zone", zone.description, "--server", server.address.description] + extra)
    }

    func snapshot(_ arguments: [String]) async throws -> Subprocess.Result {
        try await Subprocess.run(DNSWardBinary.path, ["snapshot", "--root-hints", hints, "--zones-dir", zones, "--no-chain-check"] + arguments,
                                   timeout: .seconds(60))
    }

    /// `verify` bounded in time: a hang is a result, not a stuck test run.
    func verify(_ arguments: [String] = []) async throws -> Subprocess.Result {
        try await Subprocess.run(DNSWardBinary.path, ["verify", "--zones-dir", zones] + arguments, timeout: .seconds(30))
    }

    func latestTarget(_ zone: DomainName) -> String? {
        SnapshotStore.linkTarget(SnapshotStore(root: zones).directory(for: zone) + "/latest")
    }

    func zoneDirectory(_ zone: DomainName) -> String {
        SnapshotStore(root: zones).directory(for: zone)
    }
}
