import ArgumentParser
import Backup
import DNSCore
import Foundation
import Logging
import Model
import Report

/// `dnsward snapshot`: back up the configured zones into verified zone files.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Back up zones into verified zone files under zones/ (exit 0 all good, 1 a snapshot refused, 2 failed, 3 bad input, 4 TSIG failed).",
        discussion: """
        Sources, in order: AXFR from each authoritative server; if no server allows one, a harvest of the \
        critical names (a partial zone) — never with a TSIG key, never after a transfer that broke off, and \
        never in place of a full copy unless --allow-harvest-over-axfr. `latest` moves only to a snapshot \
        that verified; refused copies are kept in <zone>/refused/ for inspection. One run per zone at a \
        time: a second one waits a few seconds, then stops.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var historyOptions: HistoryOptions

    @Option(name: .customLong("zone"), help: "Zone to back up (repeatable); default: every zone in the configuration.")
    var zones: [String] = []

    @Option(name: .long, help: "Directory of the backups; default: the configuration's zones_dir, else zones.")
    var zonesDir: String?

    @Option(name: .customLong("server"), help: "Take the zone from this server (repeatable), ADDR[@PORT]; default: its delegation.")
    var servers: [String] = []

    @Option(name: .long, help: "Root hints file; default: the configuration's, else the IANA root servers.")
    var rootHints: String?

    @Option(name: .long, help: "Keep this many snapshots per zone (the newest good one is always kept).")
    var keep: Int = 10

    @Option(name: .long, help: "Also keep every snapshot younger than this many days.")
    var keepDays: Double?

    @Option(name: .long, help: "Refuse a snapshot that lost more than this share of the previous one's records.")
    var maxLoss: Double = 0.1

    @Flag(name: .long, help: "Never harvest: fail when no server allows a transfer.")
    var noHarvest = false

    @Flag(name: .long, help: "Let a harvest (a partial copy) replace a full transfer as latest; the full copy is kept.")
    var allowHarvestOverAxfr = false

    @Option(name: .long, help: "Keep this many refused copies per zone in <zone>/refused/ for inspection.")
    var keepRefused: Int = 5

    @Option(name: .long, help: "TSIG key for the transfers, ALGORITHM:NAME:SECRET (RFC 8945); overrides the configuration's.")
    var tsig: String?

    @Flag(name: .long, help: "Keep a copy whose parent DS could not be fetched, marked \"chain not checked\" (default: refuse it).")
    var noChainCheck = false

    @Option(name: .long, help: "Stop a transfer past this many records (default: 10 x the last good copy's, at least 10000).")
    var maxTransferRecords: Int?

    @Option(name: .long, help: "Stop a transfer past this many wire bytes (default: 10 x the last good copy's file, at least 16 MiB).")
    var maxTransferBytes: Int?

    @Option(name: .long, help: "Stop a transfer that takes longer, in seconds (default: 10 x the last good copy's, at least 60).")
    var maxTransferSeconds: Double?

    @Option(name: .long, help: "Write Prometheus metrics of the zones' backups (textfile collector format) to this file, atomically.")
    var prometheus: String?

    func run() async throws {
        // A file-size limit (or a full disk) must be an error the run reports, not a signal
        // that kills it mid-write.
        signal(SIGXFSZ, SIG_IGN)
        let plan: SnapshotPlan
        do {
            plan = try SnapshotPlan(command: self)
        } catch {
            FileHandleOutput.error("dnsward: \(error)")
            throw ExitCode(3)
        }
        let progress = ProgressBar.forStandardError()
        var report: (@Sendable (Int) -> Void)?
        if let progress {
            report = { count in progress.update(count) }
        }
        let snapshotter = Snapshotter(
            store: SnapshotStore(root: plan.zonesDir), client: plan.client, walker: plan.walker, progress: report)
        let history = HistoryWriter(historyOptions, configured: plan.historyPath)
        var worst: Int32 = 0
        var results: [SnapshotOutput] = []
        var outcomes: [DomainName: SnapshotEvent.Kind] = [:]
        for request in plan.requests {
            progress?.start(label: request.zone.description)
            do {
                let result = try await snapshotter.snapshot(request)
                progress?.finish()
                results.append(SnapshotOutput(result))
                history.record(SnapshotEvent(result))
                outcomes[request.zone] = result.promoted ? .taken : .refused
                if !result.promoted { worst = max(worst, 1) }
            } catch {
                progress?.finish()
                let tsig = (error as? DNSCoreError)?.code == .tsig
                results.append(SnapshotOutput(zone: request.zone.description, error: error))
                history.record(SnapshotEvent(zone: request.zone, failure: error))
                outcomes[request.zone] = .failed
                worst = max(worst, tsig ? 4 : 2)
            }
        }
        if let path = prometheus {
            let store = SnapshotStore(root: plan.zonesDir)
            let zones = plan.requests.map { request in
                BackupPrometheus.Zone(zone: request.zone.description, latest: try? store.latest(of: request.zone),
                                      result: outcomes[request.zone])
            }
            do {
                try BackupPrometheus.write(BackupPrometheus.snapshot(zones, finished: Date()), to: path)
            } catch {
                FileHandleOutput.error("dnsward: warning: cannot write metrics to \(path): \(error)")
            }
        }
        switch global.format {
        case .text: print(results.map(\.text).joined(separator: "\n"))
        case .json: print(SnapshotOutput.json(results))
        }
        throw ExitCode(worst)
    }
}

/// Command line plus configuration, turned into requests.
struct SnapshotPlan {
    let requests: [SnapshotRequest]
    let client: DNSClient
    let walker: DelegationWalker
    let zonesDir: String
    /// The configuration's `history:`.
    let historyPath: String?

    init(command: SnapshotCommand) throws {
        var config = DNSWardConfig()
        if let path = command.global.config { config = try DNSWardConfig.load(from: path) }
        do {
            _ = try NumberLimits.maxLoss.check(command.maxLoss, option: "--max-loss")
            _ = try NumberLimits.keep.check(command.keep, option: "--keep")
            _ = try NumberLimits.keepRefused.check(command.keepRefused, option: "--keep-refused")
            _ = try command.keepDays.map { try NumberLimits.keepDays.check($0, option: "--keep-days") }
        } catch {
            throw SetupError("\(error)")
        }
        let limits = try TransferLimitSettings(
            maxRecords: command.maxTransferRecords, maxBytes: command.maxTransferBytes, maxSeconds: command.maxTransferSeconds)
            .checked()
        zonesDir = try StoreLocation.resolve(option: command.zonesDir, config: config)
        historyPath = config.history
        var zones = try command.zones.map { text -> ZoneConfig in ZoneConfig(name: try StoreLocation.zone(text)) }
        if zones.isEmpty { zones = config.zones }
        // Critical names from the configuration apply to ad-hoc zones as well.
        zones = zones.map { zone in config.zones.first { $0.name == zone.name } ?? zone }
        guard !zones.isEmpty else { throw SetupError("nothing to back up: give --zone NAME or a configuration with zones") }
        let servers = try command.servers.map { text -> NameServer in
            do { return NameServer(name: .root, addresses: [try ServerAddress(parsing: text)]) } catch {
                throw SetupError("--server \(text): not a server address")
            }
        }
        let hints = try config.rootHints(overriddenBy: command.rootHints)
        client = DNSClient(options: QueryOptions(timeout: .seconds(config.timeout ?? 2), udpRetries: config.retries ?? 1))
        walker = DelegationWalker(client: client, rootHints: hints)
        var commandKey: TSIGKey?
        if let text = command.tsig {
            do { commandKey = try TSIGKey(parsing: text) } catch { throw SetupError("--tsig: \(error)") }
        }
        requests = try zones.map { zone in
            var key = commandKey
            if key == nil, let text = zone.tsig {
                do { key = try TSIGKey(parsing: text) } catch { throw SetupError("zone \(zone.name) tsig: \(error)") }
            }
            return SnapshotRequest(
                zone: zone.name, servers: servers,
                critical: zone.critical.flatMap { entry in entry.types.map { (entry.name, $0) } },
                allowHarvest: !command.noHarvest, allowHarvestOverAXFR: command.allowHarvestOverAxfr, maxRecordLoss: command.maxLoss,
                retention: RetentionPolicy(keepLast: command.keep, keepDays: command.keepDays, keepRefused: command.keepRefused),
                tsig: key, requireChainOfTrust: !command.noChainCheck && zone.chainCheck, transferLimits: limits)
        }
    }
}

extension TransferLimitSettings {
    /// The command line's limits, each positive and finite.
    func checked() throws -> TransferLimitSettings {
        do {
            _ = try maxRecords.map { try NumberLimits.transferRecords.check($0, option: "--max-transfer-records") }
            _ = try maxBytes.map { try NumberLimits.transferBytes.check($0, option: "--max-transfer-bytes") }
            _ = try maxSeconds.map { try NumberLimits.transferSeconds.check($0, option: "--max-transfer-seconds") }
        } catch {
            throw SetupError("\(error)")
        }
        return self
    }
}
