import DNSCore
import Foundation
import Model

extension ReportBuilder {
    /// The non-OK findings of the period that are one problem: same check, place and
    /// subject (a serial lag stays one problem whether or not its duration was known).
    struct Group {
        var first: Date
        var last: Date
        var lastRunID: Int64
        var runs: Set<Int64>
        var worst: Severity
        var latest: Finding
    }

    func findingProblems() -> [Group] {
        var groups: [[String]: Group] = [:]
        var order: [[String]] = []
        for item in history.findings {
            let finding = item.finding
            guard finding.severity != .ok, let started = runStart[item.runID] else { continue }
            let reason = [Reason.serialLag, .serialLagUnknownDuration].contains(finding.reason) ? "serial" : finding.reason.rawValue
            // The NXDOMAIN check asks a random name each run: the subject is the zone, not the name.
            let name = finding.check == .recNXDomain ? "" : finding.parameters.text("name").lowercased()
            let key = [finding.check.rawValue, reason, finding.zone.map(ZoneKey.of) ?? "", finding.server ?? "",
                       finding.address ?? "", finding.transport?.rawValue ?? "", name, finding.parameters.text("type"),
                       finding.reason == .legacy ? finding.message : ""]
            if var group = groups[key] {
                group.first = min(group.first, started)
                if started >= group.last {
                    group.last = started
                    group.lastRunID = item.runID
                    group.latest = finding
                }
                group.runs.insert(item.runID)
                group.worst = max(group.worst, finding.severity)
                groups[key] = group
            } else {
                groups[key] = Group(first: started, last: started, lastRunID: item.runID, runs: [item.runID],
                                    worst: finding.severity, latest: finding)
                order.append(key)
            }
        }
        return order.compactMap { groups[$0] }
    }

    /// The latest run that looked at the zone (or, for findings without a zone, any run).
    func latestRun(zone: String?) -> Date? {
        guard let zone else { return runs.last?.started }
        return zoneRuns[ZoneKey.of(zone)]?.last
    }

    func problem(from group: Group, incidents: [String: [SerialIncident]]) -> ReportProblem {
        let finding = group.latest
        let server = finding.server.map { name in finding.address.map { "\(name) (\($0))" } ?? name }
        var parameters = finding.parameters
        var firstSeen = group.first
        var message = ReportCatalogue.message(finding.reason, parameters, language) ?? finding.message
        if [.serialLag, .serialLagUnknownDuration].contains(finding.reason), let zone = finding.zone,
           let incident = incidents[ZoneKey.of(zone)]?.last(where: {
               $0.server == finding.server && $0.address == finding.address && $0.start <= group.last
           }) {
            // A lag began when the newest serial appeared, even while it was within tolerance.
            firstSeen = min(firstSeen, incident.start)
            parameters["since"] = .time(incident.start)
            parameters["for"] = .seconds(incident.seconds)
            parameters["referenceServers"] = .list(incident.referenceServers)
            message = ReportCatalogue.serialHeadline(
                server: finding.server ?? "?", serial: String(incident.serial), reference: String(incident.reference),
                seconds: incident.seconds, referenceServers: incident.referenceServers, language)
        }
        if finding.reason == .legacy && language == .zh { message += "（英文原文）" }
        let action = ReportCatalogue.action(finding.reason, parameters, zone: finding.zone, server: server,
                                            address: finding.address, language)
            ?? (language == .en ? "Read the message and the check's description in the README." : "请阅读上述信息及 README 中对该检查项的说明。")
        return ReportProblem(
            severity: group.worst, check: finding.check, reason: finding.reason, zone: finding.zone, server: finding.server,
            address: finding.address, transport: finding.transport?.rawValue, firstSeen: firstSeen, lastSeen: group.last,
            occurrences: group.runs.count, ongoing: latestRun(zone: finding.zone) == group.last, parameters: parameters,
            message: message, action: action)
    }

    /// Every server's stretches behind the zone's newest serial, from the serial findings
    /// (any severity: a lag inside its tolerance is still an incident) run by run.
    func serialIncidents() -> [String: [SerialIncident]] {
        struct Lag {
            var started: Date
            var finding: Finding
        }
        var lags: [String: [[String]: [Lag]]] = [:]
        for item in history.findings {
            let finding = item.finding
            guard [.serialLag, .serialLagUnknownDuration].contains(finding.reason), let zone = finding.zone,
                  let started = runStart[item.runID] else { continue }
            lags[ZoneKey.of(zone), default: [:]][[finding.server ?? "", finding.address ?? ""], default: []]
                .append(Lag(started: started, finding: finding))
        }
        var result: [String: [SerialIncident]] = [:]
        for (zone, servers) in lags {
            let zoneTimes = zoneRuns[zone] ?? []
            var incidents: [SerialIncident] = []
            for (server, found) in servers {
                let byTime = Dictionary(found.map { ($0.started, $0) }, uniquingKeysWith: { first, _ in first })
                var current: [Lag] = []
                func close(caughtUp: Date?) {
                    guard let first = current.first, let last = current.last else { return }
                    let declared = current.compactMap { $0.finding.parameters.time("referenceFirstSeen") }.min()
                    let start = min(first.started, declared ?? first.started)
                    let end = caughtUp ?? last.started
                    let distances = current.compactMap { $0.finding.parameters.has("distance") ? $0.finding.parameters.integer("distance") : nil }
                    incidents.append(SerialIncident(
                        server: server[0], address: server[1],
                        serial: UInt32(clamping: last.finding.parameters.integer("serial")),
                        reference: UInt32(clamping: last.finding.parameters.integer("reference")),
                        behind: distances.max(), start: start, end: caughtUp, seconds: end.timeIntervalSince(start),
                        ongoing: caughtUp == nil, severity: current.map(\.finding.severity).max() ?? .ok,
                        referenceServers: referenceServers(zone: zone, at: last.started,
                                                           serial: UInt32(clamping: last.finding.parameters.integer("reference")))))
                    current = []
                }
                for time in zoneTimes {
                    if let lag = byTime[time] {
                        current.append(lag)
                    } else if !current.isEmpty {
                        close(caughtUp: time)
                    }
                }
                close(caughtUp: nil)
            }
            result[zone] = incidents.sorted { ($0.start, $0.server, $0.address) < ($1.start, $1.server, $1.address) }
        }
        return result
    }

    /// The servers that answered `serial` for the zone in the run started at `time`.
    func referenceServers(zone: String, at time: Date, serial: UInt32) -> [String] {
        let names = history.measurements.filter {
            $0.started == time && ZoneKey.of($0.measurement.zone) == zone && $0.measurement.serial == serial
        }.map(\.measurement.server)
        return Array(Set(names)).sorted()
    }
}
