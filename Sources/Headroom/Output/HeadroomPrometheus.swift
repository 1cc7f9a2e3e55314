import Foundation

/// A result as Prometheus text exposition for node_exporter's textfile collector: gauges
/// for the latest run, replaced whole on each run.
public enum HeadroomPrometheus {
    public static func render(_ result: HeadroomResult) -> String {
        var out = ""
        let base = [("server", result.server), ("transport", result.transport)]
        func family(_ name: String, _ help: String, _ samples: [([(String, String)], Double)]) {
            guard !samples.isEmpty else { return }
            out += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
            for (labels, value) in samples {
                let text = labels.map { "\($0.0)=\"\(escape($0.1))\"" }.joined(separator: ",")
                out += "\(name){\(text)} \(number(value))\n"
            }
        }
        family("dnsward_headroom_capacity_qps",
               "Highest query rate held with loss and p99 latency within the thresholds (at least this when capacity_lower_bound is 1).",
               result.capacityQps.map { [(base, $0)] } ?? [])
        family("dnsward_headroom_capacity_lower_bound",
               "1 when the server was never pushed past its limit (generator, rate cap, duration or interrupt ended the search).",
               [(base, result.capacityIsLowerBound ? 1 : 0)])
        family("dnsward_headroom_generator_bound", "1 when the generator could not hold a scheduled rate.",
               [(base, result.generatorBound ? 1 : 0)])
        family("dnsward_headroom_baseline_qps", "The server's normal peak query rate the headroom is measured against.",
               result.baseline.map { [(base + [("source", $0.source)], $0.qps)] } ?? [])
        family("dnsward_headroom_ratio", "Capacity divided by the baseline peak.", result.headroom.map { [(base, $0)] } ?? [])
        if let bandwidth = result.bandwidth {
            family("dnsward_headroom_bandwidth_mbps", "Traffic at capacity in Mbit/s on the wire (IP and UDP headers included).",
                   [(base + [("direction", "in")], bandwidth.inboundMbps), (base + [("direction", "out")], bandwidth.outboundMbps)])
            family("dnsward_headroom_amplification", "Answer bytes per query byte on the wire at capacity.", [(base, bandwidth.amplification)])
            family("dnsward_headroom_link_limit_qps", "Query rate at which the given link fills.",
                   bandwidth.linkLimitQps.map { [(base, $0)] } ?? [])
        }
        family("dnsward_headroom_step_offered_qps", "Offered query rate of each step.",
               result.steps.map { (base + [("step", String($0.index))], $0.offeredQps) })
        family("dnsward_headroom_step_answered_qps", "Answers per second of each step.",
               result.steps.map { (base + [("step", String($0.index))], $0.answeredQps) })
        family("dnsward_headroom_step_loss_ratio", "Share of the sent queries left unanswered in each step.",
               result.steps.map { (base + [("step", String($0.index))], $0.lossPercent / 100) })
        family("dnsward_headroom_step_latency_seconds", "Latency from the intended send time, per step and percentile.",
               result.steps.flatMap { step -> [([(String, String)], Double)] in
                   guard let latency = step.latencyMilliseconds else { return [] }
                   return [("50", latency.p50), ("90", latency.p90), ("99", latency.p99), ("99.9", latency.p999)].map {
                       (base + [("step", String(step.index)), ("percentile", $0.0)], $0.1 / 1000)
                   }
               })
        family("dnsward_headroom_last_run_timestamp_seconds", "When the run finished, as a Unix timestamp.",
               [(base, result.finished.timeIntervalSince1970)])
        family("dnsward_headroom_run_duration_seconds", "How long the run took.",
               [(base, result.finished.timeIntervalSince(result.started))])
        return out
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
