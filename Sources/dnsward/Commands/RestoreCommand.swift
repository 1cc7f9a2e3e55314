import ArgumentParser
import Foundation
import Model
import Restore

/// `dnsward restore`: turn a verified snapshot into resolver configuration, and with
/// `--apply` put it into service in a running Unbound (verified, rolled back on failure).
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Serve a zone's verified snapshot from a recursive resolver (Unbound, BIND, Knot Resolver).",
        discussion: """
        Without --apply or --undo the configuration is printed (the fragment on standard \
        output, notes on standard error). --apply (Unbound) installs it atomically in \
        --include-dir, checks it with unbound-checkconf, reloads with reload_keep_cache, \
        flushes the zone, and asks --resolver the critical names (RD, DO): they must come \
        back as in the snapshot, with AD for a signed one, or the previous configuration is \
        put back. --undo takes the backup out of service again.

        --mode override serves the copy now. --mode fallback installs it switched off \
        (dnsward-<zone>.conf.standby, which the *.conf include does not load) and says how to \
        switch it on: Unbound has no "use this copy only when the authorities fail". For the \
        automatic switch, give the zone a fallback: section in the configuration; dnsward probe \
        (cron) then puts the backup into service after N runs with every authority silent and \
        takes it out after M runs with answers.

        Refused unless --force (reported loudly): a snapshot that failed verification, whose \
        file no longer matches its SHA-256, or whose signatures have expired.

        One switch at a time per resolver directory: a second --apply or --undo waits a few seconds, \
        then stops without changing anything (exit 3, kind busy).

        Exit status: 0 done, 1 verification failed (rolled back), 2 snapshot refused, 3 bad input.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var historyOptions: HistoryOptions

    @Option(name: .long, help: "The zone to restore.")
    var zone: String

    @Option(name: .customLong("to"), help: "The resolver: unbound, bind or knot-resolver.")
    var resolver: ResolverKind

    @Option(name: .long, help: "Snapshot ID (file name without .zone) or 'latest'.")
    var snapshot = "latest"

    @Option(name: .long, help: "override (serve now) or fallback (install switched off).")
    var mode: RestoreMode = .override

    @Flag(name: .long, help: "Install, reload, verify; roll back on failure (Unbound; BIND through rndc addzone).")
    var apply = false

    @Flag(name: .long, help: "Take the zone's backup out of service (Unbound; BIND through rndc delzone).")
    var undo = false

    @Flag(name: .long, help: "Restore a snapshot that would be refused; reported loudly.")
    var force = false

    @Option(name: .long, help: "The snapshot store; default: the configuration's zones_dir, else zones.")
    var zonesDir: String?

    @Option(name: .long, help: "Unbound's configuration file, for unbound-control and unbound-checkconf.")
    var unboundConfig = "/etc/unbound/unbound.conf"

    @Option(name: .long, help: "Where the resolver includes fragments from (default: /etc/unbound/unbound.conf.d, /etc/bind, /etc/knot-resolver).")
    var includeDir: String?

    @Option(name: .customLong("resolver"), help: "The resolver to verify against after a switch, ADDR[@PORT].")
    var resolverAddress = "127.0.0.1"

    @Option(name: .long, help: "Knot Resolver: the backup authority serving the snapshot, ADDR@PORT.")
    var authority = "127.0.0.1@5353"

    @Option(name: .long, help: "BIND: rndc's server address (rndc -s).")
    var rndcServer: String?

    @Option(name: .long, help: "BIND: rndc's control port (rndc -p).")
    var rndcPort: UInt16?

    @Option(name: .long, help: "BIND: rndc's key file (rndc -k).")
    var rndcKey: String?

    /// rndc's arguments to reach the server; without any, rndc's own defaults.
    var rndcArguments: [String] {
        (rndcServer.map { ["-s", $0] } ?? []) + (rndcPort.map { ["-p", String($0)] } ?? []) + (rndcKey.map { ["-k", $0] } ?? [])
    }

    @Option(name: .customLong("critical"), help: "NAME/TYPE the resolver must answer from the backup (repeatable; default: the apex SOA and NS, plus the configuration's critical names).")
    var critical: [String] = []

    func validate() throws {
        if apply && undo { throw ValidationError("--apply and --undo exclude each other") }
    }

    func run() async throws {
        let output = RestoreOutput(format: global.format)
        do {
            let setup = try RestoreSetup(command: self)
            let report = try await setup.request.run()
            if apply || undo {
                HistoryWriter(historyOptions, configured: setup.historyPath)
                    .record(RestoreEvent(report, kind: undo ? .undo : .apply, address: resolverAddress))
            }
            output.print(report)
            if report.outcome == .generated, let text = report.fragment?.text, global.format == .text {
                Swift.print(text, terminator: "")
            }
            throw ExitCode(report.outcome == .rolledBack ? 1 : 0)
        } catch let error as RestoreError {
            output.print(error)
            throw ExitCode(error.kind == .refused ? 2 : 3)
        }
    }
}

extension RestoreCommand: BadInputReporting {
    /// An unknown `--to` or `--mode`, or `--apply` with `--undo`: like any bad input, exit 3.
    static func reportBadInput(_ message: String, arguments: [String]) -> Int32 {
        RestoreOutput(format: wantsJSON(arguments) ? .json : .text).print(RestoreError(.badInput, message))
        return 3
    }
}
