import ArgumentParser
import DNSCore
import Dispatch
import Foundation
import Model
import Probe
import Report
import SweepStorage
#if canImport(Glibc)
import Glibc
#endif

/// `dnsward sweep`: the authoritative checks over every delegation of a TLD, read from its
/// zone file (or a list of names), with the work list, progress and census in a store
/// (SQLite for one host, PostgreSQL for many), resumable after any crash.
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Check every delegation of a TLD (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN or incomplete).",
        discussion: """
        A new sweep takes --from-zone (the TLD's zone file: NS, DS and glue of each delegation) \
        or --zones (names, one a line). --resume RUN continues a sweep, or joins it from another \
        host with --database. docs/sweep-many-hosts.md shows the many-hosts set-up.
        """
    )

    @Option(name: .customLong("from-zone"), help: "The TLD's zone file: every delegation in it is swept.")
    var fromZone: String?

    @Option(name: .customLong("zones"), help: "A file of zone names, one a line, whose delegations are asked of the parent.")
    var zoneList: String?

    @Option(name: .long, help: "The TLD (default: the zone file's apex).")
    var tld: String?

    @Option(name: .long, help: "SQLite sweep store, a file of its own (default: $XDG_STATE_HOME/dnsward/sweep.sqlite).")
    var history: String?

    @Option(name: .long, help: "PostgreSQL connection URI (postgresql://...) of a store shared by many hosts.")
    var database: String?

    @Option(name: .long, help: "Continue (or join) sweep RUN instead of starting one.")
    var resume: Int64?

    @Option(name: .long, help: "Questions a second to any one server address (default 200; 0: unlimited).")
    var ratePerServer: Double = SweepOptions.defaultRatePerServer

    @Option(name: .long, help: "Zones checked at once (default 512).")
    var workers: Int = 512

    @Option(name: .long, help: "Zones per claim and per committed batch (default 500).")
    var batch: Int = 500

    @Option(name: .long, help: "Seconds a claim holds its zones if this host dies (default 60; renewed while it works).")
    var lease: Double = 60

    @Option(name: .long, help: "Seconds to wait for each query attempt (default 1).")
    var timeout: Double?

    @Option(name: .long, help: "Port of the servers (default 53).")
    var port: UInt16 = 53

    @Option(name: .customLong("parent"), help: "With --zones: a server of the TLD to ask for the delegations, ADDR[@PORT] (repeatable; default: found from the root).")
    var parents: [String] = []

    @Option(name: .long, help: "Root hints file (root.hints format), for NS names without glue; default: the IANA root servers.")
    var rootHints: String?

    @Option(name: .long, help: "Write this host's Prometheus metrics (textfile collector format) here, atomically, after every batch.")
    var prometheus: String?

    @Option(name: .long, help: "Write the census (per status, problem, operator and change since the last sweep) here: .md or .html.")
    var report: String?

    @Option(name: .customLong("lang"), help: "Language of --report: en or zh.")
    var language: ReportLanguage = .en

    @Flag(name: .long, help: "With --resume RUN: sweep nothing, only print the status line and write --report.")
    var censusOnly = false

    func validate() throws {
        if censusOnly && resume == nil { throw ValidationError("--census-only needs --resume RUN") }
        if let report, !(report.hasSuffix(".md") || report.hasSuffix(".html")) {
            throw ValidationError("--report must name a .md or .html file")
        }
        if resume == nil && (fromZone == nil) == (zoneList == nil) {
            throw ValidationError("give exactly one of --from-zone FILE and --zones FILE (or --resume RUN)")
        }
        if resume != nil && (fromZone != nil || zoneList != nil) {
            throw ValidationError("--resume RUN continues a sweep whose work list is in the store: no --from-zone or --zones")
        }
        if history != nil && database != nil { throw ValidationError("give --history FILE or --database URI, not both") }
        guard ratePerServer >= 0, ratePerServer.isFinite else { throw ValidationError("--rate-per-server must be 0 or more") }
        guard (1...100_000).contains(workers) else { throw ValidationError("--workers must be 1 to 100000") }
        guard (1...100_000).contains(batch) else { throw ValidationError("--batch must be 1 to 100000") }
        guard lease >= 1, lease <= 86_400 else { throw ValidationError("--lease must be 1 to 86400 seconds") }
        if let timeout, !(timeout > 0 && timeout <= 60) { throw ValidationError("--timeout must be above 0 and at most 60 seconds") }
        if let database, !(database.hasPrefix("postgresql://") || database.hasPrefix("postgres://")) {
            throw ValidationError("--database must be a postgresql:// URI")
        }
    }

    func run() async throws {
        let store: any SweepStore
        let sweepRun: SweepRun
        do {
            store = try database.map { try PostgreSQLSweepStore(url: $0) as any SweepStore }
                ?? SQLiteSweepStore(path: history ?? Self.defaultPath)
            sweepRun = try await openRun(store)
        } catch {
            print("DNSWARD UNKNOWN - \(StatusLine.singleLine("\(error)"))")
            throw ExitCode(Severity.unknown.exitCode)
        }
        var options = SweepOptions(ratePerServer: ratePerServer, workers: workers, batchSize: batch, lease: .seconds(lease), port: port)
        do {
            options.parentServers = try parents.map { try ServerAddress(parsing: $0, defaultPort: port) }
            if let rootHints { options.rootHints = try RootHints(contentsOf: rootHints, port: port) }
        } catch {
            print("DNSWARD UNKNOWN - \(StatusLine.singleLine("\(error)"))")
            throw ExitCode(Severity.unknown.exitCode)
        }
        if let timeout { options.queryOptions.timeout = .milliseconds(Int64(timeout * 1000)) }
        let owner = Self.owner
        let stop = SweepStop()
        let signals = Self.stopOnSignals(stop)
        defer { signals.forEach { $0.cancel() } }
        let sweeper = Sweeper(options: options)
        let metricsPath = prometheus
        var stats = SweepHostStats()
        do {
            if !censusOnly { stats = try await sweeper.sweep(store: store, run: sweepRun, owner: owner, stop: stop) { stats in
                guard let metricsPath else { return }
                let census = try? await store.census(run: sweepRun.id)
                try? SweepPrometheus.write(SweepPrometheus.render(run: sweepRun, host: Self.host(stats, owner), census: census), to: metricsPath)
            } }
        } catch {
            print("DNSWARD UNKNOWN - sweep \(sweepRun.id) of \(sweepRun.tld): \(StatusLine.singleLine("\(error)")) (resume with --resume \(sweepRun.id))")
            throw ExitCode(Severity.unknown.exitCode)
        }
        let census: SweepCensus
        do {
            census = try await store.census(run: sweepRun.id)
        } catch {
            print("DNSWARD UNKNOWN - sweep \(sweepRun.id): census unreadable: \(StatusLine.singleLine("\(error)"))")
            throw ExitCode(Severity.unknown.exitCode)
        }
        if let metricsPath {
            do {
                try SweepPrometheus.write(SweepPrometheus.render(run: sweepRun, host: Self.host(stats, owner), census: census), to: metricsPath)
            } catch {
                FileHandle.standardError.write(Data("dnsward sweep: cannot write metrics \(metricsPath): \(error)\n".utf8))
            }
        }
        if let report {
            do {
                var changed: [SweepChange.Kind: [String]] = [:]
                if census.change != nil {
                    for kind in SweepChange.Kind.allCases { changed[kind] = try await store.changes(run: sweepRun.id, kind: kind, limit: 20) }
                }
                let document = SweepCensusReport(census: census, changed: changed, language: language)
                try SweepCensusReport.write(report.hasSuffix(".md") ? document.markdown() : document.html(), to: report)
            } catch {
                print("DNSWARD UNKNOWN - sweep \(sweepRun.id): cannot write the report \(report): \(StatusLine.singleLine("\(error)"))")
                throw ExitCode(Severity.unknown.exitCode)
            }
        }
        print(SweepStatusLine.render(census, hostZones: stats.zonesDone, seconds: stats.seconds))
        if stop.isStopped {
            print("stopped: continue with --resume \(sweepRun.id)")
            throw ExitCode(Severity.unknown.exitCode)
        }
        throw ExitCode(SweepStatusLine.status(census).exitCode)
    }

    /// The run to work on: the one named by --resume, or a new one whose work list is the
    /// source's (loaded in one transaction: a bad file leaves no run behind).
    private func openRun(_ store: any SweepStore) async throws -> SweepRun {
        if let resume {
            guard let run = try await store.run(id: resume) else {
                throw SweepStoreError(location: store.location, reason: "no sweep \(resume)")
            }
            return run
        }
        let tldName = try tld.map { try DomainName($0).lowercased() }
        let started = Date()
        if let fromZone {
            let path = fromZone
            // The apex is known only once the file is read; the run is created with the
            // name given, else the file's first SOA owner, read cheaply first.
            let apex = try tldName ?? Self.apex(of: path)
            return try await store.createRun(tld: apex.description, source: SweepSource(.zoneFile, path: path), started: started) { writer in
                try SweepWorkList.load(zoneFile: path, tld: apex, into: writer)
            }
        }
        let path = zoneList!
        guard let tldName else { throw ValidationError("--zones needs --tld T (the parent whose servers are asked)") }
        return try await store.createRun(tld: tldName.description, source: SweepSource(.zoneList, path: path), started: started) { writer in
            try SweepWorkList.load(zoneList: path, tld: tldName, into: writer)
        }
    }

    /// The owner of the zone file's first record (its SOA), without reading the rest.
    private static func apex(of path: String) throws -> DomainName {
        let reader = try ZoneCutReader(path: path, origin: nil)
        while let entry = try reader.next() {
            if let apex = reader.apex { return apex }
            _ = entry
        }
        if let apex = reader.apex { return apex }
        throw DNSCoreError(.invalidName, "\(path): no SOA, so no TLD; give --tld")
    }

    static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_STATE_HOME"] ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return base + "/dnsward/sweep.sqlite"
    }

    /// This host and process: unique among the hosts sharing a store, readable in its rows.
    static var owner: String {
        "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UInt32.random(in: 0...UInt32.max))"
    }

    static func host(_ stats: SweepHostStats, _ owner: String) -> SweepPrometheus.Host {
        SweepPrometheus.Host(name: owner.split(separator: ":").first.map(String.init) ?? owner, zonesDone: stats.zonesDone,
                             zonesPerSecond: stats.zonesPerSecond, claims: stats.claims, zonesClaimed: stats.zonesClaimed,
                             leaseLosses: stats.leaseLosses, renewals: stats.renewals, serverAddresses: stats.serverAddresses,
                             seconds: stats.seconds)
    }

    /// Ctrl-C and TERM: stop claiming, finish and record the zones in flight, give the rest
    /// back. A second signal ends the process at once (the leases bring its zones back).
    static func stopOnSignals(_ stop: SweepStop) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if stop.isStopped { _exit(130) }
                stop.stop()
            }
            source.resume()
            return source
        }
    }
}

extension SweepCommand: BadInputReporting {
    static func reportBadInput(_ message: String, arguments: [String]) -> Int32 {
        print("DNSWARD UNKNOWN - \(StatusLine.singleLine(message))")
        return Severity.unknown.exitCode
    }
}
