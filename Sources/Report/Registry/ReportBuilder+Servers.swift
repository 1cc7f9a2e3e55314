import DNSCore
import Foundation
import Model

extension ReportBuilder {
    func measurements(zone: String) -> [ReportHistory.RunMeasurement] {
        history.measurements.filter {
            $0.started >= options.since && $0.started <= options.until && ZoneKey.of($0.measurement.zone) == zone
        }
    }

    /// Per server address: of the runs that asked it, how many got an answer, UDP and TCP
    /// apart (a retried query counts once).
    func availability(zone: String) -> [ServerAvailability] {
        var asked: [[String]: [TransportProtocol: Set<Date>]] = [:]
        var answered: [[String]: [TransportProtocol: Set<Date>]] = [:]
        for item in measurements(zone: zone) {
            let key = [item.measurement.server, item.measurement.address]
            asked[key, default: [:]][item.measurement.transport, default: []].insert(item.started)
            if item.measurement.rtt != nil {
                answered[key, default: [:]][item.measurement.transport, default: []].insert(item.started)
            }
        }
        return asked.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            func figure(_ transport: TransportProtocol) -> Availability? {
                guard let runs = asked[key]?[transport] else { return nil }
                return Availability(answered: answered[key]?[transport]?.count ?? 0, runs: runs.count)
            }
            return ServerAvailability(server: key[0], address: key[1], udp: figure(.udp), tcp: figure(.tcp))
        }
    }

    /// The UDP SOA round trips per server address: the slowest of each run (as the metrics
    /// keep it), summarised, and the median per time bucket for the chart.
    func latency(zone: String) -> [LatencySeries] {
        var perRun: [[String]: [Date: Double]] = [:]
        for item in measurements(zone: zone) where item.measurement.transport == .udp {
            guard let rtt = item.measurement.rtt else { continue }
            let key = [item.measurement.server, item.measurement.address]
            perRun[key, default: [:]][item.started] = max(perRun[key]?[item.started] ?? 0, rtt * 1000)
        }
        let times = Set(perRun.values.flatMap(\.keys)).sorted()
        guard let first = times.first, let last = times.last else { return [] }
        let buckets = max(1, min(Self.latencyBuckets, times.count))
        let width = max(1, last.timeIntervalSince(first) / Double(buckets))
        return perRun.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            let samples = perRun[key]!
            let values = samples.values.sorted()
            var grouped: [Int: [(Date, Double)]] = [:]
            for (time, value) in samples {
                grouped[min(buckets - 1, Int(time.timeIntervalSince(first) / width)), default: []].append((time, value))
            }
            // Each point sits at the middle run of its bucket: with one run a bucket, at the run.
            let points = grouped.keys.sorted().map { index in
                let members = grouped[index]!.sorted { $0.0 < $1.0 }
                return LatencyPoint(time: members[(members.count - 1) / 2].0,
                                    milliseconds: Self.rounded(Self.median(members.map(\.1).sorted())))
            }
            return LatencySeries(
                server: key[0], address: key[1], samples: values.count, medianMilliseconds: Self.rounded(Self.median(values)),
                p95Milliseconds: Self.rounded(Self.percentile(values, 95)), maxMilliseconds: Self.rounded(values.last ?? 0),
                points: points)
        }
    }

    /// At most this many points per server: a week of five-minute runs in 7-hour buckets.
    static let latencyBuckets = 24

    static func median(_ sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Nearest rank.
    static func percentile(_ sorted: [Double], _ percent: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }

    func dnssecStatus(zone: String, problems: [ReportProblem]) -> DNSSECStatus {
        let seen = history.expiries.filter {
            $0.started >= options.since && $0.started <= options.until && ZoneKey.of($0.zone) == zone
        }.sorted { $0.started < $1.started }
        let latest = seen.last?.expiry
        let shortest = seen.min { $0.expiry.timeIntervalSince($0.started) < $1.expiry.timeIntervalSince($1.started) }
        return DNSSECStatus(
            signed: !seen.isEmpty, earliestExpiry: latest,
            daysLeft: latest.map { Self.rounded($0.timeIntervalSince(options.until) / 86_400, 100) },
            shortestDaysLeft: shortest.map { Self.rounded($0.expiry.timeIntervalSince($0.started) / 86_400, 100) },
            shortestSeenAt: shortest?.started,
            incidents: problems.filter { $0.check == .authDNSSEC && $0.reason != .dnskeyDiffers }.sorted(by: Self.ranked))
    }
}
