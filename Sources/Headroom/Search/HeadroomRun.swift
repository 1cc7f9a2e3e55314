import DNSCore
import Foundation
import Histogram
import ServerControl

/// The measurement policy: which rates to hold, how a held rate is judged, where the
/// search stops, and what the numbers add up to. The CLI only wires it.
public struct HeadroomRun: Sendable {
    public let request: HeadroomRequest
    public let limits: HeadroomLimits
    public let policy: LoadPolicy

    public init(request: HeadroomRequest, limits: HeadroomLimits = HeadroomLimits(), policy: LoadPolicy) {
        self.request = request
        self.limits = limits
        self.policy = policy
    }

    /// Runs until the knee is found, a limit is reached, or `stop` is set; an interrupted
    /// run still returns what it measured.
    public func run(stop: StopSignal = StopSignal(),
                    progress: (@Sendable (HeadroomProgress) -> Void)? = nil) async throws -> HeadroomResult {
        try limits.check(maxQps: request.maxQps, duration: request.duration, stepSeconds: request.stepSeconds)
        var request = self.request
        var responder: NullResponder?
        if request.mode == .calibrate {
            let null = try NullResponder()
            responder = null
            request.target = null.address
            request.transport = .udp
            request.counter = nil
        }
        defer { responder?.stop() }
        try policy.check(request.target)

        let started = Date()
        let generator: any LoadGenerator
        let headerBytes: Int
        var udp: UDPLoad?
        switch request.transport {
        case .udp:
            let load = try UDPLoad(target: request.target, queries: request.queries, sockets: request.sockets, gso: request.gso)
            udp = load
            generator = load
            headerBytes = load.headerBytes
        case .tcp:
            let tcp = TCPLoad(target: request.target, queries: request.queries, connections: request.tcpConnections)
            generator = tcp
            headerBytes = tcp.headerBytes
        }
        var session = Session(request: request, generator: generator, headerBytes: headerBytes, stop: stop, progress: progress)
        let outcome: SearchOutcome
        switch request.mode {
        case .steps, .calibrate: outcome = await session.searchSteps()
        case .ramp: outcome = await session.ramp()
        }
        return Summary.result(
            request: request, steps: session.steps, outcome: outcome, started: started, finished: Date(),
            // GSO as it ended: the kernel may have refused it on the way.
            headerBytes: headerBytes, gso: udp?.gsoEnabled ?? false, interrupted: stop.isStopped)
    }
}

/// How a search ended.
struct SearchOutcome {
    /// The highest rate that passed.
    var capacity: Double?
    /// The lowest rate that failed (server-side), above the capacity.
    var ceiling: Double?
    var limitedBy: String
    var generatorBoundAbove: Double?
}

/// One run's state: the steps so far and the time used.
struct Session {
    let request: HeadroomRequest
    let generator: any LoadGenerator
    let headerBytes: Int
    let stop: StopSignal
    let progress: (@Sendable (HeadroomProgress) -> Void)?
    var steps: [StepResult] = []
    var loadSeconds = 0.0
    private var servfailBaseline: Double?

    init(request: HeadroomRequest, generator: any LoadGenerator, headerBytes: Int, stop: StopSignal,
         progress: (@Sendable (HeadroomProgress) -> Void)?) {
        self.request = request
        self.generator = generator
        self.headerBytes = headerBytes
        self.stop = stop
        self.progress = progress
    }

    private var thresholds: StepThresholds {
        var thresholds = request.thresholds
        // Against the null responder only the generator's own limits matter.
        if request.mode == .calibrate { thresholds.p99Milliseconds = .infinity }
        return thresholds
    }

    /// Time a step costs: the load, then waiting for the last answers.
    private var stepCost: Double { request.stepSeconds + request.answerTimeout }

    private func fits() -> Bool { loadSeconds + request.stepSeconds <= request.duration + 1e-9 }

    /// Holds `rate` for one step and judges it.
    mutating func hold(_ rate: Double, kind: String) async -> StepResult {
        let phase = PhaseRequest(schedule: .constant(rate, seconds: request.stepSeconds), bucketSeconds: request.stepSeconds,
                                 answerTimeout: request.answerTimeout)
        let before = try? await request.counter?.queriesReceived()
        let measurement = await measure(phase, index: steps.count + 1, kind: kind, rate: rate)
        let after = try? await request.counter?.queriesReceived()
        loadSeconds += request.stepSeconds
        var step = StepJudge.judge(
            index: steps.count + 1, kind: kind, offeredQps: rate, bucket: measurement.buckets[0], phase: measurement,
            kernelFromPhase: true, thresholds: thresholds, baselineServfailPercent: servfailBaseline, headerBytes: headerBytes)
        if let before, let after, after >= before { step.serverReceived = after - before }
        if servfailBaseline == nil, step.answered > 0 { servfailBaseline = step.servfailPercent }
        steps.append(step)
        return step
    }

    private func measure(_ phase: PhaseRequest, index: Int, kind: String, rate: Double) async -> PhaseMeasurement {
        let live = LiveCounters()
        var reporter: Task<Void, Never>?
        if let progress {
            let seconds = phase.schedule.seconds
            reporter = Task {
                let clock = ContinuousClock()
                let start = clock.now
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(250))
                    let elapsed = clock.now - start
                    progress(HeadroomProgress(
                        step: index, kind: kind, offeredQps: rate,
                        secondsIntoStep: min(seconds, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18),
                        stepSeconds: seconds, sent: live.sent, answered: live.answered))
                }
            }
        }
        let measurement = await generator.run(phase, live: live, stop: stop)
        reporter?.cancel()
        return measurement
    }

    /// Doubling steps up to the first failure, then bisection between the last good and
    /// the first bad rate until they are within the precision. A rate the generator could
    /// not hold bounds the search from above like a failure, but is no failure of the
    /// server: if no server-side failure is found below it, the result is a lower bound.
    mutating func searchSteps() async -> SearchOutcome {
        var good: Double?
        var bad: Double?
        var generatorAt: Double?
        var rate = request.firstRate
        let floor = 10.0
        var upper: Double? { [bad, generatorAt].compactMap { $0 }.min() }
        func end(_ limit: String) -> SearchOutcome {
            // The tightest bound from above decides who the limit was.
            let generatorFirst = generatorAt.map { $0 <= (bad ?? .infinity) } ?? false
            if generatorFirst && limit != "interrupted" { return outcome(good, nil, "generator", generatorAt: generatorAt) }
            if limit == "server" || (bad != nil && limit != "interrupted") {
                return outcome(good, bad, request.mode == .calibrate ? "generator" : "server",
                               generatorAt: request.mode == .calibrate ? bad : generatorAt)
            }
            return outcome(good, bad, limit, generatorAt: generatorAt)
        }
        while true {
            guard !stop.isStopped else { return end("interrupted") }
            guard fits() else { return end("duration") }
            let step = await hold(rate, kind: "step")
            if stop.isStopped { return end("interrupted") }
            if step.generatorBound {
                generatorAt = rate
                break
            }
            if step.passed {
                good = rate
                if rate >= request.maxQps { return end("rate-cap") }
                rate = min(rate * 2, request.maxQps)
            } else {
                bad = rate
                break
            }
        }
        while let ceiling = upper {
            let lower = good ?? 0
            if lower > 0 && ceiling / lower - 1 <= request.precision { break }
            if lower == 0 && ceiling <= floor { break }
            guard !stop.isStopped else { return end("interrupted") }
            guard fits() else { break }
            let rate = lower > 0 ? (lower + ceiling) / 2 : ceiling / 2
            var step = await hold(rate, kind: "bisect")
            if stop.isStopped { return end("interrupted") }
            // This host already held a higher rate: a stall here is another process taking
            // the CPUs for a moment, not this host's ceiling. Measure the rate once more
            // (both steps are in the result) before it bounds the search.
            if step.generatorBound, rate < heldRate, fits() {
                step = await hold(rate, kind: "bisect")
                if stop.isStopped { return end("interrupted") }
            }
            if step.generatorBound {
                generatorAt = rate
            } else if step.passed {
                good = rate
            } else {
                bad = rate
            }
        }
        if good == nil && !steps.contains(where: { $0.answered > 0 }) { return outcome(nil, bad, "no-answer") }
        if bad == nil, generatorAt != nil { return end("generator") }
        return end("server")
    }

    /// The highest rate this host has held so far (sent in full, no growing lag), whatever
    /// the server made of it.
    private var heldRate: Double {
        steps.lazy.filter { !$0.generatorBound }.map(\.offeredQps).max() ?? 0
    }

    private func outcome(_ good: Double?, _ bad: Double?, _ limit: String, generatorAt: Double? = nil) -> SearchOutcome {
        SearchOutcome(capacity: good, ceiling: bad, limitedBy: limit, generatorBoundAbove: generatorAt)
    }

    /// A linear ramp from a hundredth of the maximum to the maximum over the duration,
    /// judged in short buckets. Unlike resperf it does not stop at the first bad bucket:
    /// the capacity is the last good bucket before three bad ones in a row, and the load
    /// stops there (once those buckets' answers had their time) rather than flooding on.
    mutating func ramp() async -> SearchOutcome {
        let seconds = request.duration
        let bucketSeconds = seconds <= 60 ? 0.5 : 1.0
        var phase = PhaseRequest(schedule: .ramp(from: request.maxQps / 100, to: request.maxQps, seconds: seconds),
                                 bucketSeconds: bucketSeconds, answerTimeout: request.answerTimeout, digits: .two)
        phase.stopAfterBadBuckets = 3
        phase.stopLossPercent = request.thresholds.lossPercent
        let measurement = await measure(phase, index: 1, kind: "ramp", rate: request.maxQps)
        loadSeconds = measurement.sendingSeconds
        var good: Double?
        var bad: Double?
        var badRun = 0
        var generatorAt: Double?
        for (index, bucket) in measurement.buckets.enumerated() {
            // A bucket the interrupt (or the ramp's own stop) cut off was never offered in
            // full: nothing to judge.
            if (measurement.interrupted || measurement.stoppedEarlyAfter != nil) && bucket.start >= measurement.sendingSeconds { break }
            let offered = Double(bucket.scheduled) / max(bucket.seconds, 1e-9)
            var step = StepJudge.judge(
                index: index + 1, kind: "ramp", offeredQps: offered, bucket: bucket, phase: measurement,
                kernelFromPhase: false, thresholds: thresholds, baselineServfailPercent: servfailBaseline, headerBytes: headerBytes)
            if (measurement.interrupted || measurement.stoppedEarlyAfter != nil) && bucket.start + bucket.seconds > measurement.sendingSeconds {
                step.complete = false
                step.passed = false
                step.reasons.append("interrupted")
            }
            if servfailBaseline == nil, step.answered > 0 { servfailBaseline = step.servfailPercent }
            steps.append(step)
            guard step.complete else { break }
            if step.generatorBound {
                generatorAt = offered
                break
            }
            if step.passed {
                if badRun < 3 { good = offered }
                badRun = 0
            } else {
                badRun += 1
                if badRun == 1 { bad = offered }
                if badRun >= 3 { break }
            }
        }
        if measurement.interrupted && badRun < 3 { return outcome(good, nil, "interrupted") }
        if let generatorAt, badRun < 3 { return outcome(good, nil, "generator", generatorAt: generatorAt) }
        if badRun >= 3 { return outcome(good, bad, "server") }
        if !steps.contains(where: { $0.answered > 0 }) { return outcome(nil, nil, "no-answer") }
        return outcome(good, nil, "rate-cap")
    }
}
