import ArgumentParser
import Foundation
import History
import Model
import Platform
import Report

/// `dnsward report`: the registry-administrator report, from the history store alone.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the registry-administrator report from the history (HTML, Markdown or JSON; English or Chinese).",
        discussion: """
        Built from the history store only: per zone and server the availability (probe runs \
        answered, UDP and TCP apart), latency over time, serial-sync incidents, data-consistency \
        and hijack findings, the DNSSEC signature-expiry horizon, the backups (last good \
        snapshot, its age and serial, usable-until, last drill) and the headroom runs. It opens \
        with every problem ranked by severity, each with the recommended action.

        Exit status: 0 written, 3 bad input or an unreadable history.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, md, json
    }

    @Option(name: .long, help: "Configuration file (YAML): its history: is read.")
    var config: String?

    @Option(name: .long, help: "SQLite history database (default: the configuration's history, else $XDG_STATE_HOME/dnsward/history.sqlite).")
    var history: String?

    @Option(name: .long, help: "The period: probe runs since this long ago (30m, 12h, 7d, 2w) or this date (2026-08-01).")
    var since = "7d"

    @Option(name: .customLong("zone"), help: "Report on this zone only (repeatable); default: every zone in the history.")
    var zones: [String] = []

    @Option(name: .long, help: "html (one self-contained page), md (Markdown) or json (schema 1).")
    var format: Format = .html

    @Option(name: .customLong("lang"), help: "en (English) or zh (Simplified Chinese).")
    var language: ReportLanguage = .en

    @Option(name: .long, help: "Where to write the report; - for standard output.")
    var out: String

    @Option(name: .long, help: "A last good snapshot older than this is a warning.")
    var backupMaxAge = "26h"

    @Option(name: .long, help: "No drill for longer than this is a warning.")
    var drillMaxAge = "8d"

    @Option(name: .long, help: "Capacity below this multiple of the normal peak is a warning (below 1: critical).")
    var headroomMin: Double = 2

    func validate() throws {
        guard headroomMin.isFinite, headroomMin > 0, headroomMin <= 1000 else {
            throw ValidationError("--headroom-min: must be between 0 and 1000")
        }
    }

    func run() throws {
        do {
            let now = Date()
            var configured: String?
            if let config { configured = try DNSWardConfig.load(from: config).history }
            let path = history ?? configured ?? HistoryOptions.defaultPath
            guard FileManager.default.fileExists(atPath: path) else {
                throw SetupError("history database \(path) does not exist: nothing to report (dnsward probe writes it)")
            }
            let options = ReportOptions(
                language: language, since: try TimeArgument.moment(since, option: "--since", now: now), until: now,
                zones: zones.isEmpty ? nil : zones,
                backupMaxAge: try TimeArgument.seconds(backupMaxAge, option: "--backup-max-age"),
                drillMaxAge: try TimeArgument.seconds(drillMaxAge, option: "--drill-max-age"), headroomMinimum: headroomMin)
            let store = try HistoryStore(path: path)
            let report = ReportBuilder.build(try ReportHistory.read(from: store, since: options.since), options: options,
                                             generated: now)
            let bytes: [UInt8]
            switch format {
            case .html: bytes = Array(HTMLReport.render(report).utf8)
            case .md: bytes = Array(MarkdownReport.render(report).utf8)
            case .json: bytes = Array(try RegistryReportJSON.encode(report)) + [UInt8(ascii: "\n")]
            }
            if out == "-" {
                FileHandle.standardOutput.write(Data(bytes))
                return
            }
            // cron writes into a reports directory nobody may have made yet.
            let parent = (out as NSString).deletingLastPathComponent
            if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
                do {
                    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                } catch {
                    throw SetupError("--out \(out): cannot create the directory \(parent): \(error.localizedDescription)")
                }
            }
            try DurableFile.write(bytes, to: out)
            func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
            print("REPORT \(out): \(count(report.zones.count, "zone")), \(count(report.probeRuns, "probe run")), "
                  + "\(report.count(.critical)) critical, \(count(report.count(.warning), "warning")), \(report.count(.unknown)) unknown")
        } catch let error as SetupError {
            FileHandleOutput.error("dnsward: \(error)")
            throw ExitCode(3)
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandleOutput.error("dnsward: \(error)")
            throw ExitCode(3)
        }
    }
}

extension ReportCommand: BadInputReporting {
    /// An unknown --format or --lang, a missing --out: like any bad input, exit 3.
    static func reportBadInput(_ message: String, arguments: [String]) -> Int32 {
        FileHandleOutput.error("dnsward: \(message)")
        return 3
    }
}
