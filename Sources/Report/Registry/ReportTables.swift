import Foundation
import Model

/// The report's tables as plain text cells, shared by the HTML and Markdown renderings
/// (each escapes the cells its own way).
struct ReportTable {
    var headers: [String]
    var rows: [[String]]
    /// Per row, the severity that colours it in HTML (nil: none).
    var severities: [Severity?] = []
}

struct ReportTables {
    let report: RegistryReport
    var language: ReportLanguage { report.language }

    func t(_ term: Term) -> String { term.text(language) }

    func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: t(.critical)
        case .warning: t(.warning)
        case .unknown: t(.unknown)
        case .ok: t(.ok)
        }
    }

    var overview: [(String, String)] {
        [
            (t(.period), "\(ReportFormat.time(report.since)) – \(ReportFormat.time(report.until))"),
            (t(.generated), ReportFormat.time(report.generated)),
            (t(.probeRuns), String(report.probeRuns)),
            (t(.zones), report.zones.isEmpty ? t(.none) : report.zones.map(\.zone).joined(separator: language.listSeparator)),
            (t(.resolvers), report.resolvers.isEmpty ? t(.none) : report.resolvers.joined(separator: language.listSeparator)),
        ]
    }

    /// `CRITICAL 2 · WARNING 3 · UNKNOWN 0`
    var counts: String {
        [Severity.critical, .unknown, .warning].map { "\(severity($0)) \(report.count($0))" }.joined(separator: " · ")
    }

    func server(_ problem: ReportProblem) -> String {
        guard let server = problem.server else { return "" }
        guard let address = problem.address, address != server else { return server }
        return "\(server) (\(address)\(problem.transport.map { "/" + $0 } ?? ""))"
    }

    func status(_ problem: ReportProblem) -> String {
        let runs = language == .en ? "\(problem.occurrences)×" : "\(problem.occurrences) 次"
        if problem.ongoing { return language == .en ? "\(t(.ongoing)) (\(runs))" : "\(t(.ongoing))（\(runs)）" }
        return language == .en
            ? "\(t(.resolved)), last seen \(ReportFormat.time(problem.lastSeen)) (\(runs))"
            : "\(t(.resolved))，最近一次出现于 \(ReportFormat.time(problem.lastSeen))（\(runs)）"
    }

    /// `(since 2026-08-22 07:00 UTC, ongoing (3×))` after a problem in the summary.
    func when(_ problem: ReportProblem) -> String {
        language == .en
            ? "(\(t(.since).lowercased()) \(ReportFormat.time(problem.firstSeen)), \(status(problem)))"
            : "（\(t(.since)) \(ReportFormat.time(problem.firstSeen))，\(status(problem))）"
    }

    func problems(_ problems: [ReportProblem], zoneColumn: Bool = true) -> ReportTable {
        var headers = [t(.severity)]
        if zoneColumn { headers.append(t(.zone)) }
        headers += [t(.server), t(.problem), t(.since), t(.status), t(.action)]
        return ReportTable(
            headers: headers,
            rows: problems.map { problem in
                var row = [severity(problem.severity)]
                if zoneColumn { row.append(problem.zone ?? "") }
                return row + [server(problem), problem.message, ReportFormat.time(problem.firstSeen), status(problem), problem.action]
            },
            severities: problems.map(\.severity))
    }

    func availability(_ value: Availability?) -> String {
        guard let value else { return "-" }
        return "\(ReportFormat.percent(value.percent)) (\(value.answered)/\(value.runs))"
    }

    var availability: ReportTable {
        ReportTable(
            headers: [t(.zone), t(.server), t(.address), t(.udp), t(.tcp)],
            rows: report.zones.flatMap { zone in
                zone.availability.map { [zone.zone, $0.server, $0.address, availability($0.udp), availability($0.tcp)] }
            })
    }

    var latency: ReportTable {
        ReportTable(
            headers: [t(.zone), t(.server), t(.address), t(.samples), t(.median), t(.p95), t(.maximum)],
            rows: report.zones.flatMap { zone in
                zone.latency.map {
                    [zone.zone, $0.server, $0.address, String($0.samples), ReportFormat.number($0.medianMilliseconds, decimals: 2),
                     ReportFormat.number($0.p95Milliseconds, decimals: 2), ReportFormat.number($0.maxMilliseconds, decimals: 2)]
                }
            })
    }

    /// One zone's latency chart as numbers: a row per bucket, a column per server.
    func latencyPoints(_ zone: ZoneReport) -> ReportTable {
        let times = Set(zone.latency.flatMap { $0.points.map(\.time) }).sorted()
        return ReportTable(
            headers: [t(.time)] + zone.latency.map { "\($0.server) (\($0.address))" },
            rows: times.map { time in
                [ReportFormat.time(time)] + zone.latency.map { series in
                    series.points.first { $0.time == time }.map { ReportFormat.number($0.milliseconds, decimals: 2) } ?? "-"
                }
            })
    }

    var serialIncidents: ReportTable {
        let incidents = report.zones.flatMap { zone in zone.serialIncidents.map { (zone.zone, $0) } }
        return ReportTable(
            headers: [t(.zone), t(.server), t(.address), t(.serial), t(.referenceSerial), t(.behind), t(.start), t(.end), t(.duration)],
            rows: incidents.map { zone, incident in
                [zone, incident.server, incident.address, String(incident.serial), String(incident.reference),
                 incident.behind.map(String.init) ?? "-", ReportFormat.time(incident.start),
                 incident.end.map(ReportFormat.time) ?? t(.ongoing), ReportFormat.duration(incident.seconds, language)]
            },
            severities: incidents.map { $0.1.severity })
    }

    var consistencyAndHijack: ReportTable {
        problems(report.zones.flatMap { $0.consistency + $0.hijack }.sorted(by: ReportBuilder.ranked))
    }

    var dnssec: ReportTable {
        let signed = report.zones.filter(\.dnssec.signed)
        return ReportTable(
            headers: [t(.zone), t(.signatureExpiry), t(.daysLeft), t(.tightestHorizon)],
            rows: signed.map { zone in
                [zone.zone, zone.dnssec.earliestExpiry.map(ReportFormat.time) ?? "-",
                 ReportFormat.number(zone.dnssec.daysLeft, decimals: 1),
                 zone.dnssec.shortestDaysLeft.map { days in
                     "\(ReportFormat.number(days, decimals: 1)) \(t(.days))"
                         + (zone.dnssec.shortestSeenAt.map { " (\(ReportFormat.time($0)))" } ?? "")
                 } ?? "-"]
            })
    }

    var dnssecIncidents: ReportTable {
        problems(report.zones.flatMap(\.dnssec.incidents).sorted(by: ReportBuilder.ranked))
    }

    func drill(_ drill: DrillSummary?) -> (String, String) {
        guard let drill else { return (t(.none), "-") }
        var result = drill.passed ? t(.passed) : t(.failed)
        if let seconds = drill.seconds { result += language == .en ? ", \(ReportFormat.number(seconds, decimals: 2)) s \(t(.drillSeconds))" : "，\(t(.drillSeconds)) \(ReportFormat.number(seconds, decimals: 2)) 秒" }
        if let passed = drill.checksPassed, let total = drill.checksTotal {
            result += language == .en ? ", \(passed)/\(total) \(t(.answersChecked))" : "，\(t(.answersChecked)) \(passed)/\(total)"
        }
        if !drill.passed, let detail = drill.detail { result += language.colon + detail }
        return (ReportFormat.time(drill.time), result)
    }

    var backups: ReportTable {
        ReportTable(
            headers: [t(.zone), t(.lastGoodSnapshot), t(.age), t(.snapshotSerial), t(.usableUntil), t(.lastVerify), t(.lastDrill), t(.drillResult)],
            rows: report.zones.map { zone in
                let backup = zone.backup
                let good = backup.lastGood
                let drill = drill(backup.lastDrill)
                var snapshot = good.map { "\(ReportFormat.time($0.time)) \($0.snapshot ?? "")" } ?? t(.none)
                if good?.method == "harvest" { snapshot += " (\(t(.partial)))" }
                return [zone.zone, snapshot, backup.ageSeconds.map { ReportFormat.duration($0, language) } ?? "-",
                        good?.serial.map(String.init) ?? "-", good?.usableUntil.map(ReportFormat.time) ?? "-",
                        backup.lastVerification.map { "\(ReportFormat.time($0.time)) \($0.status)" } ?? "-", drill.0, drill.1]
            },
            severities: report.zones.map { zone in
                zone.backup.lastDrill.map { $0.passed ? nil : Severity.critical } ?? nil
            })
    }

    /// What gave out first, in words (the history keeps a code).
    func limit(_ code: String?) -> String {
        switch code {
        case "server": language == .en ? "the server" : "服务器"
        case "link": language == .en ? "the link" : "链路带宽"
        case "generator": language == .en ? "the load generator (a lower bound)" : "负载生成器（仅为下限）"
        case let other?: other
        case nil: "-"
        }
    }

    var headroom: ReportTable {
        ReportTable(
            headers: [t(.server), "UDP/TCP", t(.time), t(.capacity), t(.headroomRatio), t(.baseline), t(.bandwidthIn),
                      t(.bandwidthOut), t(.limitedBy)],
            rows: report.headroom.map { entry in
                [entry.server, entry.transport, ReportFormat.time(entry.time),
                 (entry.lowerBound ? t(.lowerBound) + " " : "") + ReportFormat.rate(entry.capacityQps),
                 entry.headroom.map { ReportFormat.number($0, decimals: 1) + "x" } ?? "-", ReportFormat.rate(entry.baselineQps),
                 ReportFormat.number(entry.bandwidthInMbps, decimals: 2), ReportFormat.number(entry.bandwidthOutMbps, decimals: 2),
                 limit(entry.limitedBy ?? (entry.lowerBound ? "generator" : nil))]
            })
    }
}
