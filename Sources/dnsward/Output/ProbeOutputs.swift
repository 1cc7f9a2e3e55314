import Foundation
import History
import Model
import Report

/// Where a probe run's batches go as they come: the history (written as the run goes),
/// the Prometheus file (its families in temporary files until the end), and the tally the
/// status line and the JSON document are made from. A run over many zones holds only what
/// the printed output needs.
actor ProbeOutputs {
    private(set) var tally: RunTally
    private let history: HistoryRunWriter?
    private var prometheus: PrometheusStream?
    private var prometheusError: (any Error)?
    private let prometheusPath: String?

    init(history: HistoryStore?, prometheusPath: String?, started: Date, zones: Int, resolvers: [String],
         keepAll: Bool, keepZones: Set<String>) throws {
        tally = RunTally(keepAll: keepAll, keepZones: keepZones)
        self.history = try history?.beginRun(started: started, zones: zones, resolvers: resolvers)
        self.prometheusPath = prometheusPath
        do {
            prometheus = try prometheusPath.map { try PrometheusStream(path: $0) }
        } catch {
            prometheusError = error
        }
    }

    func add(_ batch: ProbeBatch) {
        tally.add(batch)
        history?.add(batch)
        do {
            try prometheus?.add(batch)
        } catch {
            prometheusError = error
            prometheus?.discard()
            prometheus = nil
        }
    }

    /// Finishes the history, then the metrics; a failure of either becomes a PROBE finding
    /// (in the metrics too, when the history failed), as the run's own.
    func finish(_ frame: ProbeRunFrame) -> RunTally {
        do {
            try history?.finish(finished: frame.finished, status: tally.status, critical: tally.count(.critical),
                                warning: tally.count(.warning), unknown: tally.count(.unknown))
        } catch {
            add(ProbeBatch(zone: nil, findings: [Finding(check: .probe, severity: .unknown, reason: .historyFailed,
                                                         parameters: ["error": .text("\(error)")])]))
        }
        if let path = prometheusPath {
            do {
                if let prometheusError { throw prometheusError }
                try prometheus?.finish(frame, tally: tally)
            } catch {
                tally.add(ProbeBatch(zone: nil, findings: [Finding(check: .probe, severity: .unknown, reason: .metricsFailed,
                                                                   parameters: ["path": .text(path), "error": .text("\(error)")])]))
            }
        }
        return tally
    }
}
