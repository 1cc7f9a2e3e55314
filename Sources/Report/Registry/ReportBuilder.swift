public import Foundation
import Model

/// Builds the registry report from history values: groups the period's findings into
/// problems, follows serial lags from run to run, counts answers per server, and reads the
/// state of each zone's backup, drill and the servers' headroom.
public struct ReportBuilder {
    let history: ReportHistory
    let options: ReportOptions
    var language: ReportLanguage { options.language }

    /// Runs of the period, oldest first, and when each started.
    let runs: [ReportHistory.Run]
    let runStart: [Int64: Date]
    /// The zones reported on, by key, and how each is spelled.
    let zoneKeys: [String]
    let zoneNames: [String: String]
    /// The probe runs that looked at each zone (any finding or measurement), oldest first.
    let zoneRuns: [String: [Date]]

    public static func build(_ history: ReportHistory, options: ReportOptions, generated: Date = Date()) -> RegistryReport {
        ReportBuilder(history: history, options: options).report(generated: generated)
    }

    init(history: ReportHistory, options: ReportOptions) {
        self.history = history
        self.options = options
        let runs = history.runs.filter { $0.started >= options.since && $0.started <= options.until }
            .sorted { ($0.started, $0.id) < ($1.started, $1.id) }
        self.runs = runs
        runStart = Dictionary(runs.map { ($0.id, $0.started) }, uniquingKeysWith: { first, _ in first })

        var names: [String: String] = [:]
        func see(_ zone: String?) {
            guard let zone else { return }
            let key = ZoneKey.of(zone)
            if names[key] == nil { names[key] = zone }
        }
        var seenRuns: [String: Set<Date>] = [:]
        for item in history.findings {
            guard let started = runStart[item.runID], let zone = item.finding.zone else { continue }
            see(zone)
            seenRuns[ZoneKey.of(zone), default: []].insert(started)
        }
        for item in history.zoneRuns ?? [] where item.started >= options.since && item.started <= options.until {
            see(item.zone)
            seenRuns[ZoneKey.of(item.zone), default: []].insert(item.started)
        }
        for item in history.measurements where item.started >= options.since && item.started <= options.until {
            see(item.measurement.zone)
            seenRuns[ZoneKey.of(item.measurement.zone), default: []].insert(item.started)
        }
        for item in history.expiries where item.started >= options.since && item.started <= options.until { see(item.zone) }
        for event in history.snapshotEvents where event.time <= options.until { see(event.zone) }
        for event in history.restoreEvents where event.time <= options.until { see(event.zone) }
        zoneRuns = seenRuns.mapValues { $0.sorted() }

        if let wanted = options.zones {
            zoneKeys = wanted.map(ZoneKey.of).reduce(into: []) { keys, key in if !keys.contains(key) { keys.append(key) } }
            for zone in wanted where names[ZoneKey.of(zone)] == nil { names[ZoneKey.of(zone)] = zone }
        } else {
            zoneKeys = names.keys.sorted(by: ZoneKey.precedes)
        }
        zoneNames = names
    }

    func report(generated: Date) -> RegistryReport {
        let groups = findingProblems()
        let incidents = serialIncidents()
        var problems = groups.map { problem(from: $0, incidents: incidents) }
        var zones: [ZoneReport] = []
        for key in zoneKeys {
            let name = zoneNames[key] ?? key
            let backup = backupStatus(zone: key)
            let own = backupProblems(zone: key, name: name, status: backup)
            problems += own
            let mine = problems.filter { $0.zone.map(ZoneKey.of) == key }
            zones.append(ZoneReport(
                zone: name,
                status: mine.filter(\.ongoing).map(\.severity).max() ?? .ok,
                availability: availability(zone: key),
                latency: latency(zone: key),
                serialIncidents: incidents[key] ?? [],
                consistency: mine.filter(Self.isConsistency).sorted(by: Self.ranked),
                hijack: mine.filter(Self.isHijack).sorted(by: Self.ranked),
                dnssec: dnssecStatus(zone: key, problems: mine),
                backup: backup))
        }
        let headroom = headroomEntries()
        problems += headroomProblems(headroom)

        var notes: [String] = []
        if runs.isEmpty { notes.append(Term.noData.text(language)) }
        return RegistryReport(
            language: language, generated: generated, since: options.since, until: options.until, probeRuns: runs.count,
            resolvers: runs.flatMap(\.resolvers).reduce(into: []) { list, name in if !list.contains(name) { list.append(name) } },
            summary: problems.filter { zoneKeys.isEmpty || $0.zone.map { zoneKeys.contains(ZoneKey.of($0)) } ?? true }
                .sorted(by: Self.ranked),
            zones: zones, headroom: headroom, notes: notes,
            limits: RegistryReport.Limits(backupMaxAgeSeconds: options.backupMaxAge, drillMaxAgeSeconds: options.drillMaxAge,
                                          expiryWindowSeconds: options.expiryWindow, headroomMinimum: options.headroomMinimum))
    }

    /// Worst first; then what is still wrong before what was; then by place.
    static func ranked(_ a: ReportProblem, _ b: ReportProblem) -> Bool {
        let left = (9 - a.severity.rank, a.ongoing ? 0 : 1, a.zone.map(ZoneKey.of) ?? "", a.check?.rawValue ?? "~",
                    a.server ?? "", a.address ?? "")
        let right = (9 - b.severity.rank, b.ongoing ? 0 : 1, b.zone.map(ZoneKey.of) ?? "", b.check?.rawValue ?? "~",
                     b.server ?? "", b.address ?? "")
        if left != right { return left < right }
        return (a.reason.rawValue, a.message) < (b.reason.rawValue, b.message)
    }

    static func isConsistency(_ problem: ReportProblem) -> Bool {
        problem.check == .authData
            || (problem.check == .authDelegation && [.nsSetMismatch, .glueMismatch, .parentsDisagree, .nsUnexpected].contains(problem.reason))
            || (problem.check == .authDNSSEC && problem.reason == .dnskeyDiffers)
    }

    static func isHijack(_ problem: ReportProblem) -> Bool {
        problem.check == .recCorrect || problem.check == .recNXDomain
    }

    /// Rounded so the JSON holds the figures people read, not binary noise.
    static func rounded(_ value: Double, _ decimals: Double = 1000) -> Double {
        (value * decimals).rounded() / decimals
    }
}

/// Zones compared the way DNS compares names: case and the final dot do not matter.
enum ZoneKey {
    static func of(_ zone: String) -> String {
        let lower = zone.lowercased()
        return lower.count > 1 && lower.hasSuffix(".") ? String(lower.dropLast()) : lower
    }

    /// The root first, then by labels from the right (`test` before `a.test`).
    static func precedes(_ a: String, _ b: String) -> Bool {
        let left = a == "." ? [] : a.split(separator: ".").reversed().map(String.init)
        let right = b == "." ? [] : b.split(separator: ".").reversed().map(String.init)
        return left.lexicographicallyPrecedes(right)
    }
}
