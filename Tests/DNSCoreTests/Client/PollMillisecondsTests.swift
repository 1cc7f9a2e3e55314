@testable import DNSCore
import Testing

/// The AXFR connection's waits in poll(2) milliseconds: ordinary timeouts convert as they
/// always did; absurd ones are clamped instead of overflowing.
@Suite struct PollMillisecondsTests {
    @Test(arguments: [
        (Duration.seconds(10), false, Int32(10_000)),
        (.milliseconds(1500), false, 1500),
        (.microseconds(400), false, 0),
        (.microseconds(400), true, 1),
        (.milliseconds(2) + .nanoseconds(1), true, 3),
        (.zero, true, 0),
        (.milliseconds(-300), true, 0),
        (.seconds(-5), false, 0),
        (.seconds(2_147_483), false, 2_147_483_000),
        (.seconds(2_147_484), false, Int32.max),
        (.seconds(Int64.max), true, Int32.max),
    ])
    func converts(duration: Duration, roundingUp: Bool, milliseconds: Int32) {
        #expect(BlockingTCPConnection.pollMilliseconds(duration, roundingUp: roundingUp) == milliseconds)
    }
}
