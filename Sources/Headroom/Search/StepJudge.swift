import DNSCore
import Histogram

/// The thresholds a held rate is judged by.
public struct StepThresholds: Sendable, Equatable {
    /// Loss allowed, in percent of the queries sent.
    public var lossPercent: Double
    public var p99Milliseconds: Double
    /// Below this share of the scheduled queries actually sent, the generator is the limit.
    public var minimumSentRatio: Double = 0.98

    public init(lossPercent: Double, p99Milliseconds: Double) {
        self.lossPercent = lossPercent
        self.p99Milliseconds = p99Milliseconds
    }
}

/// Turns the raw counts of a bucket into a judged step.
enum StepJudge {
    /// A send lag that grew by this much across a step, and ends at least at the second
    /// figure, means the generator is falling behind (microseconds).
    static let lagGrowth = 5_000.0
    static let lagFloor = 10_000.0

    static func judge(
        index: Int, kind: String, offeredQps: Double, bucket: BucketMeasurement, phase: PhaseMeasurement,
        kernelFromPhase: Bool, thresholds: StepThresholds, baselineServfailPercent: Double?, headerBytes: Int
    ) -> StepResult {
        let seconds = max(bucket.seconds, 1e-9)
        let sent = bucket.send.sent
        let answered = bucket.receive.answered
        let lost = max(0, sent - answered)
        let lossPercent = sent > 0 ? Double(lost) / Double(sent) * 100 : 0
        var rcodes: [String: Int] = [:]
        for (code, count) in bucket.receive.rcodes.enumerated() where count > 0 {
            rcodes[ResponseCode(UInt16(code)).description] = count
        }
        let servfail = bucket.receive.rcodes[Int(ResponseCode.servFail.rawValue)]
        let servfailPercent = answered > 0 ? Double(servfail) / Double(answered) * 100 : 0

        let generatorDrops = kernelFromPhase ? phase.ownSocketDrops : 0
        let hostDrops = kernelFromPhase ? phase.hostReceiveBufferErrors : 0
        let attribution: String
        if lost == 0 {
            attribution = "none"
        } else if generatorDrops * 2 >= lost {
            attribution = "generator-host"
        } else if max(0, hostDrops - generatorDrops) * 2 >= lost {
            attribution = "this-host"
        } else {
            attribution = "server-or-network"
        }

        let interrupted = phase.interrupted
        let refused = phase.refused
        let sentRatio = bucket.scheduled > 0 ? Double(sent + refused) / Double(bucket.scheduled) : 1
        let lagGrowing = bucket.lateLag - bucket.earlyLag > lagGrowth && bucket.lateLag > lagFloor
        var reasons: [String] = []
        var generatorBound = false
        if !interrupted && sentRatio < thresholds.minimumSentRatio {
            generatorBound = true
            reasons.append("generator-behind")
        }
        if lagGrowing {
            generatorBound = true
            reasons.append("send-lag-growing")
        }
        if attribution == "generator-host" && lossPercent > thresholds.lossPercent {
            generatorBound = true
            reasons.append("generator-socket-drops")
        }
        if interrupted { reasons.append("interrupted") }
        if refused > 0 { reasons.append("refused") }
        if sent > 0 && answered == 0 { reasons.append("no-answer") }
        if lossPercent > thresholds.lossPercent { reasons.append("loss") }
        let latency = percentiles(bucket.receive.latency)
        if let p99 = latency?.p99, p99 > thresholds.p99Milliseconds { reasons.append("p99") }
        if let baseline = baselineServfailPercent, servfailPercent - baseline > max(thresholds.lossPercent, 0.1) {
            reasons.append("servfail")
        }
        return StepResult(
            index: index, kind: kind, offeredQps: offeredQps, seconds: bucket.seconds, scheduled: bucket.scheduled,
            sent: sent, answered: answered, lost: lost, late: bucket.receive.late, lossPercent: lossPercent,
            answeredQps: Double(answered) / seconds, rcodes: rcodes, servfailPercent: servfailPercent,
            truncated: bucket.receive.truncated, latencyMilliseconds: latency,
            sendLagMilliseconds: percentiles(bucket.send.lag), lagGrowing: lagGrowing,
            queryBytesPerSecond: Double(bucket.send.bytes) / seconds, answerBytesPerSecond: Double(bucket.receive.bytes) / seconds,
            meanQueryBytes: sent > 0 ? Double(bucket.send.bytes) / Double(sent) : 0,
            meanAnswerBytes: answered > 0 ? Double(bucket.receive.bytes) / Double(answered) : 0,
            kernel: StepResult.KernelDrops(generatorSocketDrops: generatorDrops, hostRcvbufErrors: hostDrops,
                                           hostInErrors: kernelFromPhase ? phase.hostInErrors : 0, lossAttribution: attribution),
            serverReceived: nil, generatorBound: generatorBound, passed: reasons.isEmpty, reasons: reasons,
            complete: !interrupted)
    }

    /// Microsecond histogram to milliseconds; nil when nothing was recorded.
    static func percentiles(_ histogram: Histogram<UInt32>) -> StepResult.Percentiles? {
        guard histogram.totalCount > 0 else { return nil }
        func ms(_ value: UInt64) -> Double { Double(value) / 1000 }
        return StepResult.Percentiles(
            p50: ms(histogram.valueAtPercentile(50)), p90: ms(histogram.valueAtPercentile(90)),
            p99: ms(histogram.valueAtPercentile(99)), p999: ms(histogram.valueAtPercentile(99.9)),
            max: ms(histogram.max), mean: histogram.mean / 1000)
    }
}
