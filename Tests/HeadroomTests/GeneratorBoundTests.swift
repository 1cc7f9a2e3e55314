import DNSCore
import DNSWardTestKit
import Headroom
import Testing

/// A rate this host cannot send is reported as a lower bound with the generator as the
/// limit, never as a capacity.
extension HeadroomLoad {
    @Suite(.serialized, .timeLimit(.minutes(2)))
    struct GeneratorBoundTests {
        @Test func aRateBeyondThisHostIsAGeneratorLimitNotACapacity() async throws {
            let responder = try NullResponder()
            defer { responder.stop() }
            var request = HeadroomRequest(target: responder.address, queries: try HeadroomFixtures.queries(), queryKind: "file")
            request.maxQps = 3_000_000
            request.startQps = 3_000_000
            // One short step: a third of a second at full tilt is all the proof needs, and
            // other suites share these two cores and this loopback.
            request.stepSeconds = 0.3
            request.duration = 0.3
            request.answerTimeout = 0.3
            let result = try await HeadroomRun(request: request, limits: HeadroomLimits(rateCap: 3_000_000),
                                               policy: LoadPolicy(allow: [])).run()
            let step = try #require(result.steps.first)
            #expect(step.generatorBound)
            #expect(step.reasons.contains("generator-behind"))
            #expect(step.sent < step.scheduled * 98 / 100)
            #expect(!step.passed)
            #expect(result.limitedBy == "generator", "\(result.verdict)")
            #expect(result.generatorBound)
            #expect(result.capacityIsLowerBound)
            // The search may bisect below the rate the generator could not hold, but never
            // claims a capacity at or above it, and says the figure is a lower bound.
            let above = try #require(result.generatorBoundAboveQps)
            #expect(above == 3_000_000 && result.steps.count == 1)
            if let capacity = result.capacityQps {
                #expect(capacity < above)
                #expect(result.verdict.contains("capacity at least") && result.verdict.contains("a lower bound, not a capacity"))
            } else {
                #expect(result.verdict.contains("could not keep up"))
            }
            #expect(result.steps.filter(\.generatorBound).allSatisfy { !$0.passed })
        }

        @Test func calibrationFindsTheGeneratorCeiling() async throws {
            var request = HeadroomRequest(target: try ServerAddress(parsing: "127.0.0.1"), queries: try HeadroomFixtures.queries(),
                                          queryKind: "file")
            request.mode = .calibrate
            request.maxQps = 4_000_000
            request.startQps = 1_000_000
            request.stepSeconds = 0.25
            request.duration = 0.5
            request.answerTimeout = 0.3
            let result = try await HeadroomRun(request: request, limits: HeadroomLimits(rateCap: 4_000_000),
                                               policy: LoadPolicy(allow: [])).run()
            #expect(result.mode == "calibrate")
            #expect(result.limitedBy == "generator")
            #expect(result.capacityIsLowerBound)
            // No host here sends four million queries a second: the ceiling is found below it.
            let above = try #require(result.generatorBoundAboveQps, "\(result.verdict)")
            #expect(above <= 4_000_000)
            if let ceiling = result.capacityQps { #expect(ceiling < above) }
            #expect(result.verdict.hasPrefix("generator ceiling on this host"))
        }
    }
}
