import DNSCore
import Foundation

/// Adds the steps up: capacity, headroom over the baseline, bandwidth at capacity, and
/// the verdict line.
enum Summary {
    static func result(
        request: HeadroomRequest, steps: [StepResult], outcome: SearchOutcome, started: Date, finished: Date,
        headerBytes: Int, gso: Bool, interrupted: Bool
    ) -> HeadroomResult {
        let lowerBound = ["generator", "rate-cap", "duration", "interrupted"].contains(outcome.limitedBy)
            && !(outcome.limitedBy == "interrupted" && outcome.ceiling != nil)
        let generatorSteps = steps.filter(\.generatorBound)
        let generatorAbove = outcome.generatorBoundAbove ?? generatorSteps.map(\.offeredQps).min()
        let capacityStep = outcome.capacity.flatMap { capacity in
            steps.last { $0.passed && abs($0.offeredQps - capacity) < 1e-6 }
        }
        let bandwidth = capacityStep.map {
            Self.bandwidth(at: $0, lowerBound: lowerBound, headerBytes: headerBytes, linkMbps: request.linkMbps)
        }
        var headroom: Double?
        if let capacity = outcome.capacity, let baseline = request.baseline, baseline.qps > 0 {
            headroom = capacity / baseline.qps
        }
        var result = HeadroomResult(
            server: request.target.description, transport: request.transport.rawValue, mode: request.mode.rawValue,
            started: started, finished: finished,
            queries: HeadroomResult.QuerySource(kind: request.queryKind, origin: request.queries.origin,
                                                count: request.queries.count, meanQueryBytes: request.queries.meanSize),
            settings: HeadroomResult.Settings(
                maxQps: request.maxQps, durationSeconds: request.duration, stepSeconds: request.stepSeconds,
                lossThresholdPercent: request.thresholds.lossPercent, p99ThresholdMilliseconds: request.thresholds.p99Milliseconds,
                answerTimeoutMilliseconds: request.answerTimeout * 1000,
                sockets: request.transport == .udp ? request.sockets : request.tcpConnections, gso: gso),
            steps: steps, capacityQps: outcome.capacity, capacityCeilingQps: outcome.ceiling,
            capacityIsLowerBound: lowerBound, limitedBy: outcome.limitedBy,
            generatorBound: !generatorSteps.isEmpty || (request.mode == .calibrate && outcome.ceiling != nil),
            generatorBoundAboveQps: generatorAbove, baseline: request.baseline, headroom: headroom, bandwidth: bandwidth,
            interrupted: interrupted, verdict: "")
        result.verdict = verdict(result, request: request)
        return result
    }

    static func bandwidth(at step: StepResult, lowerBound: Bool, headerBytes: Int, linkMbps: Double?) -> Bandwidth {
        let queryWire = step.meanQueryBytes + Double(headerBytes)
        let answerWire = step.meanAnswerBytes + Double(headerBytes)
        let rate = step.offeredQps
        let answersPerSecond = step.answeredQps
        let inbound = rate * queryWire * 8 / 1e6
        let outbound = answersPerSecond * answerWire * 8 / 1e6
        var linkLimit: Double?
        var first: String?
        var firstQps: Double?
        if let linkMbps, linkMbps > 0 {
            // The busier direction fills first; links are full duplex.
            let answerShare = rate > 0 ? answersPerSecond / rate : 1
            let perQuery = max(queryWire, answerWire * answerShare)
            let limit = linkMbps * 1e6 / 8 / max(perQuery, 1)
            linkLimit = limit
            if limit < rate {
                first = "link"
                firstQps = limit
            } else if !lowerBound {
                first = "server"
                firstQps = rate
            }
        }
        return Bandwidth(
            atQps: rate, lowerBound: lowerBound, queryWireBytes: queryWire, answerWireBytes: answerWire,
            inboundMbps: inbound, outboundMbps: outbound, amplification: queryWire > 0 ? answerWire / queryWire : 0,
            linkMbps: linkMbps, linkLimitQps: linkLimit, firstLimit: first, firstLimitQps: firstQps)
    }

    static func verdict(_ result: HeadroomResult, request: HeadroomRequest) -> String {
        func qps(_ value: Double) -> String { "\(Int(value.rounded()).formatted(.number.grouping(.automatic))) q/s" }
        var parts: [String] = []
        let failing = result.steps.last { !$0.passed && !$0.generatorBound && $0.complete }
        let why = failing.map { $0.reasons.joined(separator: ", ") } ?? ""
        if result.mode == "calibrate" {
            if let capacity = result.capacityQps, let above = result.generatorBoundAboveQps {
                return "generator ceiling on this host: \(qps(capacity)) held, \(qps(above)) not: results above \(qps(capacity)) are generator-bound"
            }
            if let capacity = result.capacityQps {
                return "generator ceiling on this host: at least \(qps(capacity)) (every step up to the rate cap held)"
            }
            return "generator ceiling on this host: below \(qps(request.firstRate))"
        }
        switch result.limitedBy {
        case "no-answer":
            return "no capacity: the server did not answer at \(qps(result.steps.first?.offeredQps ?? request.firstRate))"
        case "generator":
            let above = result.generatorBoundAboveQps.map { " above \(qps($0))" } ?? ""
            if let capacity = result.capacityQps {
                parts.append("capacity at least \(qps(capacity)): this generator could not keep up\(above) (a lower bound, not a capacity)")
            } else {
                parts.append("no result: this generator could not keep up\(above)")
            }
        case "rate-cap":
            parts.append("capacity at least \(qps(result.capacityQps ?? request.maxQps)): every step up to the rate cap passed")
        case "duration":
            parts.append("capacity at least \(qps(result.capacityQps ?? 0)): the duration ended before a step failed")
        case "interrupted":
            if let capacity = result.capacityQps {
                parts.append("interrupted: capacity at least \(qps(capacity))"
                    + (result.capacityCeilingQps.map { ", below \(qps($0))" } ?? ""))
            } else {
                parts.append("interrupted before any step passed")
            }
        default:
            if let capacity = result.capacityQps {
                parts.append("capacity \(qps(capacity)) (server-bound"
                    + (result.capacityCeilingQps.map { ": \(why.isEmpty ? "failed" : why) at \(qps($0))" } ?? "") + ")")
            } else {
                parts.append("no capacity: the server failed already at \(qps(result.capacityCeilingQps ?? request.firstRate))"
                    + (why.isEmpty ? "" : " (\(why))"))
            }
        }
        if let headroom = result.headroom, let baseline = result.baseline {
            parts.append(String(format: "headroom %.1fx over the baseline ", headroom) + qps(baseline.qps))
        } else if let baseline = result.baseline, baseline.qps <= 0 {
            parts.append("the baseline read 0 q/s (an idle server): no headroom ratio")
        }
        if let bandwidth = result.bandwidth {
            parts.append(String(format: "at %@ %.2f Mbit/s in, %.2f Mbit/s out (amplification %.1fx)",
                                qps(bandwidth.atQps), bandwidth.inboundMbps, bandwidth.outboundMbps, bandwidth.amplification))
            if let link = bandwidth.linkMbps, let limit = bandwidth.linkLimitQps {
                let linkText = String(format: "a %g Mbit/s link fills at ", link) + qps(limit)
                switch bandwidth.firstLimit {
                case "link": parts.append(linkText + ": the link gives out first")
                case "server": parts.append(linkText + ": the server gives out first")
                default: parts.append(linkText)
                }
            }
        }
        return parts.joined(separator: "; ")
    }
}
