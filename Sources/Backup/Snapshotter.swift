public import DNSCore
public import Foundation
public import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Takes a snapshot: transfer (or harvest), canonical write in bounded memory, verify,
/// and only then move `latest`. Every write goes to a temporary file in the zone's
/// directory, is fsynced and renamed; a failure or a kill at any moment leaves the
/// previous `latest` as it was.
public struct Snapshotter: Sendable {
    public let store: SnapshotStore
    public let client: DNSClient
    public let walker: DelegationWalker
    public let logger: Logger
    /// Called with the number of records received so far (for a progress bar).
    public let progress: (@Sendable (Int) -> Void)?
    public var axfrTimeout: Duration

    public init(store: SnapshotStore, client: DNSClient, walker: DelegationWalker, logger: Logger = Logger(label: "dnsward.backup"),
                axfrTimeout: Duration = .seconds(30), progress: (@Sendable (Int) -> Void)? = nil) {
        self.store = store
        self.client = client
        self.walker = walker
        self.logger = logger
        self.axfrTimeout = axfrTimeout
        self.progress = progress
    }

    public func snapshot(_ request: SnapshotRequest) async throws -> SnapshotResult {
        let zone = request.zone
        let started = Date()
        let directory = store.directory(for: zone)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        Self.removeStaleTemporaries(in: directory)

        var servers = request.servers
        let chain = await ChainOfTrust.find(zone, walker: walker)
        let delegationSigner = chain.delegationSigner
        if servers.isEmpty {
            guard let delegation = chain.delegation else {
                throw DNSCoreError(.resolution, "cannot find the servers of \(zone): the delegation walk failed: \(chain.notCheckedBecause ?? "")")
            }
            servers = try await resolveServers(delegation)
        }

        let temporary = directory + "/.tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).zone"
        defer { unlink(temporary) }
        var attempts: [String] = []
        var source: (server: NameServer, address: ServerAddress, method: SnapshotManifest.Method)?
        var sha256 = ""
        var written = 0

        let limits = request.transferLimits.limits(for: zone, in: store)
        transfer: for server in servers {
            for address in server.addresses {
                let sorter = ExternalSorter(directory: directory, apex: zone)
                do {
                    let progress = self.progress
                    _ = try await AXFRClient(timeout: axfrTimeout, limits: limits).transfer(zone: zone, from: address, tsig: request.tsig) { records in
                        for record in records { try sorter.append(record) }
                        progress?(sorter.received)
                    }
                    (written, sha256) = try Self.write(sorter, to: temporary)
                    source = (server, address, .axfr)
                    break transfer
                } catch let error as DNSCoreError where error.code == .fileAccess {
                    // Our own disk failing is not the server's fault: stop, keep the old copy.
                    throw error
                } catch {
                    attempts.append("AXFR \(server.name) \(address): \(error)")
                    unlink(temporary)
                    logger.debug("AXFR failed", metadata: ["zone": "\(zone)", "server": "\(address)", "error": "\(error)"])
                }
            }
        }
        if source == nil {
            guard request.allowHarvest else {
                throw DNSCoreError(.transfer, "no server transferred \(zone): " + attempts.joined(separator: "; "))
            }
            let harvested = try await Harvester(client: client).harvest(zone: zone, critical: request.critical, from: servers)
            let sorter = ExternalSorter(directory: directory, apex: zone)
            for record in harvested.records { try sorter.append(record) }
            (written, sha256) = try Self.write(sorter, to: temporary)
            source = (harvested.server, harvested.address, .harvest)
        }
        guard let source else { throw DNSCoreError(.transfer, "no source for \(zone)") }

        // Verify what is on disk, not what we meant to write.
        let verifier = SnapshotVerifier(zone: zone, delegationSigner: delegationSigner, partial: source.method == .harvest)
        let report = try verifier.verify(path: temporary)
        var problems = report.problems
        var notes: [String] = []
        chain.judge(required: request.requireChainOfTrust, problems: &problems, notes: &notes)
        if report.recordCount != written {
            problems.append("read back \(report.recordCount) records, wrote \(written)")
        }
        let previous = try store.latest(of: zone)
        var added = report.recordCount
        var removed = 0
        if let previous, let serial = report.serial {
            if SOASerial(previous.serial).compare(serial) == .greater {
                problems.append("serial \(serial) is older than the last good snapshot's \(previous.serial) (RFC 1982)")
            }
            let previousPath = store.zonePath(previous, zone: zone)
            if previous.method == source.method, let old = try? SnapshotVerifier(zone: zone, delegationSigner: [], partial: true)
                .verify(path: previousPath) {
                let kept = old.fingerprints.intersection(report.fingerprints).count
                removed = old.recordCount - kept
                added = report.recordCount - kept
                let loss = old.recordCount == 0 ? 0 : Double(removed) / Double(old.recordCount)
                if loss > request.maxRecordLoss {
                    problems.append(String(format: "%d of %d records (%.1f%%) gone since the last good snapshot (limit %.1f%%): refused as a truncated or hijacked copy",
                                           removed, old.recordCount, loss * 100, request.maxRecordLoss * 100))
                }
                if Set(old.nameServers) != Set(report.nameServers) {
                    notes.append("apex NS set changed: " + report.nameServers.map(\.description).sorted().joined(separator: " "))
                }
            }
            if let oldDS = previous.delegationSigner, Set(oldDS) != Set(delegationSigner.map(\.description)) {
                notes.append("the parent's DS set changed")
            }
        }

        let serial = report.serial?.rawValue ?? 0
        let fileName = SnapshotStore.fileName(time: started, serial: serial)
        let finalPath = directory + "/" + fileName
        let passed = problems.isEmpty
        let manifest = SnapshotManifest(
            zone: zone.description, serial: serial, file: fileName, sha256: sha256, recordCount: report.recordCount,
            method: source.method, sourceServer: source.server.name.description, sourceAddress: source.address.description,
            started: started, finished: Date(), signed: report.signed, usableUntil: report.usableUntil,
            verification: .init(passed: passed, problems: problems, notes: notes, dnssec: report.dnssec, zonemd: report.zonemd,
                                recordsAdded: added, recordsRemoved: removed))
        var stored = manifest
        stored.nameServers = report.nameServers.map(\.description)
        stored.delegationSigner = delegationSigner.map(\.description)
        stored.chainChecked = chain.checked(zone: zone)

        // The zone file first, then its manifest, then `latest`: a reader following
        // `latest` always finds both.
        guard rename(temporary, finalPath) == 0 else {
            throw DNSCoreError(.fileAccess, "cannot rename \(temporary) to \(finalPath): \(String(cString: strerror(errno)))")
        }
        try AtomicFile.write(Array(try SnapshotManifest.encoder.encode(stored)), to: store.manifestPath(forZoneFile: finalPath))
        var removedSnapshots: [String] = []
        if passed {
            try Self.pointLatest(in: directory, at: fileName)
            removedSnapshots = try Retention(store: store).apply(request.retention, zone: zone)
        }
        return SnapshotResult(manifest: stored, path: finalPath, promoted: passed, removed: removedSnapshots, attempts: attempts)
    }

    private func resolveServers(_ delegation: Delegation) async throws -> [NameServer] {
        var servers: [NameServer] = []
        for server in delegation.serversFromGlue {
            var addresses = server.addresses.map { (try? ServerAddress(host: $0.host, port: walker.port)) ?? $0 }
            if addresses.isEmpty { addresses = (try? await walker.addresses(of: server.name)) ?? [] }
            if !addresses.isEmpty { servers.append(NameServer(name: server.name, addresses: addresses)) }
        }
        return servers
    }

    /// The sorted records into `path`, fsynced; their count and the file's SHA-256.
    private static func write(_ sorter: ExternalSorter, to path: String) throws -> (count: Int, sha256: String) {
        let writer = try BufferedWriter(path: path)
        let count = try sorter.finish(into: writer)
        return (count, try writer.close(sync: true))
    }

    /// Moves `latest` with a symlink renamed over the old one: atomic on POSIX.
    static func pointLatest(in directory: String, at fileName: String) throws {
        let temporary = directory + "/.latest-\(getpid())"
        unlink(temporary)
        guard symlink(fileName, temporary) == 0 else {
            throw DNSCoreError(.fileAccess, "cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, directory + "/latest") == 0 else {
            unlink(temporary)
            throw DNSCoreError(.fileAccess, "cannot move \(directory)/latest: \(String(cString: strerror(errno)))")
        }
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    /// Temporary files of a snapshot that was killed: removed when their process is gone.
    static func removeStaleTemporaries(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(".tmp-") || name.hasPrefix(".chunk-") || name.hasPrefix(".latest-") {
            let parts = name.split(separator: "-")
            guard parts.count >= 2, let pid = Int32(parts[1].split(separator: ".").first ?? "") else { continue }
            if pid != getpid(), kill(pid, 0) != 0 { unlink(directory + "/" + name) }
        }
    }
}
