import DNSCore
@testable import Headroom
import Testing

extension HeadroomLoad {
    /// Equal-sized queries leave as segmented GSO sends, and every segment is a query the
    /// other side answers.
    @Suite(.serialized, .timeLimit(.minutes(1)))
    struct GSOTests {
        @Test func equalSizedQueriesTravelAsSegments() async throws {
            let responder = try NullResponder()
            defer { responder.stop() }
            let load = try UDPLoad(target: responder.address, queries: try HeadroomFixtures.queries("www.healthy.test A\n"),
                                   sockets: 2, gso: true)
            let phase = PhaseRequest(schedule: .constant(40_000, seconds: 0.5), bucketSeconds: 0.5, answerTimeout: 0.3)
            let measurement = await load.run(phase, live: LiveCounters(), stop: StopSignal())
            #expect(measurement.gsoUsed)
            let bucket = try #require(measurement.buckets.first)
            #expect(bucket.send.sent >= bucket.scheduled * 98 / 100)
            #expect(bucket.receive.answered >= bucket.send.sent * 99 / 100, "\(bucket.receive.answered) of \(bucket.send.sent)")
            #expect(measurement.unmatched == 0)
        }

        @Test func withoutGSOEveryQueryIsItsOwnDatagram() async throws {
            let responder = try NullResponder()
            defer { responder.stop() }
            let load = try UDPLoad(target: responder.address, queries: try HeadroomFixtures.queries("www.healthy.test A\n"),
                                   sockets: 2, gso: false)
            let phase = PhaseRequest(schedule: .constant(10_000, seconds: 0.5), bucketSeconds: 0.5, answerTimeout: 0.3)
            let measurement = await load.run(phase, live: LiveCounters(), stop: StopSignal())
            #expect(!measurement.gsoUsed)
            #expect(measurement.buckets[0].receive.answered == measurement.buckets[0].send.sent)
        }
    }
}
