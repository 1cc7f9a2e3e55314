import ArgumentParser
import Foundation
import History

/// `--history FILE` / `--no-history`, the same for every command: all of them write the
/// one store (probe runs, snapshots, verifications, restores, drills, headroom runs).
struct HistoryOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite history database (default: the configuration's history, else $XDG_STATE_HOME/dnsward/history.sqlite).")
    var history: String?

    @Flag(name: .long, help: "Do not read or write history.")
    var noHistory = false

    /// The database path: the flag, else the configuration's, else the default; nil with --no-history.
    func path(configured: String?) -> String? {
        noHistory ? nil : (history ?? configured ?? Self.defaultPath)
    }

    /// The store, opened; a failure to open is the caller's to report.
    func open(configured: String?) throws -> HistoryStore? {
        try path(configured: configured).map { try HistoryStore(path: $0) }
    }

    /// `$XDG_STATE_HOME/dnsward/history.sqlite`, else `~/.local/state/dnsward/history.sqlite`.
    static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_STATE_HOME"] ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return base + "/dnsward/history.sqlite"
    }
}
