public import DNSCore
public import Foundation
#if canImport(Glibc)
import Glibc
#endif
public import Platform
public import Model

/// Snapshots for restore tests, taken the way `dnsward snapshot` lays them out (zone file,
/// JSON manifest, `latest` link in a `SnapshotStore`) but without its verification: the
/// tests decide what the manifest says, to see restore trust or refuse it.
public enum RestoreLabSnapshot {
    /// Transfers `zone` from the lab's NSD and stores it. `edit` changes the records before
    /// they are written (a forged copy whose manifest still looks right); `method: .harvest`
    /// with an `edit` that keeps a few names makes a partial copy. `usableUntil` replaces
    /// the earliest RRSIG expiration (to make an expired copy).
    @discardableResult
    public static func take(
        _ zone: DomainName, lab: RestoreLab, method: SnapshotManifest.Method = .axfr, passed: Bool = true,
        usableUntil: Date? = nil, edit: (@Sendable ([ResourceRecord]) -> [ResourceRecord])? = nil
    ) async throws -> SnapshotManifest {
        let started = Date()
        let collected = RecordBox()
        let summary = try await AXFRClient().transfer(zone: zone, from: RestoreLab.authority) { records in
            collected.append(records)
        }
        var records = collected.records
        if let edit { records = edit(records) }

        let store = SnapshotStore(root: lab.storeDirectory)
        let directory = store.directory(for: zone)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let serial = summary.soa.soa?.serial.rawValue ?? 0
        var time = started
        var file = SnapshotStore.fileName(time: time, serial: serial)
        while FileManager.default.fileExists(atPath: directory + "/" + file) {
            time += 1
            file = SnapshotStore.fileName(time: time, serial: serial)
        }
        let path = directory + "/" + file
        try ZoneFileWriter.write(records, to: path)
        let sha256 = try sha256sum(path)

        let expirations = records.compactMap { $0.rrsig?.expiration }.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        let signed = records.contains { $0.type == .dnskey }
        let manifest = SnapshotManifest(
            zone: zone.description, serial: serial, file: file, sha256: sha256, recordCount: records.count,
            method: method, sourceServer: "nsd", sourceAddress: RestoreLab.authority.description,
            started: started, finished: Date(), signed: signed,
            usableUntil: usableUntil ?? expirations.min(),
            verification: SnapshotManifest.Verification(
                passed: passed, problems: passed ? [] : ["test: marked as failed"], notes: [],
                dnssec: signed ? "valid" : "unsigned", zonemd: "absent", recordsAdded: 0, recordsRemoved: 0))
        try DurableFile.write(Array(try SnapshotManifest.encoder.encode(manifest)), to: store.manifestPath(forZoneFile: path))
        let link = directory + "/latest"
        unlink(link)
        guard symlink(file, link) == 0 else {
            throw LabControl.Failure(command: "symlink \(link)", status: errno, output: "cannot point latest at \(file)")
        }
        return manifest
    }

    /// The SHA-256 of a file by coreutils, independent of dnsward's own hashing.
    public static func sha256sum(_ path: String) throws -> String {
        let output = try LabControl.runProcessBlocking("/usr/bin/sha256sum", ["--", path])
        return String(output.prefix { $0 != " " })
    }
}

/// Collects records from the transfer thread.
final class RecordBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [ResourceRecord] = []

    func append(_ records: [ResourceRecord]) {
        lock.withLock { stored += records }
    }

    var records: [ResourceRecord] { lock.withLock { stored } }
}
