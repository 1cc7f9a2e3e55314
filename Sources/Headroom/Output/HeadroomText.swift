import Foundation

/// The result for people: one table row per held rate, then the verdict line.
public enum HeadroomText {
    public static func render(_ result: HeadroomResult) -> String {
        var lines: [String] = []
        lines.append("dnsward headroom \(result.server) (\(result.transport), \(result.mode)): \(result.queries.count) queries from \(result.queries.origin)")
        let header = ["#", "kind", "offered/s", "sent", "answered", "lost%", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms",
                      "q kB/s", "a kB/s", "drops g/h", "server rx", "result"]
        var rows: [[String]] = [header]
        for step in result.steps {
            let latency = step.latencyMilliseconds
            rows.append([
                String(step.index), step.kind, grouped(step.offeredQps), grouped(Double(step.sent)), grouped(Double(step.answered)),
                String(format: "%.2f", step.lossPercent),
                latency.map { milliseconds($0.p50) } ?? "-", latency.map { milliseconds($0.p90) } ?? "-",
                latency.map { milliseconds($0.p99) } ?? "-", latency.map { milliseconds($0.p999) } ?? "-",
                String(format: "%.1f", step.queryBytesPerSecond / 1000), String(format: "%.1f", step.answerBytesPerSecond / 1000),
                "\(step.kernel.generatorSocketDrops)/\(step.kernel.hostRcvbufErrors)",
                step.serverReceived.map { grouped(Double($0)) } ?? "-",
                step.passed ? "pass" : (step.generatorBound ? "GENERATOR " : "FAIL ") + step.reasons.joined(separator: ","),
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 || column == 1 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            var line = cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        if let bandwidth = result.bandwidth {
            lines.append(String(format: "bandwidth at %@ q/s%@: in %.3f Mbit/s (%.0f B/query on the wire), out %.3f Mbit/s (%.0f B/answer), amplification %.2fx",
                                grouped(bandwidth.atQps), bandwidth.lowerBound ? " (or more)" : "", bandwidth.inboundMbps, bandwidth.queryWireBytes,
                                bandwidth.outboundMbps, bandwidth.answerWireBytes, bandwidth.amplification))
        }
        lines.append("HEADROOM \(result.verdict)")
        return lines.joined(separator: "\n")
    }

    static func grouped(_ value: Double) -> String {
        Int(value.rounded()).formatted(.number.grouping(.automatic))
    }

    static func milliseconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.3f", value) : String(format: "%.1f", value)
    }
}
