@testable import Headroom
import DNSCore
import Histogram
import Testing

/// How one held rate is judged, from counts fed in directly.
struct StepJudgeTests {
    static func bucket(scheduled: Int, sent: Int, answered: Int, servfail: Int = 0, earlyLag: Double = 0, lateLag: Double = 0,
                       latencyMicroseconds: UInt64 = 200) -> BucketMeasurement {
        var send = SendTally(digits: .three)
        send.sent = sent
        send.bytes = sent * 40
        var receive = ReceiveTally(digits: .three, timeoutMicroseconds: 1_000_000)
        receive.answered = answered
        receive.bytes = answered * 100
        receive.rcodes[0] = answered - servfail
        receive.rcodes[2] = servfail
        for _ in 0..<answered { _ = receive.latency.record(latencyMicroseconds) }
        return BucketMeasurement(start: 0, seconds: 1, scheduled: scheduled, send: send, receive: receive,
                                 earlyLag: earlyLag, lateLag: lateLag)
    }

    static func phase(_ bucket: BucketMeasurement, ownDrops: Int = 0, hostDrops: Int = 0) -> PhaseMeasurement {
        PhaseMeasurement(buckets: [bucket], sendingSeconds: 1, interrupted: false, refused: 0, lastSendError: nil, unmatched: 0,
                         ownSocketDrops: ownDrops, hostReceiveBufferErrors: hostDrops, hostInErrors: 0, gsoUsed: false)
    }

    static func judge(_ bucket: BucketMeasurement, ownDrops: Int = 0, hostDrops: Int = 0, servfailBaseline: Double? = nil) -> StepResult {
        StepJudge.judge(index: 1, kind: "step", offeredQps: Double(bucket.scheduled), bucket: bucket,
                        phase: phase(bucket, ownDrops: ownDrops, hostDrops: hostDrops), kernelFromPhase: true,
                        thresholds: StepThresholds(lossPercent: 1, p99Milliseconds: 100),
                        baselineServfailPercent: servfailBaseline, headerBytes: 28)
    }

    @Test func aCleanStepPasses() {
        let step = Self.judge(Self.bucket(scheduled: 1000, sent: 1000, answered: 1000))
        #expect(step.passed && step.reasons.isEmpty && step.lossPercent == 0)
        #expect(step.meanQueryBytes == 40 && step.meanAnswerBytes == 100)
    }

    @Test func lossAboveTheThresholdFailsAndIsPinnedOnTheServerHost() {
        let step = Self.judge(Self.bucket(scheduled: 1000, sent: 1000, answered: 950), hostDrops: 50)
        #expect(!step.passed && step.reasons == ["loss"])
        #expect(step.kernel.lossAttribution == "this-host")
        #expect(!step.generatorBound)
    }

    @Test func answersDroppedAtOurOwnSocketsMakeTheGeneratorTheLimit() {
        let step = Self.judge(Self.bucket(scheduled: 1000, sent: 1000, answered: 900), ownDrops: 100, hostDrops: 100)
        #expect(step.generatorBound && step.reasons.contains("generator-socket-drops"))
        #expect(step.kernel.lossAttribution == "generator-host")
    }

    @Test func sendingBelowNinetyEightPercentIsAGeneratorLimit() {
        let step = Self.judge(Self.bucket(scheduled: 1000, sent: 970, answered: 970))
        #expect(step.generatorBound && step.reasons == ["generator-behind"])
    }

    @Test func aGrowingSendLagIsAGeneratorLimit() {
        let step = Self.judge(Self.bucket(scheduled: 1000, sent: 1000, answered: 1000, earlyLag: 500, lateLag: 20_000))
        #expect(step.generatorBound && step.lagGrowing && step.reasons == ["send-lag-growing"])
        let steady = Self.judge(Self.bucket(scheduled: 1000, sent: 1000, answered: 1000, earlyLag: 9_000, lateLag: 9_500))
        #expect(steady.passed && !steady.lagGrowing)
    }

    @Test func aRisingServfailShareFailsAStep() {
        let step = Self.judge(Self.bucket(scheduled: 1000, sent: 1000, answered: 1000, servfail: 50), servfailBaseline: 0)
        #expect(!step.passed && step.reasons == ["servfail"] && step.servfailPercent == 5)
        #expect(step.rcodes == ["NOERROR": 950, "SERVFAIL": 50])
        let steady = Self.judge(Self.bucket(scheduled: 1000, sent: 1000, answered: 1000, servfail: 50), servfailBaseline: 5)
        #expect(steady.passed)
    }

    @Test func aSlowP99FailsAStep() {
        let step = Self.judge(Self.bucket(scheduled: 100, sent: 100, answered: 100, latencyMicroseconds: 150_000))
        #expect(!step.passed && step.reasons == ["p99"])
        #expect((step.latencyMilliseconds?.p99 ?? 0) >= 149)
    }

    @Test func rampScheduleMeetsItsRates() {
        let ramp = LoadSchedule.ramp(from: 100, to: 1100, seconds: 10)
        #expect(ramp.total == 6000)
        #expect(abs(ramp.intendedTime(of: 3000) - ramp.intendedTime(of: 3000)) < 1e-12)
        // Query k leaves when the cumulative schedule reaches k.
        for k in [0, 1, 999, 3000, 5999] {
            let t = ramp.intendedTime(of: k)
            #expect(abs(ramp.scheduled(at: t) - Double(k)) < 1e-6)
        }
        #expect(LoadSchedule.constant(1000, seconds: 2).due(at: 0) == 1)
        #expect(LoadSchedule.constant(1000, seconds: 2).due(at: 0.0105) == 11)
        #expect(LoadSchedule.constant(1000, seconds: 2).due(at: 5) == 2000)
    }
}

/// Who may be loaded: loopback always, anything else only when listed.
struct TargetPolicyTests {
    @Test func loopbackAlwaysOthersOnlyWhenListed() throws {
        let none = try LoadPolicy(allow: [])
        try none.check(try ServerAddress(parsing: "127.53.2.1"))
        try none.check(try ServerAddress(parsing: "::1"))
        #expect(throws: HeadroomError.self) { try none.check(try ServerAddress(parsing: "192.0.2.7")) }
        let listed = try LoadPolicy(allow: ["192.0.2.0/24", "2001:db8::53"])
        try listed.check(try ServerAddress(parsing: "192.0.2.7"))
        try listed.check(try ServerAddress(parsing: "[2001:db8::53]:5353"))
        #expect(throws: HeadroomError.self) { try listed.check(try ServerAddress(parsing: "192.0.3.7")) }
        #expect(throws: HeadroomError.self) { try listed.check(try ServerAddress(parsing: "2001:db8::54")) }
        #expect(throws: HeadroomError.self) { try LoadPolicy(allow: ["192.0.2.0/33"]) }
        #expect(throws: HeadroomError.self) { try LoadPolicy(allow: ["example.org"]) }
    }

    @Test func queryFilesInDnsperfFormat() throws {
        let questions = try QueryFile.questions(text: "; comment\n# comment\n\nwww.example.org A\nexample.org mx\nbare.example.org\n", name: "q")
        #expect(questions.map(\.description) == ["www.example.org. IN A", "example.org. IN MX", "bare.example.org. IN A"])
        #expect(throws: HeadroomError.self) { try QueryFile.questions(text: "\n; only comments\n", name: "q") }
        #expect(throws: HeadroomError.self) { try QueryFile.questions(text: "a b c\n", name: "q") }
    }
}
