import DNSCore
import DNSWardTestKit
import Headroom
import ServerControl
import Testing

/// Small bounded rates against real servers: every step holds, every answer is counted, and
/// the servers' own counters saw what was sent. The lab's servers are shared with suites
/// running at the same time on two cores (a large zone transfer holds NSD for a few hundred
/// milliseconds, a busy resolver overflows its socket): against them a step may lose up to
/// 5% and latency is not judged. The private NSD is held to every query.
extension HeadroomLoad {
    @Suite(.lab, .serialized, .timeLimit(.minutes(2)))
    struct HeadroomLabTests {
        static func request(_ target: ServerAddress, maxQps: Double = 1_200, shared: Bool = true) throws -> HeadroomRequest {
            var request = HeadroomRequest(target: target, queries: try HeadroomFixtures.queries(), queryKind: "file")
            request.maxQps = maxQps
            request.startQps = maxQps / 4
            request.stepSeconds = 1
            request.duration = 10
            request.answerTimeout = 2
            request.thresholds = StepThresholds(lossPercent: shared ? 5 : 1, p99Milliseconds: 2_000)
            return request
        }

        static func expectEveryStepHeld(_ result: HeadroomResult, maxQps: Double, counted: Bool = true, shared: Bool = true) {
            #expect(result.steps.map(\.offeredQps) == [maxQps / 4, maxQps / 2, maxQps])
            for step in result.steps {
                #expect(step.passed, "step \(step.index): \(step.reasons)")
                #expect(step.sent == step.scheduled)
                #expect(step.answered + step.lost == step.sent)
                if shared {
                    #expect(step.answered * 100 >= step.sent * 95)
                    #expect(["none", "this-host", "server-or-network"].contains(step.kernel.lossAttribution))
                } else {
                    #expect(step.answered == step.sent)
                    #expect(step.kernel.lossAttribution == "none")
                }
                #expect(step.rcodes == ["NOERROR": step.answered])
                if counted {
                    let received = step.serverReceived ?? 0
                    #expect(received >= UInt64(shared ? step.answered : step.sent), "the server counted \(received) of \(step.sent)")
                } else {
                    #expect(step.serverReceived == nil)
                }
                #expect((step.latencyMilliseconds?.p99 ?? .infinity) < 2_000)
            }
            #expect(result.capacityQps == maxQps)
            #expect(result.limitedBy == "rate-cap")
            #expect(result.capacityIsLowerBound)
            #expect(!result.generatorBound)
            let bandwidth = result.bandwidth
            #expect(bandwidth?.amplification ?? 0 > 1, "answers are larger than queries")
            #expect(bandwidth?.lowerBound == true)
        }

        @Test func labNSDHoldsEveryStep() async throws {
            let result = try await HeadroomRun(request: try Self.request(Lab.authA), policy: LoadPolicy(allow: [])).run()
            Self.expectEveryStepHeld(result, maxQps: 1_200, counted: false)
        }

        /// NSD's own counter, read around every step, saw every query sent (a private NSD:
        /// reading NSD 4.6's counters restarts its server process).
        @Test func nsdCountsEveryQueryOfEveryStep() async throws {
            try await withCountedNSD { nsd in
                var request = try Self.request(nsd.address, maxQps: 3_000, shared: false)
                request.queries = try HeadroomFixtures.queries("www.counted.test A\ncounted.test MX\n")
                request.counter = try NSDQueryCounter(configPath: nsd.configPath)
                let result = try await HeadroomRun(request: request, policy: LoadPolicy(allow: [])).run()
                Self.expectEveryStepHeld(result, maxQps: 3_000, shared: false)
            }
        }

        @Test func unboundHoldsEveryStepAndCountsThem() async throws {
            var request = try Self.request(Lab.resolver)
            request.counter = try UnboundQueryCounter(configPath: Lab.resolverConfig)
            let result = try await HeadroomRun(request: request, policy: LoadPolicy(allow: [])).run()
            Self.expectEveryStepHeld(result, maxQps: 1_200)
        }

        @Test func pipelinedTCPAgainstNSD() async throws {
            var request = try Self.request(Lab.authA, maxQps: 1_200)
            request.transport = .tcp
            request.tcpConnections = 2
            let result = try await HeadroomRun(request: request, policy: LoadPolicy(allow: [])).run()
            #expect(result.transport == "tcp")
            Self.expectEveryStepHeld(result, maxQps: 1_200, counted: false)
        }

        @Test func gsoSendsTheSameQueries() async throws {
            // Equal-sized queries, so runs of them travel as one segmented send.
            var request = try Self.request(Lab.authA, maxQps: 8_000)
            request.queries = try HeadroomFixtures.queries("www.healthy.test A\n")
            request.gso = true
            let result = try await HeadroomRun(request: request, policy: LoadPolicy(allow: [])).run()
            #expect(result.settings.gso, "this kernel (Linux 4.18+) takes UDP_SEGMENT")
            #expect(result.steps.allSatisfy { $0.passed && $0.answered * 100 >= $0.sent * 95 && $0.sent == $0.scheduled })
        }

        @Test func zoneNamesByTransfer() async throws {
            let loaded = try await ZoneQuestions.load(zone: "healthy.test.", store: nil, server: Lab.authA)
            #expect(loaded.origin.hasPrefix("AXFR of healthy.test."))
            #expect(loaded.questions.contains(Question(name: "www.healthy.test.", type: .a)))
            #expect(loaded.questions.contains(Question(name: "healthy.test.", type: .mx)))
            var request = HeadroomRequest(target: Lab.authA, queries: try QuerySet(questions: loaded.questions, origin: loaded.origin),
                                          queryKind: "zone-axfr")
            request.maxQps = 1_000
            request.startQps = 1_000
            request.stepSeconds = 1
            request.duration = 2
            request.answerTimeout = 2
            request.thresholds = StepThresholds(lossPercent: 5, p99Milliseconds: 2_000)
            let result = try await HeadroomRun(request: request, policy: LoadPolicy(allow: [])).run()
            let step = try #require(result.steps.first)
            #expect(step.passed && step.answered * 100 >= step.sent * 95)
            // Every name of the zone exists: NOERROR throughout.
            #expect(step.rcodes.keys.sorted() == ["NOERROR"])
        }

        @Test func aZoneNobodyServesIsAClearError() async throws {
            await #expect {
                try await ZoneQuestions.load(zone: "noaxfr.test.", store: nil, server: Lab.authA)
            } throws: { error in
                "\(error)".contains("noaxfr.test") && "\(error)".contains("no snapshot")
            }
        }
    }
}
