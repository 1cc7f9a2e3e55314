import DNSCore
import DNSWardTestKit
import Headroom
import Testing

/// Against a responder that answers at most N queries a second and drops the rest, the
/// step search must land within 5% of N and say the server, not the generator, was the
/// limit. (resperf -L 1 reports about 1,500 q/s for N = 2,000: it stops at the first
/// bucket over the loss limit.)
extension HeadroomLoad {
    @Suite(.serialized, .timeLimit(.minutes(2)))
    struct KnownCapacityTests {
        @Test(arguments: [2_000.0, 5_000.0])
        func capacityWithinFivePercentOfTheTruth(rate: Double) async throws {
            let result = try await withCappedResponder(rate: rate) { responder in
                var request = HeadroomRequest(target: responder.address, queries: try HeadroomFixtures.queries(), queryKind: "file")
                request.maxQps = rate * 4
                request.stepSeconds = 1
                request.duration = 30
                request.answerTimeout = 0.5
                return try await HeadroomRun(request: request, policy: LoadPolicy(allow: [])).run()
            }
            let capacity = try #require(result.capacityQps, "\(result.verdict)")
            #expect(abs(capacity - rate) / rate <= 0.05, "capacity \(capacity) for a server of \(rate) q/s: \(result.verdict)")
            #expect(result.limitedBy == "server", "\(result.verdict)")
            #expect(!result.generatorBound)
            #expect(!result.capacityIsLowerBound)
            let ceiling = try #require(result.capacityCeilingQps)
            #expect(ceiling > capacity && ceiling / capacity - 1 <= 0.05 + 1e-9)
            // The failing steps failed on loss, and the loss was the server's.
            let failed = result.steps.filter { !$0.passed }
            #expect(!failed.isEmpty && failed.allSatisfy { $0.reasons.contains("loss") && !$0.generatorBound })
            #expect(result.verdict.contains("server-bound"))
        }

        /// The ramp does not stop at the first bad bucket: the capacity is the last good
        /// bucket before three bad ones in a row.
        @Test func aRampFindsTheSameKnee() async throws {
            let rate = 2_000.0
            let result = try await withCappedResponder(rate: rate) { responder in
                var request = HeadroomRequest(target: responder.address, queries: try HeadroomFixtures.queries(), queryKind: "file")
                request.mode = .ramp
                request.maxQps = rate * 2
                request.duration = 8
                request.answerTimeout = 0.5
                return try await HeadroomRun(request: request, policy: LoadPolicy(allow: [])).run()
            }
            let capacity = try #require(result.capacityQps, "\(result.verdict)")
            #expect(abs(capacity - rate) / rate <= 0.10, "ramp capacity \(capacity) for \(rate): \(result.verdict)")
            #expect(result.limitedBy == "server")
            #expect(result.steps.allSatisfy { $0.kind == "ramp" })
            #expect(result.steps.count >= 3)
            // The ramp to 4,000 q/s over 8 s has 16 buckets; it stops a little after the
            // knee (2,000 q/s, half way) instead of flooding on.
            #expect(result.steps.count < 14, "\(result.steps.count) buckets")
            #expect(result.steps.last.map { $0.offeredQps < rate * 1.5 } == true)
        }
    }
}
