public import DNSCore
public import Foundation
public import Logging
import Platform
#if canImport(Glibc)
import Glibc
#endif
public import Model

/// Takes a snapshot: transfer (or harvest), canonical write in bounded memory, verify,
/// judge against the zone's good copies, and only then move `latest`. One run per zone at
/// a time (`ZoneWorkspace`). Every write goes to a temporary file in the zone's
/// directory, is fsynced and renamed; a refused copy goes to `refused/`; a failure or a
/// kill at any moment leaves the previous `latest` as it was.
public struct Snapshotter: Sendable {
    public let store: SnapshotStore
    public let client: DNSClient
    public let walker: DelegationWalker
    public let logger: Logger
    /// Called with the number of records received so far (for a progress bar).
    public let progress: (@Sendable (Int) -> Void)?
    public var axfrTimeout: Duration
    /// How long a run waits for another run of the same zone before it stops.
    public var lockWait: Duration
    /// When a run starts: the second of a copy's name. A test sets it to put two runs in
    /// one second however busy the machine is.
    public var clock: @Sendable () -> Date = { Date() }

    public init(store: SnapshotStore, client: DNSClient, walker: DelegationWalker, logger: Logger = Logger(label: "dnsward.backup"),
                axfrTimeout: Duration = .seconds(30), lockWait: Duration = .seconds(5), progress: (@Sendable (Int) -> Void)? = nil) {
        self.lockWait = lockWait
        self.store = store
        self.client = client
        self.walker = walker
        self.logger = logger
        self.axfrTimeout = axfrTimeout
        self.progress = progress
    }

    /// Errors are `DNSCoreError`s; the system layer's (a lock held, a full disk) included.
    public func snapshot(_ request: SnapshotRequest) async throws -> SnapshotResult {
        do {
            return try await takeLocked(request)
        } catch let error as SystemError {
            throw DNSCoreError(error)
        }
    }

    private func takeLocked(_ request: SnapshotRequest) async throws -> SnapshotResult {
        let started = clock()
        let moved = try await SnapshotStoreMigration(store: store, lockWait: lockWait).prepare(request.zone)
        let workspace = try await ZoneWorkspace.open(store: store, zone: request.zone, wait: lockWait)
        do {
            return try await take(request, in: workspace, started: started, notes: moved + workspace.notes)
        } catch {
            workspace.removeIfEmpty()
            throw error
        }
    }

    /// One snapshot inside the locked zone directory.
    private func take(_ request: SnapshotRequest, in workspace: ZoneWorkspace, started: Date, notes runNotes: [String]) async throws -> SnapshotResult {
        let zone = request.zone
        let (servers, chain) = try await sources(of: request)
        let delegationSigner = chain.delegationSigner
        let history = try SnapshotHistory(store: store, zone: zone)
        let temporary = workspace.temporaryZoneFile()
        defer { unlink(temporary) }

        var (copy, attempts) = try await transfer(request, from: servers, into: temporary, workspace: workspace)
        var partialReason: String?
        if copy == nil {
            let reason = try HarvestDecision.reason(for: attempts, request: request)
            copy = try await harvest(request, from: servers, into: temporary, workspace: workspace)
            partialReason = reason
        }
        guard let copy else { throw DNSCoreError(.transfer, "no source for \(zone)") }

        // Verify what is on disk, not what we meant to write.
        let report = try SnapshotVerifier(zone: zone, delegationSigner: delegationSigner, partial: copy.method == .harvest)
            .verify(path: temporary)
        var judgement = SnapshotJudgement(report: report, written: copy.written, method: copy.method, history: history,
                                          delegationSigner: delegationSigner, request: request, store: store)
        chain.judge(required: request.requireChainOfTrust, problems: &judgement.problems, notes: &judgement.notes)
        let passed = judgement.problems.isEmpty
        let placement = SnapshotPlacement(workspace: workspace)
        let folder = passed ? workspace.directory : workspace.refusedDirectory
        let serial = report.serial?.rawValue ?? 0
        let name = try placement.claim(temporary, in: folder, started: started, serial: serial)
        var manifest = SnapshotManifest(
            zone: zone.description, serial: serial, file: name.zoneFile, sha256: copy.sha256, recordCount: report.recordCount,
            method: copy.method, sourceServer: copy.server.name.description, sourceAddress: copy.address.description,
            started: started, finished: Date(), signed: report.signed, usableUntil: report.usableUntil,
            verification: .init(passed: passed, problems: judgement.problems, notes: judgement.notes, dnssec: report.dnssec,
                                zonemd: report.zonemd, recordsAdded: judgement.added, recordsRemoved: judgement.removed))
        manifest.nameServers = report.nameServers.map(\.description)
        manifest.delegationSigner = delegationSigner.map(\.description)
        manifest.chainChecked = chain.checked(zone: zone)
        try placement.writeManifest(manifest, named: name, in: folder)

        var retention = Retention.Outcome()
        if passed {
            try placement.pointLatest(at: name)
            retention = try Retention(store: store).apply(request.retention, zone: zone)
        } else {
            retention = try Retention(store: store).applyRefused(keep: request.retention.keepRefused, zone: zone)
        }
        return SnapshotResult(
            manifest: manifest, path: folder + "/" + name.zoneFile, promoted: passed, removed: retention.removed,
            attempts: attempts.map(\.line), partialReason: partialReason, previousLatest: history.latest?.id,
            warnings: Array(Set(history.warnings + retention.warnings)).sorted(), notes: runNotes)
    }

    /// Where the copy came from, its size and hash on disk.
    struct Copy {
        let server: NameServer
        let address: ServerAddress
        let method: SnapshotManifest.Method
        let written: Int
        let sha256: String
    }

    /// The servers to ask, and the parent's DS set as the walk found it (or why not).
    private func sources(of request: SnapshotRequest) async throws -> ([NameServer], ChainOfTrust) {
        let zone = request.zone
        var servers = request.servers
        let chain = await ChainOfTrust.find(zone, walker: walker)
        if servers.isEmpty {
            guard let delegation = chain.delegation else {
                throw DNSCoreError(.resolution, "cannot find the servers of \(zone): the delegation walk failed: \(chain.notCheckedBecause ?? "")")
            }
            servers = try await resolveServers(delegation)
        }
        return (servers, chain)
    }

    /// AXFR from each address in turn until one completes; the failures, classified.
    private func transfer(_ request: SnapshotRequest, from servers: [NameServer], into temporary: String,
                          workspace: ZoneWorkspace) async throws -> (Copy?, [TransferAttempt]) {
        let zone = request.zone
        var attempts: [TransferAttempt] = []
        let limits = request.transferLimits.limits(for: zone, in: store)
        for server in servers {
            for address in server.addresses {
                let sorter = ExternalSorter(directory: workspace.directory, apex: zone)
                do {
                    let progress = self.progress
                    _ = try await AXFRClient(timeout: axfrTimeout, limits: limits).transfer(zone: zone, from: address, tsig: request.tsig) { records in
                        for record in records { try sorter.append(record) }
                        progress?(sorter.received)
                    }
                    let (written, sha256) = try Self.write(sorter, to: temporary)
                    return (Copy(server: server, address: address, method: .axfr, written: written, sha256: sha256), attempts)
                } catch let error as SystemError {
                    // Our own disk failing is not the server's fault: stop, keep the old copy.
                    throw error
                } catch let error as DNSCoreError where error.code == .fileAccess {
                    // Our own disk failing is not the server's fault: stop, keep the old copy.
                    throw error
                } catch {
                    attempts.append(TransferAttempt(server: server.name, address: address, error: error, zone: zone,
                                                    started: sorter.received > 0))
                    unlink(temporary)
                    logger.debug("AXFR failed", metadata: ["zone": "\(zone)", "server": "\(address)", "error": "\(error)"])
                }
            }
        }
        return (nil, attempts)
    }

    private func harvest(_ request: SnapshotRequest, from servers: [NameServer], into temporary: String,
                         workspace: ZoneWorkspace) async throws -> Copy {
        let harvested = try await Harvester(client: client).harvest(zone: request.zone, critical: request.critical, from: servers)
        let sorter = ExternalSorter(directory: workspace.directory, apex: request.zone)
        for record in harvested.records { try sorter.append(record) }
        let (written, sha256) = try Self.write(sorter, to: temporary)
        return Copy(server: harvested.server, address: harvested.address, method: .harvest, written: written, sha256: sha256)
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
}
